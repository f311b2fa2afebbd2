// Failure risk's policy without an editor: the engine's FailureRiskService against the GitHub stand-in, with its ports
// recorded. What it sends when a repository is watched and unwatched, where a workflow shows risk, and how retraining
// answers: not signed in, already running, cancelled by the user, and settled (nothing adopted on a short history).
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { FailureRiskUpdate } from '../../../protocol/failureRisk';
import { ActionsClient } from '../../../server/src/engine/github/api/actionsClient';
import { DEFAULT_EVIDENCE_MINIMUMS } from '../../../server/src/engine/model/failure/adoptionEvidence';
import { FailureRiskStore } from '../../../server/src/engine/model/failure/failureRiskStore';
import {
  FailureRiskService,
  type FailureRiskPorts,
  type ProgressHandle,
} from '../../../server/src/engine/risk/failureRiskService';
import { riskSubjectSites } from '../../../server/src/engine/risk/riskSubjects';
import { ActionsStandIn } from '../../support/github/actionsStandIn';
import { DEMO_OWNER, DEMO_REPO, startDemoScenario } from '../../support/github/demoScenario';
import { addRiskHistory } from '../../support/github/riskHistoryScenario';
import { until } from '../../support/until';

const CI = `name: CI
on: push
jobs:
  lint:
    runs-on: ubuntu-latest
    steps:
      - run: make lint
  test:
    runs-on: ubuntu-latest
    steps:
      - run: pytest
`;
const TARGET = { repository: { owner: DEMO_OWNER, repo: DEMO_REPO }, branch: 'main', headSha: null };

/** A progress the test drives: it records what is reported and cancels when told to. */
class RecordedProgress implements ProgressHandle {
  readonly reports: { percent: number; message: string }[] = [];
  finished = 0;
  private cancelledNow = false;
  private readonly listeners: (() => void)[] = [];
  constructor(private readonly cancelAtFirstReport = false) {}
  report(percent: number, message: string): void {
    this.reports.push({ percent, message });
    if (this.cancelAtFirstReport && !this.cancelledNow) {
      this.cancelledNow = true;
      for (const listener of this.listeners) listener();
    }
  }
  cancelled(): boolean {
    return this.cancelledNow;
  }
  onCancel(listener: () => void): { dispose(): void } {
    this.listeners.push(listener);
    return { dispose: () => undefined };
  }
  done(): void {
    this.finished++;
  }
}

let standIn: ActionsStandIn;
let client: ActionsClient;
let storage = '';
const updates: FailureRiskUpdate[] = [];
const logged: string[] = [];
const progresses: RecordedProgress[] = [];
let nextProgress: () => RecordedProgress = () => new RecordedProgress();

function service(): FailureRiskService {
  const store = new FailureRiskStore(storage);
  const ports: FailureRiskPorts = {
    store,
    riskSettings: () => Promise.resolve({ retrain: false, evidence: DEFAULT_EVIDENCE_MINIMUMS }),
    onUpdate: (update) => updates.push(update),
    startProgress: () => {
      const progress = nextProgress();
      progresses.push(progress);
      return Promise.resolve(progress);
    },
    log: (message) => logged.push(message),
    warn: (message) => logged.push(message),
    logError: (where, error) => {
      throw new Error(`${where}: ${String(error)}`);
    },
  };
  return new FailureRiskService(ports);
}

before(async () => {
  standIn = new ActionsStandIn();
  startDemoScenario(standIn);
  addRiskHistory(standIn, { runs: 90, spacingHours: 2 });
  client = new ActionsClient({ token: 't', baseUrl: await standIn.listen(), retryDelayMs: 1 });
  storage = fs.mkdtempSync(path.join(os.tmpdir(), 'preflight-risk-service-'));
});

after(async () => {
  await standIn.close();
  fs.rmSync(storage, { recursive: true, force: true });
});

