// `preflight`: the command line over the same engine as the editor. Exit codes: 0 clean, 1 findings with errors,
// 2 usage or internal failure (one line on stderr, never a stack trace).
import { CHECK_USAGE, runCheck } from './commands/checkCommand';
import { EVALUATE_USAGE, runEvaluate } from './commands/evaluateCommand';
import { EXPLAIN_USAGE, runExplain } from './commands/explainCommand';
import { FIX_USAGE, runFix } from './commands/fixCommand';
import { PREDICT_USAGE, runPredict } from './commands/predictCommand';
import { runTrain, TRAIN_USAGE } from './commands/trainCommand';
import { INSIGHTS_USAGE, runInsights } from './commands/insightsCommand';
import { redactToken } from './commands/githubOptions';
import { CANCEL_USAGE, RERUN_USAGE, runCancel, runRerun } from './commands/rerunCommand';
import { RUNS_USAGE, runRuns } from './commands/runsCommand';
import { statOrUndefined } from '../engine/files/pathExists';
import { GitHubApiError } from '../engine/github/api/githubApiError';
import { tuneForShortRun } from './checking/shortRunTiering';
import { UsageError } from './usageError';

/** Bytes in these files (those that cannot be read count nothing: checking them will say why). */
function totalSize(files: readonly string[]): number {
  return files.reduce((sum, file) => sum + (statOrUndefined(file)?.size ?? 0), 0);
}

declare const PREFLIGHT_VERSION: string | undefined;
const VERSION = typeof PREFLIGHT_VERSION === 'string' ? PREFLIGHT_VERSION : '0.0.0-dev';

/** Each command's own usage, for `preflight COMMAND --help`. */
const COMMAND_USAGE: Readonly<Record<string, string>> = {
  check: CHECK_USAGE,
  fix: FIX_USAGE,
  train: TRAIN_USAGE,
  evaluate: EVALUATE_USAGE,
  predict: PREDICT_USAGE,
  explain: EXPLAIN_USAGE,
  insights: INSIGHTS_USAGE,
  runs: RUNS_USAGE,
  rerun: RERUN_USAGE,
  cancel: CANCEL_USAGE,
  lsp: 'preflight lsp --stdio',
};

const USAGE = `Usage:\n${Object.values(COMMAND_USAGE)
  .map((u) => `  ${u}\n`)
  .join('')}  preflight --version\n  preflight COMMAND --help`;

async function main(argv: readonly string[]): Promise<number> {
  const [command, ...rest] = argv;
  const usage = command !== undefined && Object.hasOwn(COMMAND_USAGE, command) ? COMMAND_USAGE[command] : undefined;
  if (usage !== undefined && (rest.includes('--help') || rest.includes('-h'))) {
    process.stdout.write(`Usage:\n  ${usage}\n`);
    return 0;
  }
  switch (command) {
    case 'check': {
      const { output, exitCode } = await runCheck(rest, process.cwd(), VERSION, (files) => {
        tuneForShortRun(totalSize(files));
      });
      process.stdout.write(output);
      return exitCode;
    }
    case 'fix': {
      const { output, exitCode } = await runFix(rest, process.cwd());
      process.stdout.write(output);
      return exitCode;
    }
    case 'train': {
      const { output, exitCode } = await runTrain(rest, process.cwd(), (line) => process.stderr.write(`${line}\n`));
      process.stdout.write(output);
      return exitCode;
    }
    case 'evaluate': {
      const { output, exitCode } = await runEvaluate(rest, process.cwd(), (line) => process.stderr.write(`${line}\n`));
      process.stdout.write(output);
      return exitCode;
    }
    case 'predict': {
      const { output, exitCode } = await runPredict(rest, process.cwd());
      process.stdout.write(output);
      return exitCode;
    }
    case 'explain': {
      const { output, exitCode } = await runExplain(rest, process.cwd());
      process.stdout.write(output);
      return exitCode;
    }
    case 'insights': {
      const { output, exitCode } = await runInsights(rest, process.cwd(), process.env, (line) =>
        process.stderr.write(`preflight: ${line}\n`),
      );
      process.stdout.write(output);
      return exitCode;
    }
    case 'runs':
    case 'rerun':
    case 'cancel': {
      const run = command === 'runs' ? runRuns : command === 'rerun' ? runRerun : runCancel;
      const result: { output: string; exitCode: number; warning?: string } = await run(rest, process.env);
      process.stdout.write(result.output);
      if (result.warning !== undefined) process.stderr.write(`preflight: ${result.warning}\n`);
      return result.exitCode;
    }
    case 'lsp': {
      if (!rest.includes('--stdio')) throw new UsageError('lsp needs --stdio');
      // The server reads process.argv for its transport; it keeps the process alive until the client exits. Loaded only
      // here: the language server's libraries were a third of every other command's start-up.
      const { startServer } = await import('../lsp/startServer.js');
      startServer();
      return -1;
    }
    case '--version':
      process.stdout.write(`${VERSION}\n`);
      return 0;
    case undefined:
    case '--help':
    case 'help':
      process.stdout.write(`${USAGE}\n`);
      return command === undefined ? 2 : 0;
    default:
      throw new UsageError(`unknown command '${command}'\n${USAGE}`);
  }
}

// A reader that stopped reading (`preflight check | head`) is no failure of ours: stop quietly, with the exit status the
// command had come to (the output is written once the work is done), as well-behaved Unix tools do.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EPIPE') throw error;
    process.exit(typeof process.exitCode === 'number' ? process.exitCode : 0);
  });
}

main(process.argv.slice(2)).then(
  (code) => {
    if (code >= 0) process.exitCode = code;
  },
  (error: unknown) => {
    const message = redactToken(error instanceof Error ? error.message : String(error), process.env);
    // GitHub failures are the user's situation (network, token, rate limit), said in one line: exit 1, not "internal".
    const expected = error instanceof UsageError || error instanceof GitHubApiError;
    const text = error instanceof UsageError ? message : (message.split('\n')[0] ?? '');
    process.stderr.write(`preflight: ${expected ? '' : 'internal error: '}${text}\n`);
    process.exitCode = error instanceof GitHubApiError ? 1 : 2;
  },
);
