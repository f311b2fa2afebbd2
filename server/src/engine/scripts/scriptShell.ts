// Which program runs a `run:` script, decided as GitHub decides it: the step's `shell`, else the job's
// `defaults.run.shell`, else the workflow's, else the runner's default (bash on Linux and macOS, PowerShell on Windows).
// When that cannot be known from the file (the runner comes from an expression that may name Windows, or `shell` is
// itself an expression), the answer is 'unknown' and no linter runs: a PowerShell script linted as bash is all noise.
import { asMap, getEntry, isMap, isScalar, isSeq, scalarText, type Node, type YAMLMap } from '../yaml/nodes';

/** Programs whose scripts we lint; everything else is 'other'. */
export type LintedShell = 'bash' | 'sh' | 'python';

export type ScriptShell =
  { readonly kind: LintedShell; readonly errexit: boolean } | { readonly kind: 'other' | 'unknown' };

const UNKNOWN: ScriptShell = { kind: 'unknown' };
/** Linux and macOS runners: `bash -e {0}`. */
const RUNNER_DEFAULT: ScriptShell = { kind: 'bash', errexit: true };
const OTHER: ScriptShell = { kind: 'other' };
/**
 * GitHub's built-in shells and the commands they stand for: `bash` is `bash --noprofile --norc -eo pipefail {0}` and `sh`
 * is `sh -e {0}`, so both stop at the first failing command; `python` runs `python {0}`.
 */
const BUILT_IN: Readonly<Record<string, ScriptShell>> = {
  bash: { kind: 'bash', errexit: true },
  sh: { kind: 'sh', errexit: true },
  python: { kind: 'python', errexit: false },
  pwsh: OTHER,
  powershell: OTHER,
  cmd: OTHER,
};
const PROGRAMS: Readonly<Record<string, LintedShell>> = {
  bash: 'bash',
  sh: 'sh',
  dash: 'sh',
  python: 'python',
  python3: 'python',
};

/** A `shell:` value: a built-in name, or a command template such as `bash -l {0}` or `python3 -u {0}`. */
export function shellFromValue(value: string): ScriptShell {
  const trimmed = value.trim();
  if (trimmed.includes('${{')) return UNKNOWN;
  const builtIn = BUILT_IN[trimmed.toLowerCase()];
  if (builtIn) return builtIn;
  const words = trimmed.split(/\s+/);
  const program = (words[0] ?? '')
    .replace(/^.*[\\/]/, '')
    .replace(/\.exe$/i, '')
    .toLowerCase();
  const kind = PROGRAMS[program];
  if (!kind) return OTHER;
  // A custom command stops at the first failure only when it says so: `-e` (alone or in a cluster like `-el`) or `-o errexit`.
  const flags = words.slice(1);
  const errexit = flags.some((w, i) => /^-[a-zA-Z]*e[a-zA-Z]*$/.test(w) || (w === '-o' && flags[i + 1] === 'errexit'));
  return { kind, errexit };
}

function defaultsShell(owner: YAMLMap | undefined): string | undefined {
  const defaults = owner ? asMap(getEntry(owner, 'defaults')?.value) : undefined;
  const run = defaults ? asMap(getEntry(defaults, 'run')?.value) : undefined;
  return run ? scalarText(getEntry(run, 'shell')?.value) : undefined;
}

/** Every scalar under a node, as text (matrix values, nested in lists and `include` objects). */
function scalarsUnder(node: Node | null | undefined, out: string[] = []): string[] {
  if (isScalar(node)) {
    const text = scalarText(node);
    if (text !== undefined) out.push(text);
  } else if (isMap(node)) {
    for (const pair of node.items) scalarsUnder(pair.value as Node | null, out);
  } else if (isSeq(node)) {
    for (const item of node.items) scalarsUnder(item as Node, out);
  }
  return out;
}

/** `windows-latest`, `windows-2022`, and self-hosted names such as `win-2019-16core` (not `darwin`). */
const WINDOWS = /(?<![a-z])win/i;

/**
 * The runner's default shell from `runs-on` (a label, a list of labels, or `group`/`labels`). A label from the matrix
 * is resolved through every value the matrix can take: any Windows value, or a matrix built by an expression, leaves the
 * shell unknown. Other expressions (`inputs.runner`, `fromJSON(...)`) could name any runner: unknown too.
 */
function runnerShell(job: YAMLMap): ScriptShell {
  const runsOn = getEntry(job, 'runs-on')?.value;
  const labelsNode = isMap(runsOn) ? getEntry(runsOn, 'labels')?.value : runsOn;
  const labels = scalarsUnder(labelsNode);
  if (labels.some((l) => WINDOWS.test(l))) return OTHER;
  for (const label of labels.filter((l) => l.includes('${{'))) {
    if (!/\bmatrix\b/.test(label)) return UNKNOWN;
    const strategy = asMap(getEntry(job, 'strategy')?.value);
    const matrix = strategy ? getEntry(strategy, 'matrix')?.value : undefined;
    if (!isMap(matrix)) return UNKNOWN;
    const values = scalarsUnder(matrix);
    if (values.some((v) => v.includes('${{') || WINDOWS.test(v))) return UNKNOWN;
  }
  return RUNNER_DEFAULT;
}

/** The shell of a workflow job's `run:` step. */
export function workflowStepShell(workflow: YAMLMap, job: YAMLMap, step: YAMLMap): ScriptShell {
  const chosen = scalarText(getEntry(step, 'shell')?.value) ?? defaultsShell(job) ?? defaultsShell(workflow);
  return chosen !== undefined ? shellFromValue(chosen) : runnerShell(job);
}

/** The shell of a composite action's `run:` step: GitHub requires `shell` there, so without it nothing runs. */
export function compositeStepShell(step: YAMLMap): ScriptShell {
  const chosen = scalarText(getEntry(step, 'shell')?.value);
  return chosen !== undefined ? shellFromValue(chosen) : UNKNOWN;
}
