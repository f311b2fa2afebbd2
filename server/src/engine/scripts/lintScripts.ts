// Runs an external linter over many scripts: one process per batch of files (process start-up dominated when each
// script had its own), at most one process per core at a time (all at once, they starved each other past their time
// limit), and a batch that fails is split and retried, so one bad script costs only its own findings, and that loss is
// reported instead of silently returning nothing. The same scripts give the same results on every run.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** What one linter process said about a batch: comments per file (by its index in the batch), or why it said nothing. */
export type BatchOutput<C> = { readonly comments: ReadonlyMap<number, readonly C[]> } | { readonly failure: string };

export interface ScriptLinter<C> {
  /** File name ending the tool expects, e.g. `.sh`. */
  readonly extension: string;
  /** Runs the tool once over the given files. */
  run(files: readonly string[]): Promise<BatchOutput<C>>;
}

/** Per script: the linter's comments, or why the linter could not check it. */
export type ScriptResult<C> = { readonly comments: readonly C[] } | { readonly failure: string };

/** Large enough that process start-up vanishes, small enough that a failed batch is cheap to split and retry. */
const MAX_BATCH = 100;

export function toolParallelism(): number {
  return Math.max(1, typeof os.availableParallelism === 'function' ? os.availableParallelism() : os.cpus().length);
}

/** Runs `task` over `items` with at most `limit` running at once; results in input order. */
export async function mapLimited<T, R>(
  items: readonly T[],
  limit: number,
  task: (item: T) => Promise<R>,
): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const index = next++;
      results[index] = await task(items[index] as T);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}

async function lintBatch<C>(linter: ScriptLinter<C>, files: readonly string[]): Promise<ScriptResult<C>[]> {
  const output = await linter.run(files);
  if ('comments' in output) return files.map((_f, i) => ({ comments: output.comments.get(i) ?? [] }));
  if (files.length === 1) return [{ failure: output.failure }];
  // Which file made it fail is unknown: halve until the failure is pinned to single scripts.
  const middle = Math.ceil(files.length / 2);
  return [...(await lintBatch(linter, files.slice(0, middle))), ...(await lintBatch(linter, files.slice(middle)))];
}

export async function lintScripts<C>(linter: ScriptLinter<C>, scripts: readonly string[]): Promise<ScriptResult<C>[]> {
  if (scripts.length === 0) return [];
  const dir = mkdtempSync(path.join(os.tmpdir(), 'preflight-lint-'));
  try {
    const files = scripts.map((script, i) => {
      const file = path.join(dir, `${i}${linter.extension}`);
      writeFileSync(file, script);
      return file;
    });
    const parallel = toolParallelism();
    const size = Math.min(MAX_BATCH, Math.ceil(files.length / parallel));
    const batches: string[][] = [];
    for (let start = 0; start < files.length; start += size) batches.push(files.slice(start, start + size));
    return (await mapLimited(batches, parallel, (batch) => lintBatch(linter, batch))).flat();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
