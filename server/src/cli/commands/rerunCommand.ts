// `preflight rerun --repo OWNER/NAME (--run ID --failed | --run ID | --job ID)` and `preflight cancel --repo OWNER/NAME
// --run ID`: the panel's actions from a terminal or a script.
import { parseArgs } from '../args';
import { UsageError } from '../usageError';
import { githubClient, idFlag, repoFlag } from './githubOptions';

export const RERUN_USAGE =
  'preflight rerun --repo OWNER/NAME (--run ID --failed | --run ID | --job ID) [--api-url URL]';
export const CANCEL_USAGE = 'preflight cancel --repo OWNER/NAME --run ID [--api-url URL]';

export async function runRerun(
  argv: readonly string[],
  env: NodeJS.ProcessEnv,
): Promise<{ output: string; exitCode: number }> {
  const args = parseArgs(argv, ['repo', 'run', 'job', 'api-url'], ['failed']);
  if (args.positionals.length > 0)
    throw new UsageError(`unexpected argument '${args.positionals[0] ?? ''}'\n${RERUN_USAGE}`);
  const ref = repoFlag(args);
  const runId = idFlag(args, 'run');
  const jobId = idFlag(args, 'job');
  const failed = args.flags.has('failed');
  if ((runId === undefined) === (jobId === undefined))
    throw new UsageError(`give either --run or --job\n${RERUN_USAGE}`);
  if (failed && runId === undefined)
    throw new UsageError('--failed goes with --run (it re-runs the failed jobs of that run)');
  const client = githubClient(args, env, true);
  if (jobId !== undefined) {
    await client.rerunJob(ref, jobId);
    return { output: `Re-running job ${jobId} in ${ref.owner}/${ref.repo}.\n`, exitCode: 0 };
  }
  const id = runId ?? 0;
  if (failed) {
    await client.rerunFailedJobs(ref, id);
    return { output: `Re-running the failed jobs of run ${id} in ${ref.owner}/${ref.repo}.\n`, exitCode: 0 };
  }
  await client.rerunRun(ref, id);
  return { output: `Re-running run ${id} in ${ref.owner}/${ref.repo}.\n`, exitCode: 0 };
}

export async function runCancel(
  argv: readonly string[],
  env: NodeJS.ProcessEnv,
): Promise<{ output: string; exitCode: number }> {
  const args = parseArgs(argv, ['repo', 'run', 'api-url'], []);
  if (args.positionals.length > 0)
    throw new UsageError(`unexpected argument '${args.positionals[0] ?? ''}'\n${CANCEL_USAGE}`);
  const ref = repoFlag(args);
  const runId = idFlag(args, 'run');
  if (runId === undefined) throw new UsageError(`--run is required\n${CANCEL_USAGE}`);
  const client = githubClient(args, env, true);
  await client.cancelRun(ref, runId);
  return { output: `Cancelling run ${runId} in ${ref.owner}/${ref.repo}.\n`, exitCode: 0 };
}
