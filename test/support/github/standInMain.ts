// Starts the Actions stand-in as a process of its own, e.g. to point the CLI at it (`npm run demo` and the E2E suite run
// it in-process, test/support/github/demoStandIn.ts): node out/test/support/github/standInMain.js --port N
// --scenario demo [--step-ms 2000] [--token T]. Prints one JSON line `{"url": ...}` once listening; stops on SIGTERM/SIGINT.
import { ActionsStandIn } from './actionsStandIn';
import { startDemoScenario } from './demoScenario';

function flag(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i === -1 ? undefined : process.argv[i + 1];
}

async function main(): Promise<void> {
  const standIn = new ActionsStandIn();
  const scenario = flag('scenario') ?? 'demo';
  if (scenario !== 'demo' && scenario !== 'empty') throw new Error(`unknown scenario '${scenario}' (demo, empty)`);
  const token = flag('token');
  if (token !== undefined) standIn.requireToken(token);
  const demo = scenario === 'demo' ? startDemoScenario(standIn) : undefined;
  const url = await standIn.listen(Number(flag('port') ?? 0));
  const stepMs = Number(flag('step-ms') ?? 2000);
  const timer = demo
    ? setInterval(() => {
        if (!demo.step()) clearInterval(timer);
      }, stepMs)
    : undefined;
  process.stdout.write(
    `${JSON.stringify({ url, ...(demo ? { failedRunId: demo.failedRunId, liveRunId: demo.liveRunId, historyRunIds: demo.historyRunIds } : {}) })}\n`,
  );
  const stop = (): void => {
    if (timer) clearInterval(timer);
    standIn.close().then(
      () => process.exit(0),
      (error: unknown) => {
        process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}

main().catch((error: unknown) => {
  process.stderr.write(`stand-in: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(2);
});
