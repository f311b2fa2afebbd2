// Outputs of the other dvc.yaml files of a DVC project: DVC builds one graph for the whole project, so a dep may be
// written by a stage defined in another folder. Read without interpolation; templated paths become patterns.
import path from 'node:path';
import { pipelineFilesIn, readPipelineFile, type DvcProject } from './dvcFiles';
import { isInterpolated } from './interpolation';
import { isRecord } from './paramsData';
import { OutputIndex, templatePattern, toPosix } from './pipelineGraph';

export interface ForeignOutputs {
  readonly index: OutputIndex<{ readonly path: string }>;
  readonly patterns: readonly RegExp[];
}

function outputPaths(list: unknown): string[] {
  if (!Array.isArray(list)) return [];
  return list.flatMap((item: unknown) => (typeof item === 'string' ? [item] : isRecord(item) ? Object.keys(item) : []));
}

/** Undefined when the project is too large to scan: then nothing may be concluded from an absent output. */
export function otherPipelineOutputs(project: DvcProject, self: string): ForeignOutputs | undefined {
  const files = pipelineFilesIn(project.root);
  if (!files) return undefined;
  const paths: { path: string }[] = [];
  const patterns: RegExp[] = [];
  for (const file of files) {
    if (path.resolve(file) === path.resolve(self)) continue;
    const data = readPipelineFile(file);
    const stages = isRecord(data) ? data['stages'] : undefined;
    if (!isRecord(stages)) continue;
    for (const definition of Object.values(stages)) {
      if (!isRecord(definition)) continue;
      const body = isRecord(definition['do']) ? definition['do'] : definition;
      const wdir = typeof body['wdir'] === 'string' ? body['wdir'] : '.';
      for (const out of [
        ...outputPaths(body['outs']),
        ...outputPaths(body['metrics']),
        ...outputPaths(body['plots']),
      ]) {
        if (isInterpolated(out) || isInterpolated(wdir)) patterns.push(templatePattern(out));
        else paths.push({ path: toPosix(path.resolve(path.dirname(file), wdir, out)) });
      }
    }
  }
  return { index: new OutputIndex(paths), patterns };
}