describe('FailureRiskService', () => {
  it('predicts every workflow of the history once a repository is watched, and forgets them when unwatched', async () => {
    updates.length = 0;
    const risk = service();
    assert.equal(risk.ready, false);
    risk.watch(client, TARGET);
    const update = await until('an update with predictions', () => updates.find((u) => u.workflows.length > 0));
    assert.equal(update.branch, 'main');
    const ci = update.workflows.find((w) => w.workflowPath === '.github/workflows/ci.yml');
    assert.ok(ci, JSON.stringify(update.workflows.map((w) => w.workflowPath)));
    assert.equal(ci.job, null);
    assert.ok(ci.probability > 0 && ci.probability < 1);
    assert.ok(update.monitoring?.modelLabel.startsWith('the default model'), update.monitoring?.modelLabel);
    assert.equal(update.jobMonitoring, null, 'no job model on a history never retrained');
    assert.equal(risk.ready, true);

    risk.watch(undefined, undefined);
    assert.deepEqual(updates.at(-1), { branch: null, workflows: [], monitoring: null, jobMonitoring: null });
    assert.equal(risk.ready, false);
  });

  it("finds a workflow's sites and speaks of each job as a job", async () => {
    const risk = service();
    risk.watch(client, TARGET);
    await until('the history read', () => (risk.ready ? true : undefined));
    const sites = riskSubjectSites(CI);
    assert.deepEqual(
      sites.map((s) => [s.job, s.position.line]),
      [
        [null, 0],
        ['lint', 3],
        ['test', 7],
      ],
    );
    const test = risk.riskAt('.github/workflows/ci.yml', sites[2] ?? assert.fail('no test site'));
    assert.ok(test);
    assert.equal(test.subject.kind, 'job');
    assert.equal(test.subject.label, 'job test of CI');
    const view = risk.explain('.github/workflows/ci.yml', sites[2] ?? assert.fail('no test site'));
    assert.equal(view?.job, 'test');
    assert.ok(
      view.groups.some((g) => g.label === 'recent results of this job'),
      JSON.stringify(view.groups),
    );
    // The panel says how the model was weighed against the job's own record, as the hover does.
    assert.match(view.weighed ?? '', /^Weighed \d+ % the model, \d+ % this job's own record after a (failure|success)/);
    assert.ok(view.markdown.includes(`_${(view.weighed ?? '').slice(0, 20)}`), 'the markdown carries it too');
    assert.equal(risk.riskAt('.github/workflows/none.yml', sites[0] ?? assert.fail('no site')), undefined);
    assert.match(
      risk.noHistoryNote(),
      /No finished run of this workflow in the last \d+ runs of preflight-dev\/ml-demo/,
    );
  });

  it('asks to sign in before retraining when no repository is watched, without starting progress', async () => {
    progresses.length = 0;
    const answer = await service().retrain();
    assert.deepEqual(answer.ok, false);
    assert.match(answer.message, /^Sign in to GitHub/);
    assert.equal(progresses.length, 0);
  });

  it('stops when the user cancels, ends the progress, and keeps the model in use', async () => {
    progresses.length = 0;
    nextProgress = () => new RecordedProgress(true);
    const risk = service();
    risk.watch(client, TARGET);
    await until('the history read', () => (risk.ready ? true : undefined));
    const answer = await risk.retrain();
    assert.deepEqual(answer, { ok: false, message: 'Retraining was cancelled.' });
    assert.equal(progresses.length, 1);
    assert.equal(progresses[0]?.finished, 1);
    assert.ok(!progresses[0]?.reports.some((r) => r.message === 'saving'), 'cancelled before saving');
    nextProgress = () => new RecordedProgress();
  });

  it('retrains once at a time, reports rising progress, and adopts nothing on too little evidence', async () => {
    progresses.length = 0;
    const risk = service();
    risk.watch(client, TARGET);
    await until('the history read', () => (risk.ready ? true : undefined));
    const first = risk.retrain();
    const second = await risk.retrain();
    assert.deepEqual(second, { ok: false, message: 'The failure model is already being retrained.' });
    const answer = await first;
    assert.equal(answer.ok, true, answer.message);
    assert.match(
      answer.message,
      /^Kept the default model: the one trained on preflight-dev\/ml-demo cannot be judged yet/,
    );
    const reports = progresses[0]?.reports ?? [];
    const percents = reports.map((r) => r.percent);
    assert.deepEqual(
      percents,
      [...percents].sort((a, b) => a - b),
      'progress never goes back',
    );
    assert.deepEqual(reports.at(-1), { percent: 95, message: 'saving' });
    assert.equal(progresses[0]?.finished, 1);
    assert.equal(progresses.length, 1, 'the second request started no progress');
  });
});
