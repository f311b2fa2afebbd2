// RunsPanelController between a recording RunsBackend and a scripted UI: what it watches and when, the states it shows,
// that polling pauses when nobody can see the panel, and each action (confirm, progress, backend call, refresh, errors).
// Every message it posts must pass the page's own validator.
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeEach, describe, it } from 'node:test';
import type { PipelineJob, PipelineRun, PipelineRunsSnapshot, PipelineStep } from '../../protocol/pipelineRuns';
import type { RunsMessage } from '../../protocol/runsView';
import { parseToWebview, type ToWebview } from '../../protocol/webview';
import { NO_LANGUAGE_MODEL_MESSAGE, type LanguageModelPresence } from '../../client/src/ai/languageModelPresence';
import type { GitState } from '../../client/src/github/gitRepository';
import type { GithubSignIn } from '../../client/src/github/githubSession';
import type { LogToShow } from '../../client/src/github/logDocuments';
import {
  RunsRequestError,
  type RunsBackend,
  type RunsTarget,
  type StepLocationAnswer,
  type StepLocationQuery,
} from '../../client/src/github/runsBackend';
import { RunsPanelController, type FailedJobToExplain, type RunsUi } from '../../client/src/github/runsPanelController';
import { RunsSnapshotStore, snapshotKey } from '../../client/src/github/runsSnapshotStore';

const API = 'https://api.github.com';

/** A run as the server sends it (protocol/pipelineRuns.ts); `snapshot` attaches its jobs. */
function run(id: number, patch: Partial<PipelineRun> = {}): PipelineRun {
  return {
    id,
    name: 'CI',
    run_number: id - 100,
    run_attempt: 1,
    event: 'push',
    status: 'completed',
    conclusion: 'failure',
    workflow_id: 7,
    path: '.github/workflows/ci.yml',
    head_branch: 'main',
    head_sha: 'a'.repeat(40),
    display_title: 'Speed up the loader',
    created_at: '2026-11-20T10:00:00Z',
    updated_at: '2026-11-20T10:05:00Z',
    run_started_at: '2026-11-20T10:00:05Z',
    html_url: `https://github.com/o/r/actions/runs/${id}`,
    actor: 'octocat',
    triggering_actor: 'mona',
    jobs: null,
    ...patch,
  };
}

function job(
  id: number,
  runId: number,
  name: string,
  conclusion: string | null,
  steps: readonly PipelineStep[] = [],
): PipelineJob {
  return {
    id,
    run_id: runId,
    run_attempt: 1,
    name,
    status: conclusion === null ? 'in_progress' : 'completed',
    conclusion,
    started_at: '2026-11-20T10:00:10Z',
    completed_at: conclusion === null ? null : '2026-11-20T10:04:00Z',
    html_url: null,
    labels: ['ubuntu-latest'],
    runner_name: null,
    steps,
  };
}

const TEST_STEPS: readonly PipelineStep[] = [
  {
    name: 'Set up job',
    status: 'completed',
    conclusion: 'success',
    number: 1,
    started_at: '2026-11-20T10:00:10Z',
    completed_at: '2026-11-20T10:00:12Z',
  },
  {
    name: 'Run tests',
    status: 'completed',
    conclusion: 'failure',
    number: 2,
    started_at: '2026-11-20T10:00:12Z',
    completed_at: '2026-11-20T10:03:58Z',
  },
  {
    name: 'Complete job',
    status: 'completed',
    conclusion: 'success',
    number: 3,
    started_at: '2026-11-20T10:03:59Z',
    completed_at: '2026-11-20T10:04:00Z',
  },
];

