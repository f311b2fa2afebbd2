// Cache hit rate of `actions/cache` steps, where the history says whether the cache hit. The REST API's steps carry no
// outputs, so this needs an export that joins the step's `cache-hit` output (from logs or the stand-in); steps without
// it are counted as "not reported" rather than guessed from timings.
import type { RunHistory } from '../history/runHistory';

export interface CacheStepUse {
  readonly job: string;
  readonly step: string;
  readonly runs: number;
  /** Runs whose step reported `cache-hit`. */
  readonly reported: number;
  readonly hits: number;
  /** hits / reported; undefined when nothing was reported. */
  readonly hitRate: number | undefined;
}

/** Step names GitHub gives actions/cache (and its restore half): `Run actions/cache@v4`, or a `name:` mentioning cache. */
export function isCacheStep(name: string): boolean {
  if (name.startsWith('Post ')) return false;
  return /\bactions\/cache(\/restore)?@/.test(name) || /^(restore |set ?up )?caches?\b/i.test(name);
}

export function cacheUse(history: RunHistory): CacheStepUse[] {
  const found = new Map<string, { job: string; step: string; runs: number; reported: number; hits: number }>();
  // A history repeats the same few step names thousands of times: test each name once.
  const cacheStep = new Map<string, boolean>();
  for (const r of history.jobs) {
    for (const step of r.steps) {
      let isCache = cacheStep.get(step.name);
      if (isCache === undefined) {
        isCache = isCacheStep(step.name);
        cacheStep.set(step.name, isCache);
      }
      if (!isCache || step.conclusion === 'skipped') continue;
      const key = `${r.group}\u0000${step.name}`;
      const entry = found.get(key) ?? { job: r.group, step: step.name, runs: 0, reported: 0, hits: 0 };
      entry.runs++;
      if (step.cacheHit !== undefined) {
        entry.reported++;
        if (step.cacheHit) entry.hits++;
      }
      found.set(key, entry);
    }
  }
  return [...found.values()].map((e) => ({ ...e, hitRate: e.reported > 0 ? e.hits / e.reported : undefined }));
}
