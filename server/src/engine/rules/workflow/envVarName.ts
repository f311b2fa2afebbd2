// Names in `env:` (workflow, job, step, container and service): the runner passes them to the process environment,
// where a name cannot contain '=' (it ends the name) and names with spaces or '&' cannot be used by the shells.
import type { RuleFinding } from '../../findings';
import { workflowModel, type JobModel } from '../../github/workflowModel';
import { asMap, entries, getEntry, nodeRange, type YAMLMap } from '../../yaml/nodes';
import type { Rule } from '../rule';

const INVALID = /[=&\s]/;

function envMaps(root: YAMLMap, jobs: readonly JobModel[]): YAMLMap[] {
  const env = (m: YAMLMap | undefined): YAMLMap | undefined => (m ? asMap(getEntry(m, 'env')?.value) : undefined);
  const maps: (YAMLMap | undefined)[] = [env(root)];
  for (const job of jobs) {
    maps.push(env(job.node), ...job.containers.map((c) => env(c.node)));
    for (const step of job.steps) maps.push(env(step.node));
  }
  return maps.filter((m): m is YAMLMap => m !== undefined);
}

export const envVarName: Rule = {
  id: 'env-var-name',
  kinds: ['github-workflow'],
  defaultSeverity: 'error',
  docs: {
    title: 'Environment variable name with `=`, a space or `&`',
    description:
      "Names under `env:` become environment variables of the job's processes. A name containing `=` cannot be set " +
      '(the `=` would end the name), and names with spaces or `&` cannot be read by the shells; the step does not get the ' +
      'variable it was meant to. Use letters, digits and `_`.',
  },
  check(ctx) {
    const model = workflowModel(ctx.parsed);
    if (!model) return [];
    const findings: RuleFinding[] = [];
    for (const map of envMaps(model.root, model.jobs)) {
      for (const e of entries(map)) {
        if (e.key === undefined || !e.keyNode || e.key.includes('${{') || !INVALID.test(e.key)) continue;
        const suggestion = e.key.replace(/[=&\s]+/g, '_');
        const range = nodeRange(ctx.parsed.lines, e.keyNode);
        findings.push({
          message: `'${e.key}' cannot be an environment variable name: '=', spaces and '&' are not allowed. Use letters, digits and '_' (e.g. '${suggestion}').`,
          range,
        });
      }
    }
    return findings;
  },
};