/** The server's snapshot of `runs`, each with its jobs from `jobs` (none fetched when absent). */
function snapshot(
  runs: PipelineRun[],
  jobs: [number, PipelineJob[]][] = [],
  state: PipelineRunsSnapshot['state'] = { kind: 'ok' },
  fetchedAt: string | null = '2026-11-20T10:06:00Z',
): PipelineRunsSnapshot {
  const byRun = new Map(jobs);
  return {
    owner: 'preflight-dev',
    repo: 'ml-repo',
    branch: 'main',
    headSha: 'a'.repeat(40),
    state,
    runs: runs.map((r) => ({ ...r, jobs: byRun.get(r.id) ?? r.jobs })),
    fetchedAt,
    paused: false,
  };
}

class RecordingBackend implements RunsBackend {
  readonly calls: string[] = [];
  readonly watched: { target: RunsTarget; token: string }[] = [];
  listener: ((s: PipelineRunsSnapshot) => void) | undefined;
  failWith: Error | undefined;
  log = '';
  located: StepLocationAnswer = { ok: true, line: 12 };
  queries: StepLocationQuery[] = [];
  watch(target: RunsTarget, token: string): void {
    this.watched.push({ target, token });
    this.calls.push('watch');
  }
  stop(): void {
    this.calls.push('stop');
  }
  pause(): void {
    this.calls.push('pause');
  }
  resume(): void {
    this.calls.push('resume');
  }
  refresh(): void {
    this.calls.push('refresh');
  }
  onSnapshot(listener: (s: PipelineRunsSnapshot) => void): { dispose(): void } {
    this.listener = listener;
    return {
      dispose: () => {
        this.listener = undefined;
      },
    };
  }
  private act(name: string): Promise<void> {
    this.calls.push(name);
    return this.failWith === undefined ? Promise.resolve() : Promise.reject(this.failWith);
  }
  rerunFailedJobs(runId: number): Promise<void> {
    return this.act(`rerunFailedJobs ${runId}`);
  }
  rerunJob(jobId: number): Promise<void> {
    return this.act(`rerunJob ${jobId}`);
  }
  rerunRun(runId: number): Promise<void> {
    return this.act(`rerunRun ${runId}`);
  }
  cancelRun(runId: number): Promise<void> {
    return this.act(`cancelRun ${runId}`);
  }
  jobLog(jobId: number): Promise<string> {
    this.calls.push(`jobLog ${jobId}`);
    return Promise.resolve(this.log);
  }
  locateStep(query: StepLocationQuery): Promise<StepLocationAnswer> {
    this.queries.push(query);
    return Promise.resolve(this.located);
  }
}

class ScriptedUi implements RunsUi {
  answer = true;
  readonly confirms: [string, string, string][] = [];
  readonly progress: string[] = [];
  readonly errors: string[] = [];
  readonly infos: string[] = [];
  readonly explained: FailedJobToExplain[] = [];
  readonly logs: LogToShow[] = [];
  readonly opened: [string, number][] = [];
  confirm(message: string, detail: string, action: string): Promise<boolean> {
    this.confirms.push([message, detail, action]);
    return Promise.resolve(this.answer);
  }
  withProgress<T>(title: string, task: () => Promise<T>): Promise<T> {
    this.progress.push(title);
    return task();
  }
  showError(message: string): void {
    this.errors.push(message);
  }
  showInfo(message: string): void {
    this.infos.push(message);
  }
  explainFailure(failure: FailedJobToExplain): Promise<void> {
    this.explained.push(failure);
    return Promise.resolve();
  }
  showLog(log: LogToShow): Promise<void> {
    this.logs.push(log);
    return Promise.resolve();
  }
  openWorkflow(relativePath: string, line: number): Promise<void> {
    this.opened.push([relativePath, line]);
    return Promise.resolve();
  }
}

/** The editor's chat models as the test sets them; a change is announced like vscode.lm.onDidChangeChatModels does. */
class ScriptedModels implements LanguageModelPresence {
  present = true;
  asked = 0;
  private listener: ((available: boolean) => void) | undefined;
  available(): Promise<boolean> {
    this.asked++;
    return Promise.resolve(this.present);
  }
  onDidChange(listener: (available: boolean) => void): { dispose(): void } {
    this.listener = listener;
    return {
      dispose: () => {
        this.listener = undefined;
      },
    };
  }
  change(present: boolean): void {
    this.present = present;
    this.listener?.(present);
  }
}

