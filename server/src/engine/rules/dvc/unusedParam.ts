// A parameter no stage depends on does not rerun anything when it changes, which is rarely what was meant (a renamed
// key, a stage that forgot `params:`). Only a hint: code may read params.yaml directly. Reported only next to a dvc.yaml
// that could be read in full.
import path from 'node:path';
import { isFile, readPipelineFile } from '../../dvc/dvcFiles';
import { findInterpolations, isInterpolated } from '../../dvc/interpolation';
import { isRecord } from '../../dvc/paramsData';
import type { RuleFinding } from '../../findings';
import { asMap, entries, nodeRange, type YAMLMap } from '../../yaml/nodes';
import { cleanDocuments } from '../../yaml/parsedYaml';
import type { Rule, RuleContext } from '../rule';
import { projectOf } from './dvcCheckMemo';

/** Keys of this params file that dvc.yaml reads; 'all' when it reads the whole file; undefined when it cannot be told. */
function referencedKeys(dvcData: unknown, dvcDir: string, paramsFile: string): Set<string> | 'all' | undefined {
  if (!isRecord(dvcData)) return undefined;
  const refs = new Set<string>();
  const same = (dir: string, file: string): boolean => path.resolve(dir, file) === path.resolve(paramsFile);
  const topParams = dvcData['params'];
  if (Array.isArray(topParams) && topParams.some((f: unknown) => typeof f === 'string' && same(dvcDir, f)))
    return 'all';
  const strings = (value: unknown): void => {
    if (typeof value === 'string') {
      for (const i of findInterpolations(value)) if (i.path) refs.add(i.path.map(String).join('.'));
    } else if (Array.isArray(value)) {
      value.forEach(strings);
    } else if (isRecord(value)) {
      for (const [k, v] of Object.entries(value)) {
        if (k === 'vars') continue;
        strings(k);
        strings(v);
      }
    }
  };
  strings(dvcData);
  const stages = isRecord(dvcData['stages']) ? dvcData['stages'] : {};
  for (const definition of Object.values(stages)) {
    if (!isRecord(definition)) continue;
    const body = isRecord(definition['do']) ? definition['do'] : definition;
    const wdir = typeof body['wdir'] === 'string' ? body['wdir'] : '.';
    if (isInterpolated(wdir)) return undefined;
    const stageDir = path.resolve(dvcDir, wdir);
    const params = Array.isArray(body['params']) ? (body['params'] as unknown[]) : [];
    for (const entry of params) {
      if (typeof entry === 'string') {
        if (same(stageDir, 'params.yaml')) refs.add(entry);
        continue;
      }
      if (!isRecord(entry)) continue;
      for (const [file, keys] of Object.entries(entry)) {
        if (isInterpolated(file)) return undefined;
        if (!same(stageDir, file)) continue;
        if (!Array.isArray(keys)) return 'all';
        for (const k of keys as unknown[]) if (typeof k === 'string') refs.add(k);
      }
    }
  }
  for (const ref of refs) if (isInterpolated(ref)) return undefined;
  return refs;
}

/** Every proper prefix of a reference (`a`, `a.b` for `a.b.c`): keys with something used beneath them. */
function parentsOf(refs: ReadonlySet<string>): Set<string> {
  const parents = new Set<string>();
  for (const ref of refs)
    for (let i = ref.indexOf('.'); i !== -1; i = ref.indexOf('.', i + 1)) parents.add(ref.slice(0, i));
  return parents;
}

function unused(
  ctx: RuleContext,
  map: YAMLMap,
  prefix: string,
  refs: ReadonlySet<string>,
  parents: ReadonlySet<string>,
  out: RuleFinding[],
): void {
  for (const e of entries(map)) {
    if (e.key === undefined) continue;
    const key = prefix === '' ? e.key : `${prefix}.${e.key}`;
    if (refs.has(key)) continue;
    const nested = parents.has(key);
    const child = asMap(e.value);
    if (nested && child) {
      unused(ctx, child, key, refs, parents, out);
    } else if (!nested) {
      out.push({
        message: `Parameter '${key}' is not used by dvc.yaml: no stage lists it under 'params:' or reads it with '\${}'.`,
        range: nodeRange(ctx.parsed.lines, e.keyNode),
      });
    }
  }
}

export const dvcUnusedParam: Rule = {
  id: 'dvc-unused-param',
  kinds: ['dvc-params'],
  defaultSeverity: 'hint',
  docs: {
    title: 'Parameter not used by any stage',
    description:
      'No stage in the dvc.yaml next to this params file lists the key under `params:` or reads it with `${}`, ' +
      'so changing it reruns nothing (a renamed key, or a stage that forgot to declare it). A hint only, since code may ' +
      'read the file directly; shown only when a dvc.yaml sits in the same folder.',
  },
  check(ctx) {
    const project = projectOf(ctx);
    const root = asMap(cleanDocuments(ctx.parsed)[0]?.contents);
    if (!project || !root) return [];
    const dvcFile = ['dvc.yaml', 'dvc.yml'].map((f) => path.join(project.dir, f)).find(isFile);
    if (!dvcFile) return [];
    const refs = referencedKeys(readPipelineFile(dvcFile), project.dir, ctx.path);
    if (refs === undefined || refs === 'all') return [];
    const findings: RuleFinding[] = [];
    unused(ctx, root, '', refs, parentsOf(refs), findings);
    return findings;
  },
};
