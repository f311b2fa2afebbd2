// A `preflight check` run is short: typically a few hundred kilobytes of YAML, checked once, then the process exits.
// V8's optimizing compiler (TurboFan) recompiles the hot functions of the YAML parser and the rules on the way, and on
// such runs that costs more than the optimized code saves. Measured on 300 real workflows (1.3 MB, two cores): without
// it a thread uses about 30 % less CPU; the wall time is the same on an idle machine (TurboFan compiles on a spare
// core) and shorter on a busy one, and a worker thread, which starts cold, pays off (2.5 s on one thread, 2.0 s on two,
// against no gain with TurboFan on). An 800 KB workflow also checked faster; on all 1,446 workflows (6.5 MB) TurboFan
// won. So below a couple of megabytes of input the command turns it off for its own process (worker threads included:
// V8 flags are per process). The language server, which lives for hours, keeps it.
import v8 from 'node:v8';

/** Input from which the optimizing compiler pays back its cost in one run (between the measurements above). */
const OPTIMIZE_FROM_BYTES = 2 * 1024 * 1024;

/** Turns the optimizing compiler off for a run over `totalBytes` of input when that is faster; says whether it did. */
export function tuneForShortRun(totalBytes: number): boolean {
  if (totalBytes >= OPTIMIZE_FROM_BYTES) return false;
  v8.setFlagsFromString('--no-opt');
  return true;
}
