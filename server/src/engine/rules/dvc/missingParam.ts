// `params:` of a stage names keys of a params file (params.yaml by default, relative to the stage's wdir). DVC fails
// the stage when a key or the file is missing, but only when it runs; here the file on disk is read as you type.
import path from 'node:path';
import { readDataFile, type DataFile } from '../../dvc/dvcFiles';
import { dvcPipelineModel, type StringRef } from '../../dvc/dvcModel';
import { stageDir, stageScope } from '../../dvc/dvcScope';
import { isInterpolated } from '../../dvc/interpolation';
import { hasDottedKey, isRecord } from '../../dvc/paramsData';
import type { RuleFinding } from '../../findings';
import { closestMatch } from '../../text/didYouMean';
import { addParamKeyEdit } from '../../dvc/paramsKeyInsertion';
import type { Fix } from '../../findings';
import { nodeRange } from '../../yaml/nodes';
import type { Rule } from '../rule';
import { globalScopeOf, projectOf } from './dvcCheckMemo';

/** Every key of a params file, dotted (`train`, `train.lr`), for "did you mean". */
export function dottedKeys(data: unknown, prefix = ''): string[] {
  if (!isRecord(data)) return [];
  return Object.entries(data).flatMap(([k, v]) => {
    const key = prefix === '' ? k : `${prefix}.${k}`;
    return [key, ...dottedKeys(v, key)];
  });
}

export const dvcMissingParam: Rule = {
  id: 'dvc-missing-param',
  kinds: ['dvc-pipeline'],
  defaultSeverity: 'error',
  docs: {
    title: 'Stage parameter missing from the params file',
    description:
      "Each key under a stage's `params:` must exist in its params file (`params.yaml` next to dvc.yaml, or " +
      "relative to the stage's `wdir`; `other.yaml: [keys]` for another file). Otherwise `dvc repro` stops with " +
      '"Parameters … are missing". Checked only for a dvc.yaml saved inside a DVC project, against the params file on disk; ' +
      'a near miss comes with a quick fix.',
  },
  check(ctx) {
    const model = dvcPipelineModel(ctx.parsed);
    const project = projectOf(ctx);
    const global = globalScopeOf(ctx);
    if (!model || !project || !global) return [];
    const findings: RuleFinding[] = [];
    // Every plain key is an entry of its own, mostly naming the same file: one stat per file and check, not per key.
    const files = new Map<string, DataFile>();
    const load = (file: string): DataFile => {
      let loaded = files.get(file);
      if (!loaded) files.set(file, (loaded = readDataFile(file)));
      return loaded;
    };
    for (const stage of model.stages) {
      const dir = stageDir(stage, project.dir, stageScope(stage, global, project).data);
      if (dir === undefined) continue;
      for (const entry of stage.params) {
        const fileName = entry.file?.text ?? 'params.yaml';
        if (isInterpolated(fileName)) continue;
        const file = path.resolve(dir, fileName);
        const loaded = load(file);
        if (loaded.status === 'unknown') continue;
        // Worded only for a finding: most keys exist.
        const shown = (): string => path.relative(project.dir, file).replace(/\\/g, '/');
        if (loaded.status === 'missing') {
          const where = entry.file ?? entry.keys[0];
          if (where)
            findings.push({
              message: `Stage '${stage.name}' reads parameters from '${shown()}', which does not exist.`,
              range: nodeRange(ctx.parsed.lines, where.node),
            });
          continue;
        }
        for (const key of entry.keys)
          findings.push(...missingKey(ctx.parsed.lines, stage.name, shown, loaded.data, key, file));
      }
    }
    return findings;
  },
};

function missingKey(
  lines: Parameters<typeof nodeRange>[0],
  stage: string,
  shown: () => string,
  data: unknown,
  key: StringRef,
  paramsFile: string,
): RuleFinding[] {
  if (isInterpolated(key.text) || hasDottedKey(data, key.text)) return [];
  const file = shown();
  const suggestion = closestMatch(key.text, dottedKeys(data));
  const range = nodeRange(lines, key.node);
  return [
    {
      message: `Stage '${stage}' uses parameter '${key.text}', which is not in '${file}'.${suggestion ? ` Did you mean '${suggestion}'?` : ''}`,
      range,
      fixes: [
        ...(suggestion ? [{ title: `Change to '${suggestion}'`, edits: [{ range, newText: suggestion }] }] : []),
        ...addKeyFix(paramsFile, file, key.text),
      ],
    },
  ];
}

/** Adding the key to the params file: a default fix (the value is the user's to choose), edits in that other file. */
function addKeyFix(paramsFile: string, shown: string, key: string): Fix[] {
  const edit = addParamKeyEdit(paramsFile, key);
  return edit
    ? [
        {
          title: `Add '${key}' to ${shown} (then set its value)`,
          confidence: 'default',
          file: paramsFile,
          edits: [edit],
        },
      ]
    : [];
}
