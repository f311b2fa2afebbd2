// Checks the files of a `preflight check` run on several threads. The main thread checks batches of files itself from
// the first moment; worker threads join as soon as they have loaded (a cold start that costs what a hundred or more
// warm files do, so smaller runs start none) and take batches from the same queue. Each thread then lints the scripts of the
// files it checked. A worker that dies loses nothing: its files are checked again on the main thread. The result does
// not depend on which thread checked which file: files are reported in the order of the targets.
import { existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { setImmediate as nextTurn } from 'node:timers/promises';
import type { ExternalReport, ExternalTools } from '../../engine/checkExternal';
import type { Finding } from '../../engine/findings';
import { CheckThread } from './checkThread';
import {
  FileChecker,
  type CheckedBatch,
  type CheckedFile,
  type CheckTarget,
  type ExternalPart,
  type Noted,
} from './fileChecker';

/** Next to this module in the bundle (dist/cli.js, dist/cliCheckWorker.js) and in the compiled tree the tests run. */
const WORKER_FILE = path.join(__dirname, 'cliCheckWorker.js');
/** Files per hand-over: small enough to share the tail of the run evenly, large enough that messages cost nothing. */
const BATCH = 8;
/**
 * A worker starts cold: loading the bundle and running the parser and rules before V8 has warmed them up costs it about
 * what the main thread, warm by then, spends on a hundred workflows or more. Measured on 300 real workflows on two cores:
 * one worker took the run from 2.5 s to 2.0 s with the optimizing compiler off (shortRunTiering.ts), and gained nothing
 * with it on. Fewer files than this per worker would not pay for the start.
 */
const FILES_PER_WORKER = 200;
/** Beyond this, more threads mostly add start-up and memory on typical repositories. */
const DEFAULT_MAX_THREADS = 4;

export interface CheckRun {
  /** In target order; targets that are not pipeline files are absent. */
  readonly files: readonly CheckedFile[];
  /** Findings of the external linters, and what they could not check, with `file` a position in `files`. */
  readonly external: ExternalReport;
  readonly skipped: readonly string[];
  readonly configProblems: readonly string[];
  /** Threads that checked files (the main thread included). */
  readonly threads: number;
  /** Why each worker that died stopped; their files were checked again on the main thread. */
  readonly lostWorkers: readonly string[];
}

export interface CheckRunOptions {
  /**
   * Threads to use, the main thread included (1: the main thread only). Default: one more per FILES_PER_WORKER files,
   * up to the cores other processes leave free and at most 4.
   */
  readonly threads?: number | undefined;
  /** The linters to run once all files are checked (looked for meanwhile). */
  readonly tools: Promise<ExternalTools>;
  readonly workerFile?: string;
  /**
   * False: the main thread only hands out work, from the moment every worker has loaded (unless none can start). For
   * tests that must exercise every worker whatever the machine's load; a real run is faster with the main thread checking.
   */
  readonly mainThreadChecks?: boolean;
}

/** How many cores the machine has, and how many are busy (the one-minute load average; 0 where the OS has none). */
export interface MachineLoad {
  readonly cores: number;
  readonly load: number;
}

function machineLoad(): MachineLoad {
  return {
    cores: typeof os.availableParallelism === 'function' ? os.availableParallelism() : os.cpus().length,
    load: os.loadavg()[0] ?? 0,
  };
}

/**
 * Threads asked for (`--threads N`) are started while there is a batch for each. Otherwise one more thread per
 * FILES_PER_WORKER files, but only on cores other processes leave free: on a busy machine a worker competes with them
 * for a core and, starting cold, made the run slower (300 workflows on two cores at load 2: 3.4 s with a worker, 2.7 s
 * without).
 */
export function threadCount(files: number, threads: number | undefined, machine: MachineLoad = machineLoad()): number {
  const batches = Math.ceil(files / BATCH);
  if (threads !== undefined) return Math.max(1, Math.min(threads, batches));
  const freeCores = Math.round(machine.cores - machine.load);
  return Math.max(1, Math.min(freeCores, DEFAULT_MAX_THREADS, 1 + Math.floor(files / FILES_PER_WORKER)));
}

export async function checkTargets(targets: readonly CheckTarget[], options: CheckRunOptions): Promise<CheckRun> {
  const workerFile = options.workerFile ?? WORKER_FILE;
  const workers = existsSync(workerFile) ? threadCount(targets.length, options.threads) - 1 : 0;
  const threads = Array.from({ length: workers }, () => new CheckThread(workerFile));
  try {
    return await checkOn(threads, targets, options);
  } finally {
    await Promise.all(threads.map((t) => t.stop()));
  }
}

async function checkOn(
  threads: readonly CheckThread[],
  targets: readonly CheckTarget[],
  options: CheckRunOptions,
): Promise<CheckRun> {
  const queue: CheckTarget[][] = [];
  for (let start = 0; start < targets.length; start += BATCH) queue.push(targets.slice(start, start + BATCH));
  const main = new FileChecker();
  const batches = new Map<CheckThread | FileChecker, CheckedBatch[]>([[main, []]]);
  let drained = (): void => undefined;
  const queueEmpty = new Promise<void>((resolve) => {
    drained = resolve;
  });

  const checkQueueOnMain = async (): Promise<void> => {
    for (let batch = queue.shift(); batch; batch = queue.shift()) {
      batches.get(main)?.push(await main.checkBatch(batch));
      await nextTurn(); // let the workers' answers in, so they get their next batch without waiting for ours
    }
  };
  const workersOnly = options.mainThreadChecks === false && threads.length > 0;
  // Workers only: each takes its first batch once all have loaded, so every worker gets work whatever the load.
  const allReady = Promise.all(threads.map((t) => t.ready));
  const onMain = async (): Promise<void> => {
    if (workersOnly) await allReady;
    else await checkQueueOnMain();
    drained(); // workers still loading need not start
  };
  const onWorker = async (thread: CheckThread): Promise<void> => {
    const ready = await Promise.race([thread.ready, queueEmpty.then(() => false)]);
    if (!ready) return;
    if (workersOnly) await allReady;
    const own: CheckedBatch[] = [];
    batches.set(thread, own);
    for (let batch = queue.shift(); batch; batch = queue.shift()) {
      thread.owned.push(...batch);
      own.push((await thread.request({ type: 'check', targets: batch }, 'checked')).batch);
    }
  };
  // A worker's failure is handled below (its files are redone); only the main thread's own errors end the run.
  await Promise.all([onMain(), ...threads.map((t) => onWorker(t).catch(() => undefined))]);
  await checkQueueOnMain(); // what workers that died left in the queue

  const tools = await options.tools;
  const fromWorkers = threads.map((t) =>
    t.owned.length === 0 || t.dead !== undefined
      ? Promise.resolve(undefined)
      : t.request({ type: 'external', tools }, 'external').catch(() => undefined),
  );
  const parts: ExternalPart[] = [await main.external(tools)];
  for (const reply of await Promise.all(fromWorkers)) if (reply) parts.push(reply.part);

  // The files of workers that died, checked again here: never dropped in silence.
  const lost = threads.filter((t) => t.dead !== undefined && t.owned.length > 0);
  for (const thread of lost) batches.delete(thread);
  const redo = lost.flatMap((t) => t.owned).sort((a, b) => a.index - b.index);
  if (redo.length > 0) {
    const rescue = new FileChecker();
    batches.set(rescue, [await rescue.checkBatch(redo)]);
    parts.push(await rescue.external(tools));
  }
  const threadsUsed = [...batches.values()].filter((b) =>
    b.some((x) => x.files.length > 0 || x.skipped.length > 0),
  ).length;
  return {
    ...assemble([...batches.values()].flat(), parts),
    threads: threadsUsed,
    lostWorkers: lost.map((t) => t.dead ?? ''),
  };
}

function assemble(
  batches: readonly CheckedBatch[],
  parts: readonly ExternalPart[],
): Omit<CheckRun, 'threads' | 'lostWorkers'> {
  const files = batches.flatMap((b) => b.files).sort((a, b) => a.index - b.index);
  const position = new Map(files.map((f, i) => [f.index, i]));
  const findings: Finding[][] = files.map(() => []);
  for (const part of parts)
    for (const [index, found] of part.findings) findings[position.get(index) ?? -1]?.push(...found);
  const unchecked = parts.flatMap((p) => p.unchecked).map((u) => ({ ...u, file: position.get(u.file) ?? -1 }));
  unchecked.sort((a, b) => a.file - b.file || a.range.start.line - b.range.start.line || a.tool.localeCompare(b.tool));
  const withoutTool = { shellcheck: 0, pyflakes: 0 };
  for (const part of parts) {
    withoutTool.shellcheck += part.withoutTool.shellcheck;
    withoutTool.pyflakes += part.withoutTool.pyflakes;
  }
  const inOrder = (noted: readonly Noted[]): string[] =>
    [...noted].sort((a, b) => a.index - b.index).map((n) => n.text);
  return {
    files,
    external: { findings, unchecked, withoutTool },
    skipped: inOrder(batches.flatMap((b) => b.skipped)),
    configProblems: [...new Set(inOrder(batches.flatMap((b) => b.configProblems)))],
  };
}
