// The stand-in as the demo shows it (npm run demo, and the E2E suite through the same start): the demo scenario's
// repository with two weeks of CI history on feature branches (failures, a flaky job), requests accepted only with the
// demo sign-in's token. Driven by a timer ("live"), the in-progress run moves on once someone looks at the runs and
// completes while they watch, and each re-run the user asks for runs to its end; the E2E suite drives it by hand instead.
import { ActionsStandIn, type LoggedRequest } from './actionsStandIn';
import { startDemoScenario, type DemoScenario } from './demoScenario';
import { addRiskHistory } from './riskHistoryScenario';

export interface DemoStandInOptions {
  /** The token the demo sign-in hands out; other tokens get GitHub's 401. */
  readonly token: string;
  /** Milliseconds between two steps of a run when driven live; undefined: the caller drives the scenario. */
  readonly liveStepMs?: number;
  /** 0 for any free port. */
  readonly port?: number;
}

export interface DemoStandIn {
  readonly standIn: ActionsStandIn;
  readonly scenario: DemoScenario;
  /** The API base URL, http://127.0.0.1:PORT. */
  readonly url: string;
  /** Stops the timers and the server; throws when a reply broke GitHub's OpenAPI description. */
  close(): Promise<void>;
}

/** Feature-branch runs whose test job failed and passed when re-run. */
const FLAKY_RUNS = [8, 14, 23, 29];
const RERUN = /^\/repos\/[^/]+\/[^/]+\/actions\/(?:runs\/(\d+)\/(?:rerun|rerun-failed-jobs)|jobs\/(\d+)\/rerun)$/;

export async function startDemoStandIn(options: DemoStandInOptions): Promise<DemoStandIn> {
  const standIn = new ActionsStandIn();
  const scenario = startDemoScenario(standIn);
  addRiskHistory(standIn, { spacingHours: 9, flaky: FLAKY_RUNS });
  standIn.requireToken(options.token);
  const url = await standIn.listen(options.port ?? 0);
  const stopDriving =
    options.liveStepMs === undefined ? () => undefined : driveLive(standIn, scenario, options.liveStepMs);
  return {
    standIn,
    scenario,
    url,
    async close() {
      stopDriving();
      await standIn.close();
    },
  };
}

/** Moves the scenario on by itself, as GitHub's runners would. Returns a function that stops it. */
function driveLive(standIn: ActionsStandIn, scenario: DemoScenario, stepMs: number): () => void {
  let stopped = false;
  const timers = new Set<NodeJS.Timeout>();
  const later = (action: () => void): void => {
    const timer = setTimeout(() => {
      timers.delete(timer);
      if (!stopped) action();
    }, stepMs);
    timers.add(timer);
  };
  // The live run waits for the first look at the runs, so whoever opens the panel sees it move and complete.
  void standIn.arrival(/\/actions\/runs$/).then(() => {
    const step = (): void => {
      if (scenario.step()) later(step);
    };
    later(step);
  });
  // Each accepted re-run starts a step later and finishes a step after that.
  const watchReruns = (from: number): void => {
    void standIn
      .whenLogged((r) => r.method === 'POST' && r.status === 201 && RERUN.test(r.path), from)
      .then((request: LoggedRequest) => {
        if (stopped) return;
        const runId = runOf(standIn, request.path);
        if (runId !== undefined) {
          later(() => {
            if (standIn.state.run(runId).status === 'queued') standIn.state.startRun(runId);
            later(() => {
              scenario.completeRerun(runId);
            });
          });
        }
        watchReruns(standIn.requests.indexOf(request) + 1);
      });
  };
  watchReruns(0);
  return () => {
    stopped = true;
    for (const timer of timers) clearTimeout(timer);
  };
}

function runOf(standIn: ActionsStandIn, path: string): number | undefined {
  const match = RERUN.exec(path);
  if (match?.[1] !== undefined) return Number(match[1]);
  if (match?.[2] !== undefined) return standIn.state.job(Number(match[2])).run.id;
  return undefined;
}