/** GitHub answered `status`, as the server reports it. */
function httpError(status: number, message: string): RunsRequestError {
  return new RunsRequestError({ ok: false, error: message, kind: 'http', status });
}

const settle = (): Promise<void> =>
  new Promise((resolve) => {
    setImmediate(resolve);
  });

interface Rig {
  controller: RunsPanelController;
  backend: RecordingBackend;
  ui: ScriptedUi;
  posted: ToWebview[];
  git: GitState | undefined;
  session: GithubSignIn | undefined;
  signIns: boolean[];
  snapshots: RunsSnapshotStore;
  models: ScriptedModels;
  last(): RunsMessage;
}

function rig(snapshots = new RunsSnapshotStore(undefined)): Rig {
  const backend = new RecordingBackend();
  const ui = new ScriptedUi();
  const r: Rig = {
    backend,
    ui,
    posted: [],
    signIns: [],
    snapshots,
    models: new ScriptedModels(),
    git: {
      gitDir: '/ws/.git',
      commonDir: '/ws/.git',
      remoteName: 'origin',
      remoteUrl: 'git@github.com:preflight-dev/ml-repo.git',
      branch: 'main',
      headSha: 'a'.repeat(40),
    },
    session: { token: 'gho_secret', account: 'octocat', baseUrl: API },
    controller: undefined as unknown as RunsPanelController,
    last() {
      const m = r.posted.filter((p) => p.type === 'runs').at(-1);
      assert.ok(m?.type === 'runs');
      return m;
    },
  };
  r.controller = new RunsPanelController({
    backend,
    ui,
    signIn: (interactive) => {
      r.signIns.push(interactive);
      return Promise.resolve(interactive || r.session ? r.session : undefined);
    },
    gitState: () => r.git,
    baseUrl: () => r.session?.baseUrl ?? API,
    snapshots,
    languageModels: r.models,
  });
  return r;
}

async function attached(r: Rig): Promise<void> {
  r.controller.attach((m) => {
    // Everything posted must be what the page would accept, unchanged.
    assert.deepEqual(parseToWebview(JSON.parse(JSON.stringify(m))), m);
    r.posted.push(m);
  });
  await settle();
}

