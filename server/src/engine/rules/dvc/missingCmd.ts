// A stage must say what to run. DVC's schema requires `cmd` in every stage definition, in the `do` of a foreach stage,
// and `foreach` and `do` only come together. A frozen stage is never run, so it is left alone.
import { dvcPipelineModel, entryOf } from '../../dvc/dvcModel';
import type { RuleFinding } from '../../findings';
import { nodeRange } from '../../yaml/nodes';
import type { Rule } from '../rule';

export const dvcMissingCmd: Rule = {
  id: 'dvc-missing-cmd',
  kinds: ['dvc-pipeline'],
  defaultSeverity: 'error',
  docs: {
    title: 'Stage has no command',
    description:
      'Every stage needs `cmd` (a string, or a list run in order); a `foreach` stage needs a `do` block with ' +
      '`cmd`, and `do` is only valid next to `foreach`. DVC rejects the whole dvc.yaml otherwise. Frozen stages are not ' +
      'reported, since `dvc repro` never runs them.',
  },
  check(ctx) {
    const model = dvcPipelineModel(ctx.parsed);
    if (!model) return [];
    const findings: RuleFinding[] = [];
    const at = (node: Parameters<typeof nodeRange>[1]): RuleFinding['range'] => nodeRange(ctx.parsed.lines, node);
    for (const stage of model.stages) {
      const doEntry = entryOf(stage.node, 'do');
      if (stage.form === 'foreach') {
        if (!doEntry)
          findings.push({
            message: `Stage '${stage.name}' has 'foreach' but no 'do' block to generate stages from.`,
            range: at(stage.keyNode),
          });
        else if (stage.body && stage.cmd === undefined && !stage.frozen) {
          findings.push({
            message: `The 'do' block of stage '${stage.name}' has no 'cmd'.`,
            range: at(doEntry.keyNode),
          });
        }
        continue;
      }
      if (doEntry) {
        findings.push({
          message: `Stage '${stage.name}' has 'do' without 'foreach'; 'do' is the template of a foreach stage.`,
          range: at(doEntry.keyNode),
        });
        continue;
      }
      if (stage.cmd === undefined && !stage.frozen)
        findings.push({
          message: `Stage '${stage.name}' has no 'cmd': DVC needs a command to run.`,
          range: at(stage.keyNode),
        });
    }
    return findings;
  },
};
