// What the demo's start says while it works: each slow step with an honest estimate of how long it usually takes, a
// line every so often while it runs (so a first start on busy cores never looks stuck), and how long it took.
export type Progress = <T>(label: string, work: () => Promise<T>) => Promise<T>;

/** How often a running step says it is still running. */
const STILL_RUNNING_EVERY_MS = 20_000;

export function consoleProgress(
  write: (line: string) => void = (line) => {
    process.stderr.write(`${line}\n`);
  },
): Progress {
  return async <T>(label: string, work: () => Promise<T>): Promise<T> => {
    write(`${label}...`);
    const started = Date.now();
    const seconds = (): number => Math.round((Date.now() - started) / 1000);
    const ticker = setInterval(() => {
      write(`  still working, ${seconds()} s so far`);
    }, STILL_RUNNING_EVERY_MS);
    try {
      const result = await work();
      write(`  done in ${seconds()} s`);
      return result;
    } finally {
      clearInterval(ticker);
    }
  };
}

/** Runs the work and says nothing (the E2E suite prints its own account). */
export const quietProgress: Progress = (_label, work) => work();
