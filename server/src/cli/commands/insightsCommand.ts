// `preflight insights (--runs FILE --jobs FILE | --repo OWNER/NAME [--api-url URL] [--limit N]) [--workflow FILE]
// [--format text|json] [--runner-rates LABEL=N,...]`: durations, critical path, regressions, runner minutes and
// suggestions from run history, exported (`gh api` JSON) or fetched from the Actions API (token from $GITHUB_TOKEN).
import { promises as fs } from 'node:fs';
import path from 'node:path';
import type { WorkflowJob, WorkflowRun } from '../../../../shared/githubApi';
import { fetchRunHistory } from '../../engine/insights/fetchRunHistory';
import { parseJobs, parseRuns, type Parsed } from '../../engine/insights/historyInput';
import { computeInsights, insightsHistory } from '../../engine/insights/insights';
import { durationModelReport } from '../../engine/model/duration/durationInsights';
import { formatDurationModelText } from '../formats/durationModelText';
import { runsOfWorkflow, workflowContext } from '../../engine/insights/workflowContext';
import { parseArgs, stringFlag } from '../args';
import { formatInsightsText } from '../formats/insightsText';
import { UsageError } from '../usageError';
import { githubClient, repoFlag } from './githubOptions';

export const INSIGHTS_USAGE =
  'preflight insights (--runs FILE --jobs FILE | --repo OWNER/NAME [--api-url URL] [--limit N]) [--workflow FILE] [--format text|json] [--runner-rates LABEL=N,...]';

/** Runs fetched with --repo unless --limit says otherwise: a few minutes of API budget at most. */
const DEFAULT_LIMIT = 100;
const MAX_LIMIT = 1000;

async function readJson(file: string, cwd: string, what: string): Promise<unknown> {
  let text: string;
  try {
    text = await fs.readFile(path.resolve(cwd, file), 'utf8');
  } catch {
    throw new UsageError(`${file}: cannot read the ${what} file`);
  }
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new UsageError(`${file}: not valid JSON (${reason}); export it with \`gh api --paginate --slurp ...\``);
  }
}

function unwrap<T>(parsed: Parsed<T>): T {
  if (!parsed.ok) throw new UsageError(parsed.error);
  return parsed.value;
}

/** `ubuntu-latest-16-cores=8,gpu=20`: per-label multipliers for runners GitHub does not price at a standard rate. */
export function parseRunnerRates(text: string): Record<string, number> {
  const rates: Record<string, number> = {};
  for (const part of text
    .split(',')
    .map((p) => p.trim())
    .filter(Boolean)) {
    const eq = part.lastIndexOf('=');
    const rate = Number(part.slice(eq + 1));
    if (eq <= 0 || !Number.isFinite(rate) || rate < 0)
      throw new UsageError(`--runner-rates: '${part}' is not LABEL=MULTIPLIER (e.g. ubuntu-latest-16-cores=8)`);
    rates[part.slice(0, eq)] = rate;
  }
  return rates;
}

export async function runInsights(
  argv: readonly string[],
  cwd: string,
  env: NodeJS.ProcessEnv = {},
  progress: (line: string) => void = () => undefined,
): Promise<{ output: string; exitCode: number }> {
  const args = parseArgs(argv, ['runs', 'jobs', 'workflow', 'format', 'repo', 'api-url', 'runner-rates', 'limit'], []);
  if (args.positionals.length > 0)
    throw new UsageError(
      `insights takes no positional arguments (got '${args.positionals[0] ?? ''}')\n${INSIGHTS_USAGE}`,
    );
  const format = stringFlag(args, 'format') ?? 'text';
  if (format !== 'text' && format !== 'json') throw new UsageError(`--format must be text or json, not '${format}'`);
  const repo = stringFlag(args, 'repo');
  const runsFile = stringFlag(args, 'runs');
  const jobsFile = stringFlag(args, 'jobs');
  if (repo !== undefined && (runsFile !== undefined || jobsFile !== undefined))
    throw new UsageError('use either --repo or --runs/--jobs, not both');
  if (repo === undefined && stringFlag(args, 'api-url') !== undefined)
    throw new UsageError('--api-url goes with --repo');
  if (repo === undefined && stringFlag(args, 'limit') !== undefined) throw new UsageError('--limit goes with --repo');
  if (repo === undefined && (runsFile === undefined || jobsFile === undefined))
    throw new UsageError(`insights needs --runs FILE and --jobs FILE (or --repo OWNER/NAME)\n${INSIGHTS_USAGE}`);
  const rates = stringFlag(args, 'runner-rates');
  const labelRates = rates === undefined ? undefined : parseRunnerRates(rates);
  const workflowFile = stringFlag(args, 'workflow');

  let runs: WorkflowRun[];
  let jobs: WorkflowJob[];
  if (repo !== undefined) {
    const limitText = stringFlag(args, 'limit') ?? String(DEFAULT_LIMIT);
    if (!/^\d+$/.test(limitText) || Number(limitText) < 1 || Number(limitText) > MAX_LIMIT)
      throw new UsageError(`--limit must be 1..${MAX_LIMIT} (got '${limitText}')`);
    const ref = repoFlag(args);
    ({ runs, jobs } = await fetchRunHistory(githubClient(args, env, false), ref, {
      limit: Number(limitText),
      workflow: workflowFile,
      onProgress: progress,
    }));
  } else {
    runs = unwrap(parseRuns(await readJson(runsFile ?? '', cwd, 'runs'), runsFile ?? ''));
    jobs = unwrap(parseJobs(await readJson(jobsFile ?? '', cwd, 'jobs'), jobsFile ?? ''));
  }
  let workflow;
  if (workflowFile !== undefined) {
    const text = await fs.readFile(path.resolve(cwd, workflowFile), 'utf8').catch(() => undefined);
    if (text === undefined) throw new UsageError(`${workflowFile}: cannot read the workflow file`);
    workflow = unwrap(workflowContext(workflowFile, text));
    if (runs.length > 0 && runsOfWorkflow(runs, workflowFile).length === 0) {
      const ran = [...new Set(runs.map((r) => r.path).filter((p): p is string => typeof p === 'string'))].slice(0, 3);
      throw new UsageError(
        `${workflowFile}: none of the ${runs.length} runs ran this workflow (they ran ${ran.join(', ')}); pass the workflow file they name`,
      );
    }
  }
  const input = { runs, jobs, workflow };
  const history = insightsHistory(input);
  const report = computeInsights(input, labelRates ? { labelRates } : {}, history);
  // The next run is predicted as of now: its hour and how busy the last hour was are features.
  const durationModel = await durationModelReport(history, Date.now());
  const output =
    format === 'json'
      ? `${JSON.stringify({ version: 1, ...report, durationModel }, null, 2)}\n`
      : `${formatInsightsText(report, workflowFile)}\n${formatDurationModelText(durationModel).join('\n')}\n`;
  return { output, exitCode: 0 };
}