describe('RunsPanelController', () => {
  let r: Rig;
  beforeEach(() => {
    r = rig();
  });

  it('signed out: says so, signs in silently only; the Sign in button asks interactively and starts watching', async () => {
    const session = r.session;
    r.session = undefined;
    await attached(r);
    assert.deepEqual(r.signIns, [false]);
    assert.deepEqual(r.last().state, { kind: 'signedOut' });
    assert.deepEqual(r.backend.watched, []);
    r.session = session;
    r.controller.handle({ type: 'signIn' });
    await settle();
    assert.deepEqual(r.signIns, [false, true]);
    assert.deepEqual(r.backend.watched, [
      {
        target: { baseUrl: API, owner: 'preflight-dev', repo: 'ml-repo', branch: 'main', headSha: 'a'.repeat(40) },
        token: 'gho_secret',
      },
    ]);
    assert.deepEqual(r.last(), {
      type: 'runs',
      state: { kind: 'loading' },
      repository: 'preflight-dev/ml-repo',
      branch: 'main',
      runs: [],
      updatedAt: null,
    });
    assert.equal(JSON.stringify(r.posted).includes('gho_secret'), false, 'the token never reaches the page');
  });

  it('no GitHub remote: no remote at all, or one on another host than the API serves', async () => {
    r.git = r.git ? { ...r.git, remoteUrl: 'https://gitlab.com/o/r.git' } : undefined;
    await attached(r);
    assert.deepEqual(r.last().state, { kind: 'noRemote' });
    r.git = r.git ? { ...r.git, remoteUrl: undefined } : undefined;
    r.controller.gitChanged();
    await settle();
    assert.deepEqual(r.last().state, { kind: 'noRemote' });
    // GitHub Enterprise: the remote's host matches the configured API's host.
    r.session = { token: 't', account: 'a', baseUrl: 'https://ghe.example.com/api/v3' };
    r.git = r.git ? { ...r.git, remoteUrl: 'https://ghe.example.com/ml/repo.git' } : undefined;
    r.controller.sessionChanged();
    await settle();
    assert.deepEqual(r.backend.watched.at(-1)?.target, {
      baseUrl: 'https://ghe.example.com/api/v3',
      owner: 'ml',
      repo: 'repo',
      branch: 'main',
      headSha: 'a'.repeat(40),
    });
    assert.equal(r.backend.calls.includes('stop'), false, 'nothing to stop before the first watch');
  });

  it('draws snapshots as the page view model: newest first, at most 100, one per id', async () => {
    await attached(r);
    const runs = [
      run(300, { status: 'in_progress', conclusion: null, run_attempt: 2 }),
      run(300),
      ...Array.from({ length: 120 }, (_, i) => run(299 - i)),
    ];
    r.backend.listener?.(snapshot(runs, [[300, [job(1, 300, 'test (3.11)', null, TEST_STEPS)]]]));
    const message = r.last();
    assert.equal(message.runs.length, 100);
    assert.deepEqual(
      message.runs.slice(0, 2).map((v) => [v.id, v.status, v.attempt, v.actor, v.title]),
      [
        [300, 'in_progress', 2, 'mona', 'Speed up the loader'],
        [299, 'completed', 1, 'mona', 'Speed up the loader'],
      ],
    );
    assert.deepEqual(
      message.runs[0]?.jobs?.[0]?.steps.map((s) => [s.number, s.conclusion]),
      [
        [1, 'success'],
        [2, 'failure'],
        [3, 'success'],
      ],
    );
    assert.equal(message.runs[1]?.jobs, null, 'jobs not fetched yet');
    assert.equal(message.updatedAt, '2026-11-20T10:06:00Z');
    r.backend.listener?.(
      snapshot([run(300)], [], {
        kind: 'rateLimited',
        message: 'GitHub rate limit reached: Preflight waits until 11:00 UTC before asking again.',
        until: '2026-11-20T11:00:00Z',
      }),
    );
    assert.deepEqual(r.last().state, { kind: 'rateLimited', until: '2026-11-20T11:00:00Z' });
  });

  it('pauses while the panel is hidden or the window unfocused, and resumes when both are back', async () => {
    await attached(r);
    assert.deepEqual(r.backend.calls, ['watch', 'resume']);
    r.controller.detach();
    r.controller.setWindowFocused(false);
    await attached(r);
    r.controller.setWindowFocused(true);
    assert.deepEqual(r.backend.calls, ['watch', 'resume', 'pause', 'pause', 'pause', 'resume']);
  });

  it('follows branch switches and new commits, and ignores git noise that changes nothing', async () => {
    await attached(r);
    r.controller.gitChanged();
    await settle();
    assert.equal(r.backend.watched.length, 1);
    r.git = r.git ? { ...r.git, branch: 'feature/x', headSha: 'b'.repeat(40) } : undefined;
    r.controller.gitChanged();
    await settle();
    assert.deepEqual(
      r.backend.watched.map((w) => w.target.branch),
      ['main', 'feature/x'],
    );
    assert.deepEqual(r.last().state, { kind: 'loading' }, "the old branch's runs are not shown for the new one");
    assert.equal(r.last().branch, 'feature/x');
  });

  describe('actions', () => {
    beforeEach(async () => {
      await attached(r);
      r.backend.listener?.(
        snapshot(
          [run(300), run(299, { status: 'in_progress', conclusion: null })],
          [
            [300, [job(1, 300, 'lint', 'success'), job(2, 300, 'test (3.11)', 'failure', TEST_STEPS)]],
            [299, [job(3, 299, 'build', null, TEST_STEPS)]],
          ],
        ),
      );
      r.backend.calls.length = 0;
    });

    it('re-runs failed jobs after a confirmation naming them, with progress, then refreshes', async () => {
      r.controller.handle({ type: 'rerunFailed', runId: 300 });
      await settle();
      assert.deepEqual(r.ui.confirms, [
        [
          'Re-run the failed jobs of "CI" #200?',
          'Failed jobs: test (3.11). Jobs that succeeded keep their results.',
          'Re-run',
        ],
      ]);
      assert.deepEqual(r.ui.progress, ['Re-running the failed jobs of "CI" #200…']);
      assert.deepEqual(r.backend.calls, ['rerunFailedJobs 300', 'refresh']);
    });

    it('does nothing when the user declines', async () => {
      r.ui.answer = false;
      for (const m of [
        { type: 'rerunRun', runId: 300 },
        { type: 'cancelRun', runId: 299 },
        { type: 'rerunJob', runId: 300, jobId: 2 },
      ] as const)
        r.controller.handle(m);
      await settle();
      assert.equal(r.ui.confirms.length, 3);
      assert.deepEqual(r.backend.calls, []);
    });

    it('re-runs one job, a whole run, and cancels, each with its own words', async () => {
      r.controller.handle({ type: 'rerunJob', runId: 300, jobId: 2 });
      r.controller.handle({ type: 'rerunRun', runId: 300 });
      r.controller.handle({ type: 'cancelRun', runId: 299 });
      await settle();
      assert.deepEqual(
        r.ui.confirms.map((c) => [c[0], c[2]]),
        [
          ['Re-run job "test (3.11)" of "CI" #200?', 'Re-run'],
          ['Re-run all jobs of "CI" #200?', 'Re-run'],
          ['Cancel "CI" #199?', 'Cancel Run'],
        ],
      );
      assert.deepEqual(r.backend.calls, [
        'rerunJob 2',
        'rerunRun 300',
        'cancelRun 299',
        'refresh',
        'refresh',
        'refresh',
      ]);
    });

    it('acts only on runs and jobs it listed (the page is untrusted)', async () => {
      r.controller.handle({ type: 'rerunFailed', runId: 12345 });
      r.controller.handle({ type: 'rerunJob', runId: 300, jobId: 3 }); // job 3 belongs to run 299
      r.controller.handle({ type: 'openLog', runId: 299, jobId: 2 });
      await settle();
      assert.deepEqual(r.ui.confirms, []);
      assert.deepEqual(r.backend.calls, []);
    });

    it('says what went wrong: 409 on cancel, 403 without the repo scope, a network failure', async () => {
      r.backend.failWith = httpError(409, 'Cannot cancel a workflow run that is completed.');
      r.controller.handle({ type: 'cancelRun', runId: 299 });
      await settle();
      r.backend.failWith = httpError(403, 'Resource not accessible by integration');
      r.controller.handle({ type: 'rerunFailed', runId: 300 });
      await settle();
      r.backend.failWith = new RunsRequestError({
        ok: false,
        error: 'getaddrinfo ENOTFOUND api.github.com',
        kind: 'offline',
      });
      r.controller.handle({ type: 'rerunRun', runId: 300 });
      await settle();
      assert.deepEqual(r.ui.errors, [
        'Preflight could not cancel the run: the run already completed (Cannot cancel a workflow run that is completed.).',
        'Preflight could not re-run the failed jobs: the token lacks the repo scope or you have no write access to preflight-dev/ml-repo (Resource not accessible by integration).',
        'Preflight could not re-run the run: GitHub could not be reached (check the network or proxy) (getaddrinfo ENOTFOUND api.github.com).',
      ]);
      assert.equal(r.backend.calls.includes('refresh'), false, 'no refresh after a failure');
    });

    it("opens a job log with the failed step's first error revealed", async () => {
      r.backend.log = [
        "2026-11-20T10:00:10.1000000Z Current runner version: '2.321.0'",
        '2026-11-20T10:00:12.1000000Z ##[group]Run pytest -q',
        '2026-11-20T10:00:12.2000000Z ##[endgroup]',
        '2026-11-20T10:03:57.0000000Z FAILED tests/test_model.py::test_accuracy',
        '2026-11-20T10:03:58.0000000Z ##[error]Process completed with exit code 1.',
        '2026-11-20T10:03:59.0000000Z Cleaning up orphan processes',
      ].join('\n');
      r.controller.handle({ type: 'openLog', runId: 300, jobId: 2 });
      await settle();
      assert.deepEqual(r.backend.calls, ['jobLog 2']);
      assert.equal(r.ui.logs.length, 1);
      const shown = r.ui.logs[0];
      assert.equal(shown?.revealLine, 4);
      assert.equal(shown?.title, 'CI #200 test (3.11)');
      assert.equal(shown?.text.split('\n')[4], 'Error: Process completed with exit code 1.');
    });

    it('explains a failed job: fetches its log with progress and hands it over with its steps, failed step and workflow', async () => {
      r.backend.log = 'the log';
      r.controller.handle({ type: 'explainFailure', runId: 300, jobId: 2 });
      await settle();
      assert.deepEqual(r.ui.progress, ['Fetching the log of "test (3.11)"…']);
      assert.deepEqual(
        r.ui.explained.map((f) => ({ ...f, steps: f.steps.map((s) => s.number) })),
        [
          {
            workflowName: 'CI',
            workflowPath: '.github/workflows/ci.yml',
            runTitle: 'Speed up the loader',
            jobId: 2,
            jobName: 'test (3.11)',
            log: 'the log',
            steps: [1, 2, 3],
            failedStep: { number: 2, name: 'Run tests' },
          },
        ],
      );
      // A job that did not fail, or one of another run, is not explained (the page is untrusted).
      r.controller.handle({ type: 'explainFailure', runId: 300, jobId: 1 });
      r.controller.handle({ type: 'explainFailure', runId: 300, jobId: 3 });
      await settle();
      assert.equal(r.ui.explained.length, 1);
      assert.deepEqual(r.backend.calls, ['jobLog 2'], 'no refresh after explaining');
    });

    it('the command explains the newest failed job, or says there is none', async () => {
      await r.controller.explainLatestFailure();
      assert.deepEqual(
        r.ui.explained.map((f) => f.jobId),
        [2],
      );
      r.backend.listener?.(snapshot([run(301, { conclusion: 'success' })], [[301, [job(7, 301, 'lint', 'success')]]]));
      await r.controller.explainLatestFailure();
      assert.deepEqual(r.ui.infos, ['Preflight: no failed job among the runs shown for this branch.']);
    });

    it('tells the page whether a language model is there, and again when models come or go', async () => {
      const models = (): boolean[] => r.posted.flatMap((m) => (m.type === 'languageModels' ? [m.available] : []));
      assert.deepEqual(models(), [true]);
      r.models.change(false);
      r.models.change(false);
      r.models.change(true);
      assert.deepEqual(models(), [true, false, true], 'only changes are posted');
      // A page attached again gets the last answer at once, before the editor is asked afresh.
      r.controller.detach();
      r.models.present = false;
      const posted: ToWebview[] = [];
      r.controller.attach((m) => {
        posted.push(m);
      });
      assert.deepEqual(
        posted.filter((m) => m.type === 'languageModels'),
        [{ type: 'languageModels', available: true }],
      );
      await settle();
      assert.deepEqual(posted.filter((m) => m.type === 'languageModels').at(-1), {
        type: 'languageModels',
        available: false,
      });
    });

    it('with no language model, neither the page nor the command explains: the user is told why and no log is fetched', async () => {
      r.models.present = false;
      r.controller.handle({ type: 'explainFailure', runId: 300, jobId: 2 });
      await settle();
      await r.controller.explainLatestFailure();
      assert.equal(r.ui.explained.length, 0);
      assert.deepEqual(r.backend.calls, [], 'no log fetched for nothing');
      assert.deepEqual(r.ui.infos, [NO_LANGUAGE_MODEL_MESSAGE, NO_LANGUAGE_MODEL_MESSAGE]);
      assert.match(
        NO_LANGUAGE_MODEL_MESSAGE,
        /no language model is available.*Install or enable a chat model provider/,
      );
      // The page learns the model is gone even if the change event was missed.
      assert.deepEqual(r.posted.filter((m) => m.type === 'languageModels').at(-1), {
        type: 'languageModels',
        available: false,
      });
      r.models.present = true;
      await r.controller.explainLatestFailure();
      assert.deepEqual(
        r.ui.explained.map((f) => f.jobId),
        [2],
      );
    });

    it("a failed job's lens explains that job; a job no longer listed is explained as such, not silently dropped", async () => {
      await r.controller.explainJobFailure(300, 2);
      assert.deepEqual(
        r.ui.explained.map((f) => [f.jobId, f.jobName]),
        [[2, 'test (3.11)']],
      );
      await r.controller.explainJobFailure(250, 9);
      assert.deepEqual(r.ui.infos, [
        'Preflight: that run is no longer among the runs shown for this branch; open the Preflight panel to pick a failed job.',
      ]);
      await r.controller.explainJobFailure(300, 1); // listed, but it passed
      assert.equal(r.ui.explained.length, 1);
      r.models.present = false;
      await r.controller.explainJobFailure(300, 2);
      assert.equal(r.ui.explained.length, 1);
      assert.equal(r.ui.infos.at(-1), NO_LANGUAGE_MODEL_MESSAGE);
    });

    it("opens the workflow file at the step's line, or says why it cannot", async () => {
      r.controller.handle({ type: 'openStep', runId: 299, jobId: 3, stepNumber: 2 });
      await settle();
      assert.deepEqual(r.backend.queries, [
        { workflowPath: '.github/workflows/ci.yml', jobName: 'build', stepNumber: 2, stepName: 'Run tests' },
      ]);
      assert.deepEqual(r.ui.opened, [['.github/workflows/ci.yml', 12]]);
      r.backend.located = { ok: false, error: 'no job named "build" in this workflow (jobs: test)' };
      r.controller.handle({ type: 'openStep', runId: 299, jobId: 3, stepNumber: 2 });
      await settle();
      assert.deepEqual(r.ui.errors, [
        'Preflight could not find the step in .github/workflows/ci.yml: no job named "build" in this workflow (jobs: test).',
      ]);
    });
  });

  describe('runs kept from an earlier session', () => {
    const MAIN =
      snapshotKey({ baseUrl: API, owner: 'preflight-dev', repo: 'ml-repo', branch: 'main', headSha: null }) ?? '';
    /** What an earlier session kept: a failed run 200 on main, with its job. */
    async function earlierSession(): Promise<RunsSnapshotStore> {
      const store = new RunsSnapshotStore(undefined);
      const earlier = rig(store);
      await attached(earlier);
      earlier.backend.listener?.(snapshot([run(200)], [[200, [job(5, 200, 'train', 'failure', TEST_STEPS)]]]));
      earlier.controller.dispose();
      return store;
    }

    it('are drawn at once, marked cached, while the first fetch is in flight; fresh runs replace and are kept in turn', async () => {
      r = rig(await earlierSession());
      await attached(r);
      const first = r.posted.find((m) => m.type === 'runs' && m.runs.length > 0);
      assert.ok(first?.type === 'runs');
      assert.equal(r.posted.indexOf(first), 0, 'the very first message already has the kept runs');
      assert.equal(first.cached, true);
      assert.deepEqual(first.state, { kind: 'loading' });
      assert.deepEqual(
        [first.repository, first.branch, first.runs.map((v) => v.id), first.runs[0]?.jobs?.[0]?.name],
        ['preflight-dev/ml-repo', 'main', [200], 'train'],
      );
      // A watcher that has not answered yet (paused before its first poll) is no news: the kept runs stay.
      r.backend.listener?.(snapshot([], [], { kind: 'ok' }, null));
      assert.deepEqual([r.last().cached, r.last().runs.map((v) => v.id)], [true, [200]]);
      r.backend.listener?.(snapshot([run(201), run(200)]));
      assert.equal(r.last().cached, undefined);
      assert.deepEqual(
        r.last().runs.map((v) => v.id),
        [201, 200],
      );
      assert.deepEqual(
        r.snapshots.get(MAIN)?.runs.map((v) => v.id),
        [201, 200],
      );
    });

    it('are per repository and branch: another branch, or a signed-out window, shows none', async () => {
      const store = await earlierSession();
      r = rig(store);
      r.git = r.git ? { ...r.git, branch: 'feature/x' } : undefined;
      await attached(r);
      assert.equal(
        r.posted.some((m) => m.type === 'runs' && m.runs.length > 0),
        false,
      );
      const signedOut = rig(store);
      signedOut.session = undefined;
      await attached(signedOut);
      assert.deepEqual(signedOut.last().state, { kind: 'signedOut' });
      assert.equal(signedOut.last().runs.length, 0);
    });

    it('stay on screen under "offline" when the first fetch fails, and are not overwritten by the failure', async () => {
      r = rig(await earlierSession());
      await attached(r);
      r.backend.listener?.(snapshot([], [], { kind: 'offline', message: 'Cannot reach GitHub.' }, null));
      assert.deepEqual(
        [r.last().state, r.last().cached, r.last().runs.map((v) => v.id)],
        [{ kind: 'offline' }, true, [200]],
      );
      assert.deepEqual(
        r.snapshots.get(MAIN)?.runs.map((v) => v.id),
        [200],
      );
    });

    it('cannot be acted on before GitHub confirms them: the user is told why', async () => {
      r = rig(await earlierSession());
      await attached(r);
      r.controller.handle({ type: 'rerunFailed', runId: 200 });
      await settle();
      assert.deepEqual(
        r.backend.calls.filter((c) => c.startsWith('rerun')),
        [],
      );
      assert.match(r.ui.errors[0] ?? '', /still fetching the current runs/);
    });

    it('warm(): watches before any page opens, polls paused, and a page attached later gets the data and resumes', async () => {
      r.controller.warm();
      await settle();
      assert.deepEqual(r.signIns, [false], 'silent only');
      assert.deepEqual(r.backend.calls, ['watch', 'pause']);
      r.backend.listener?.(snapshot([run(300)]));
      await attached(r);
      assert.deepEqual(r.backend.calls, ['watch', 'pause', 'resume']);
      assert.deepEqual(
        r.posted.filter((m) => m.type === 'runs').map((m) => m.runs.map((v) => v.id)),
        [[300]],
      );
      r.controller.warm();
      assert.equal(r.backend.watched.length, 1, 'warming twice does nothing');
    });

    it('persist across sessions in a file that never holds the token', async () => {
      const dir = mkdtempSync(path.join(tmpdir(), 'preflight-kept-'));
      const file = path.join(dir, 'runs-snapshots.json');
      const earlier = rig(new RunsSnapshotStore(file));
      await attached(earlier);
      earlier.backend.listener?.(snapshot([run(200)]));
      await earlier.snapshots.flush();
      assert.equal(readFileSync(file, 'utf8').includes('gho_secret'), false);
      const store = new RunsSnapshotStore(file);
      r = rig(store);
      await attached(r);
      assert.equal(
        r.posted.some((m) => m.type === 'runs' && m.runs.length > 0),
        false,
        'nothing before the file is read',
      );
      await store.load();
      r.controller.snapshotsLoaded();
      assert.deepEqual([r.last().cached, r.last().runs.map((v) => v.id)], [true, [200]]);
    });
  });
});
