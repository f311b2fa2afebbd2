// Small helpers every benchmark shares: order statistics, machine facts and number formatting, so each bench file
// reports its figures the same way.
import fs from 'node:fs';
import os from 'node:os';
import { fileURLToPath } from 'node:url';

/** Nearest-rank percentile of a sample (p in 0..100); the sample is not modified. */
export function percentile(values, p) {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank - 1))];
}

export const median = (values) => percentile(values, 50);
export const p90 = (values) => percentile(values, 90);

/** Milliseconds with precision that suits the magnitude: 0.042, 0.91, 12.3, 1234. */
export function ms(value) {
  if (!Number.isFinite(value)) return String(value);
  if (value < 0.1) return value.toFixed(3);
  if (value < 10) return value.toFixed(2);
  if (value < 1000) return value.toFixed(1);
  return value.toFixed(0);
}

export function mb(bytes) {
  return `${(bytes / (1024 * 1024)).toFixed(2)} MB`;
}

export function ratio(ours, anchor) {
  const r = ours / anchor;
  return r < 0.01 ? r.toFixed(4) : r.toFixed(3);
}

/** One line naming the machine, printed first by every benchmark: figures mean little without it. */
export function machineLine() {
  const cpus = os.cpus();
  const model = cpus[0]?.model.trim() ?? 'unknown cpu';
  return `machine: node ${process.version}, ${model} x${cpus.length}, ${(os.totalmem() / 2 ** 30).toFixed(1)} GiB, ${os.platform()} ${os.release()}`;
}

/** The repository root (bench/lib/ is two levels below it), for reaching out/, dist/ and bin/. */
export function repoRoot() {
  return fileURLToPath(new URL('../..', import.meta.url));
}

/**
 * CPU time (user + system, ms) of this process's finished and waited-for children, grandchildren included, from
 * /proc/self/stat (cutime, cstime; Linux reports them in USER_HZ = 100 ticks a second). Undefined off Linux. Take the
 * difference around a spawnSync to get that child's CPU time: on a shared machine it is steadier than wall time.
 */
export function childrenCpuMs() {
  let stat;
  try {
    stat = fs.readFileSync('/proc/self/stat', 'utf8');
  } catch {
    return undefined;
  }
  // Fields after the command name, which is in parentheses and may hold spaces: state is field 3, cutime 16, cstime 17.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const ticks = Number(fields[16 - 3]) + Number(fields[17 - 3]);
  return Number.isFinite(ticks) ? ticks * 10 : undefined;
}

/**
 * Growth exponent k in y ~ x^k: the least-squares slope of log(y) on log(x) (1 = linear, 2 = quadratic). NaN when the
 * xs do not vary.
 */
export function growthExponent(xs, ys) {
  const lx = xs.map(Math.log);
  const ly = ys.map(Math.log);
  const mx = lx.reduce((a, b) => a + b, 0) / lx.length;
  const my = ly.reduce((a, b) => a + b, 0) / ly.length;
  let num = 0;
  let den = 0;
  for (let i = 0; i < lx.length; i++) {
    num += (lx[i] - mx) * (ly[i] - my);
    den += (lx[i] - mx) ** 2;
  }
  return den === 0 ? Number.NaN : num / den;
}
