// The workflow's side of the insights: each job's display name (how the API names its runs), its `needs`, its matrix
// size and its runner labels, plus a resolver from an API job name back to the job id that defines it.
import { nodeData } from '../dvc/dvcScope';
import type { JobModel, WorkflowModel } from '../github/workflowModel';
import { runJobFinder } from '../runs/runLocations';
import type { LineIndex } from '../../../../shared/lineIndex';
import { getEntry, asMap, type Node } from '../yaml/nodes';

export interface WorkflowJobInfo {
  readonly id: string;
  /** `name:` as written, or the id: what the API calls the job (before a matrix suffix). */
  readonly displayName: string;
  readonly needs: readonly string[];
  /** 0-based line of the job's key. */
  readonly line: number;
  /** Legs of a static matrix; undefined without a matrix, 'dynamic' when it comes from an expression. */
  readonly matrixLegs: number | 'dynamic' | undefined;
  /** `runs-on` labels when written literally. */
  readonly runsOn: readonly string[];
  readonly model: JobModel;
}

/** Above this many combinations we stop enumerating: GitHub's own limit is 256 jobs per matrix. */
const MAX_COMBINATIONS = 256;

type Combination = Record<string, unknown>;

const sameValue = (a: unknown, b: unknown): boolean => JSON.stringify(a) === JSON.stringify(b);
const matchesAll = (combo: Combination, partial: Combination): boolean =>
  Object.entries(partial).every(([k, v]) => Object.hasOwn(combo, k) && sameValue(combo[k], v));

/**
 * Number of jobs a matrix expands to, by GitHub's rules: the cross product of the vectors, minus `exclude` entries
 * (partial matches), then each `include` either extends the combinations it fits without overwriting an original
 * value, or adds one of its own.
 */
export function matrixSize(matrix: unknown): number | 'dynamic' {
  if (typeof matrix !== 'object' || matrix === null || Array.isArray(matrix)) return 'dynamic';
  let combos: Combination[] = [{}];
  const vectorKeys: string[] = [];
  for (const [key, values] of Object.entries(matrix)) {
    if (key === 'include' || key === 'exclude') continue;
    if (!Array.isArray(values)) return 'dynamic';
    vectorKeys.push(key);
    combos = combos.flatMap((c) => values.map((v: unknown) => ({ ...c, [key]: v })));
    if (combos.length > MAX_COMBINATIONS * 16) return 'dynamic';
  }
  if (vectorKeys.length === 0) combos = [];
  const record = matrix as Record<string, unknown>;
  const list = (v: unknown): Combination[] | undefined =>
    v === undefined
      ? []
      : Array.isArray(v) && v.every((e) => typeof e === 'object' && e !== null && !Array.isArray(e))
        ? (v as Combination[])
        : undefined;
  const excludes = list(record['exclude']);
  const includes = list(record['include']);
  if (!excludes || !includes) return 'dynamic';
  combos = combos.filter((c) => !excludes.some((e) => matchesAll(c, e)));
  let added = 0;
  for (const include of includes) {
    const fitsOne = combos.some((c) =>
      vectorKeys.every((k) => !Object.hasOwn(include, k) || sameValue(c[k], include[k])),
    );
    if (!fitsOne) added++;
  }
  return combos.length + added;
}

function runsOnLabels(node: Node | null): string[] {
  const data = nodeData(node);
  const labels =
    typeof data === 'string'
      ? [data]
      : Array.isArray(data)
        ? data
        : typeof data === 'object' && data !== null
          ? [(data as Record<string, unknown>)['labels']].flat()
          : [];
  return labels.filter((l): l is string => typeof l === 'string' && !l.includes('${{'));
}

function matrixLegs(job: JobModel): number | 'dynamic' | undefined {
  if (job.matrixKeys === undefined) return undefined;
  const strategy = asMap(getEntry(job.node, 'strategy')?.value);
  const matrix = strategy ? getEntry(strategy, 'matrix')?.value : undefined;
  return matrix === undefined ? 'dynamic' : matrixSize(nodeData(matrix));
}

export function workflowJobsOf(model: WorkflowModel, lines: LineIndex): WorkflowJobInfo[] {
  return model.jobs.map((job) => ({
    id: job.id,
    displayName: job.name ?? job.id,
    needs: job.needs.map((n) => n.name),
    line: lines.positionAt(job.keyNode.range?.[0] ?? 0).line,
    matrixLegs: matrixLegs(job),
    runsOn: runsOnLabels(job.runsOn),
    model: job,
  }));
}

/**
 * Resolves an API job name (matrix suffix already removed) to the workflow job id, as runs/ relates every API job to
 * its `jobs:` entry (reusable workflows' "caller / called job" included).
 */
export function jobIdResolver(jobs: readonly WorkflowJobInfo[]): (group: string) => string | undefined {
  const jobOf = runJobFinder(jobs.map((j) => j.model));
  return (group) => jobOf(group)?.id;
}
