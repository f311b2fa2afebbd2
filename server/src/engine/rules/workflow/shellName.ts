// `shell:` of `run` steps and of `defaults.run`: the runner accepts its built-in shells or a command with `{0}` (the
// script's path); anything else fails the step. Which built-ins exist depends on the runner's OS, known from `runs-on`.
import type { RuleFinding } from '../../findings';
import { workflowModel, type JobModel } from '../../github/workflowModel';
import { asMap, getEntry, nodeRange, scalarText, type Node, type YAMLMap } from '../../yaml/nodes';
import type { Rule, RuleContext } from '../rule';
import { jobRunnerOs, type OsFamily } from './runnerLabel';

/** The runner's built-in shells ("Invalid shell option. Shell must be a valid built-in (bash, sh, cmd, powershell, pwsh) or a format string containing '{0}'"), and python. */
const BUILT_IN = ['bash', 'sh', 'pwsh', 'python', 'cmd', 'powershell'];
const WINDOWS_ONLY = new Set(['cmd', 'powershell']);

function defaultsShell(map: YAMLMap | undefined): Node | undefined {
  const defaults = map ? asMap(getEntry(map, 'defaults')?.value) : undefined;
  const run = defaults ? asMap(getEntry(defaults, 'run')?.value) : undefined;
  return run ? (getEntry(run, 'shell')?.value ?? undefined) : undefined;
}

function checkShell(ctx: RuleContext, node: Node, os: OsFamily | undefined): RuleFinding | undefined {
  const text = scalarText(node);
  if (text === undefined || text.includes('${{') || text.includes('{0}')) return undefined;
  const name = text.trim().toLowerCase();
  const range = nodeRange(ctx.parsed.lines, node);
  if (!BUILT_IN.includes(name)) {
    return {
      message: `'${text}' is not a shell the runner knows, so the step fails. Use one of ${BUILT_IN.map((s) => `'${s}'`).join(', ')}, or a command with '{0}' for the script's path (e.g. '${name || 'fish'} {0}').`,
      range,
    };
  }
  if (os && os !== 'windows' && WINDOWS_ONLY.has(name)) {
    return {
      message: `'${text}' exists only on Windows runners; this job runs on ${os === 'linux' ? 'Linux' : 'macOS'}, so the step fails. Use 'pwsh' (PowerShell Core) or 'bash'.`,
      range,
    };
  }
  if (os === 'windows' && name === 'sh') {
    // GitHub's Windows images put Git's sh on PATH; other Windows runners may not have it.
    return {
      message:
        "'sh' on Windows runs only where Git's sh is on PATH (GitHub's images have it, other runners may not). Prefer 'bash' or 'pwsh'.",
      range,
      severity: 'warning',
    };
  }
  return undefined;
}

export const shellName: Rule = {
  id: 'shell-name',
  kinds: ['github-workflow'],
  defaultSeverity: 'error',
  docs: {
    title: '`shell` names a shell the runner does not have',
    description:
      'A `run` step runs with a built-in shell (`bash`, `sh`, `pwsh`, `python`, and on Windows `cmd` and `powershell`) or ' +
      'with a command template containing `{0}` (`perl {0}`). Any other name (`dash`, `fish`) fails the step, as does a ' +
      'Windows-only shell on a Linux or macOS runner. The OS comes from `runs-on` (its labels or the matrix values it reads); ' +
      'when it is not known, only names that exist nowhere are reported.',
  },
  check(ctx) {
    const model = workflowModel(ctx.parsed);
    if (!model) return [];
    const findings: RuleFinding[] = [];
    const push = (f: RuleFinding | undefined): void => {
      if (f) findings.push(f);
    };
    const workflowDefault = defaultsShell(model.root);
    const oses = new Set(model.jobs.map((j) => jobRunnerOs(j)));
    // A workflow default applies to every job: judge it by an OS only when all jobs share it.
    if (workflowDefault) push(checkShell(ctx, workflowDefault, oses.size === 1 ? [...oses][0] : undefined));
    for (const job of model.jobs) findings.push(...jobShells(ctx, job));
    return findings;
  },
};

function jobShells(ctx: RuleContext, job: JobModel): RuleFinding[] {
  const os = jobRunnerOs(job);
  const nodes = [defaultsShell(job.node), ...job.steps.map((s) => getEntry(s.node, 'shell')?.value ?? undefined)];
  return nodes.flatMap((n) => (n ? [checkShell(ctx, n, os)] : [])).filter((f): f is RuleFinding => f !== undefined);
}
