// The pipeline panel's messages through a real language server connection: session in, snapshots out, actions answered
// with a result or one clear sentence.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { pathToFileURL } from 'node:url';
import type { CodeLens } from 'vscode-languageserver-protocol';
import {
  CancelRunRequest,
  GitHubSessionNotification,
  JobLogRequest,
  LanguageModelsNotification,
  PipelineRunsNotification,
  RerunFailedJobsRequest,
  RerunRunRequest,
  WatchPipelineRunsRequest,
} from '../../protocol/lsp';
import type { PipelineRunsSnapshot } from '../../protocol/pipelineRuns';
import { ActionsStandIn } from '../support/github/actionsStandIn';
import { DEMO_OWNER, DEMO_REPO, startDemoScenario, type DemoScenario } from '../support/github/demoScenario';
import { startHarness, type Harness } from '../support/lspHarness';

const TOKEN = 'gho_serverTestToken';
/** The demo's "Train model" workflow as the workspace has it: job ids differ from the names GitHub shows. */
const TRAIN_WORKFLOW =
  'name: Train model\non: push\njobs:\n  prepare:\n    name: prepare data\n    runs-on: ubuntu-latest\n    steps:\n      - run: dvc pull\n  train:\n    needs: prepare\n    runs-on: ubuntu-latest\n    steps:\n      - run: python train.py\n';
let workspace = '';
const repository = { owner: DEMO_OWNER, repo: DEMO_REPO };
let harness: Harness;
let standIn: ActionsStandIn;
let demo: DemoScenario;
const snapshots: PipelineRunsSnapshot[] = [];
let waiters: { test: (s: PipelineRunsSnapshot) => boolean; resolve: (s: PipelineRunsSnapshot) => void }[] = [];

/** The next (or latest) snapshot that passes `test`; fails after 10 s. */
function snapshotWhere(test: (s: PipelineRunsSnapshot) => boolean): Promise<PipelineRunsSnapshot> {
  const latest = snapshots.at(-1);
  if (latest && test(latest)) return Promise.resolve(latest);
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      reject(new Error(`no matching snapshot; last: ${JSON.stringify(snapshots.at(-1)?.state)}`));
    }, 120_000);
    waiters.push({
      test,
      resolve: (s) => {
        clearTimeout(timer);
        resolve(s);
      },
    });
  });
}

before(async () => {
  standIn = new ActionsStandIn();
  demo = startDemoScenario(standIn);
  standIn.requireToken(TOKEN);
  await standIn.listen();
  workspace = fs.mkdtempSync(path.join(os.tmpdir(), 'preflight-runs-'));
  fs.mkdirSync(path.join(workspace, '.github', 'workflows'), { recursive: true });
  fs.writeFileSync(path.join(workspace, '.github', 'workflows', 'train.yml'), TRAIN_WORKFLOW);
  harness = await startHarness(workspace);
  harness.client.onNotification(PipelineRunsNotification.type, (s) => {
    snapshots.push(s);
    const ready = waiters.filter((w) => w.test(s));
    waiters = waiters.filter((w) => !w.test(s));
    for (const w of ready) w.resolve(s);
  });
});

after(async () => {
  await harness.client.sendRequest(WatchPipelineRunsRequest.type, { action: 'stop' });
  harness.close();
  fs.rmSync(workspace, { recursive: true, force: true });
  await standIn.close();
});

describe('pipeline runs over LSP', () => {
  it('signed out until a session arrives, then runs with jobs and steps', async () => {
    const started = await harness.client.sendRequest(WatchPipelineRunsRequest.type, {
      action: 'start',
      target: { repository, branch: 'main', headSha: null },
    });
    assert.deepEqual(started, { ok: true });
    await snapshotWhere((s) => s.state.kind === 'signedOut');
    await harness.client.sendNotification(GitHubSessionNotification.type, { token: TOKEN, baseUrl: standIn.url });
    const ok = await snapshotWhere((s) => s.state.kind === 'ok');
    assert.deepEqual([ok.owner, ok.repo, ok.branch], [DEMO_OWNER, DEMO_REPO, 'main']);
    const failed = ok.runs.find((r) => r.id === demo.failedRunId);
    assert.equal(failed?.conclusion, 'failure');
    assert.equal(failed?.path, '.github/workflows/train.yml');
    assert.deepEqual(
      failed?.jobs?.find((j) => j.name === 'train')?.steps.map((s) => s.conclusion),
      ['success', 'success', 'success', 'failure', 'skipped', 'skipped'],
    );
  });

  it('CodeLens on each job of the workflow file with its latest result', async () => {
    const uri = pathToFileURL(path.join(workspace, '.github', 'workflows', 'train.yml')).href;
    harness.open(uri, TRAIN_WORKFLOW);
    await harness.nextDiagnostics(uri);
    const all = await harness.client.sendRequest<CodeLens[]>('textDocument/codeLens', { textDocument: { uri } });
    // Failure risk adds its own lenses (test/server/failureRisk.test.ts); these are the job results.
    const lenses = all.filter((l) => l.command?.command === 'preflight.showPipelinePanel');
    assert.deepEqual(
      lenses.map((l) => [l.range.start.line, l.command?.title, l.command?.command]),
      [
        [3, '$(pass) success · Train model #1', 'preflight.showPipelinePanel'],
        [8, '$(error) failure · Train model #1', 'preflight.showPipelinePanel'],
      ],
    );
    const explainLenses = async (): Promise<CodeLens[]> =>
      (await harness.client.sendRequest<CodeLens[]>('textDocument/codeLens', { textDocument: { uri } })).filter(
        (l) => l.command?.command === 'preflight.explainFailure',
      );
    assert.deepEqual(await explainLenses(), [], 'no "Explain failure" without a language model');
    // With a model in the editor, the failed job (only) gets one, for its own job id in that run.
    await harness.client.sendNotification(LanguageModelsNotification.type, { available: true });
    const trainJobId = snapshots
      .at(-1)
      ?.runs.find((r) => r.id === demo.failedRunId)
      ?.jobs?.find((j) => j.name === 'train')?.id;
    assert.ok(trainJobId !== undefined);
    const explain = await explainLenses();
    assert.deepEqual(
      explain.map((l) => [l.range.start.line, l.command?.title, l.command?.arguments]),
      [[8, '$(sparkle) Explain failure', [{ runId: demo.failedRunId, jobId: trainJobId }]]],
    );
    await harness.client.sendNotification(LanguageModelsNotification.type, { available: false });
    assert.deepEqual(await explainLenses(), [], 'gone with the model');
  });

  it('re-run failed jobs: the stand-in receives it and the panel sees the new attempt', async () => {
    const result = await harness.client.sendRequest(RerunFailedJobsRequest.type, {
      ...repository,
      runId: demo.failedRunId,
    });
    assert.deepEqual(result, { ok: true });
    assert.ok(
      standIn.requests.some(
        (r) => r.method === 'POST' && r.path.endsWith(`/runs/${demo.failedRunId}/rerun-failed-jobs`),
      ),
    );
    const after = await snapshotWhere((s) => s.runs.some((r) => r.id === demo.failedRunId && r.run_attempt === 2));
    assert.equal(after.runs.find((r) => r.id === demo.failedRunId)?.status, 'queued');
  });

  it('cancel of a completed run answers with the 409 sentence; malformed ids are refused', async () => {
    assert.deepEqual(
      await harness.client.sendRequest(CancelRunRequest.type, { ...repository, runId: demo.greenRunId }),
      {
        ok: false,
        error: `Cannot cancel run ${demo.greenRunId}: the run already completed (409).`,
        kind: 'http',
        status: 409,
      },
    );
    assert.deepEqual(await harness.client.sendRequest(CancelRunRequest.type, { ...repository, runId: -1 }), {
      ok: false,
      error: 'The repository or run/job id is malformed.',
      kind: 'other',
    });
  });

  it('job log: the text of the job', async () => {
    const job = standIn.state.run(demo.failedRunId).jobs.find((j) => j.name === 'train' && j.runAttempt === 1);
    const result = await harness.client.sendRequest(JobLogRequest.type, { ...repository, jobId: job?.id ?? 0 });
    assert.deepEqual(result, { ok: true, text: job?.log, truncated: false });
  });

  it('pause stops polling; a new session with a bad token reports signedOut', async () => {
    assert.deepEqual(await harness.client.sendRequest(WatchPipelineRunsRequest.type, { action: 'pause' }), {
      ok: true,
    });
    await harness.client.sendNotification(GitHubSessionNotification.type, {
      token: 'gho_revoked',
      baseUrl: standIn.url,
    });
    await harness.client.sendRequest(WatchPipelineRunsRequest.type, { action: 'resume' });
    const out = await snapshotWhere((s) => s.state.kind === 'signedOut' && s.state.message.includes('401'));
    assert.equal(out.paused, false);
    assert.ok(!JSON.stringify(snapshots).includes(TOKEN));
  });

  it('an action GitHub rate-limits answers kind rateLimited, decided from the reply, not left to the client', async () => {
    await harness.client.sendNotification(GitHubSessionNotification.type, { token: TOKEN, baseUrl: standIn.url });
    standIn.injectFault({ kind: 'secondaryLimit', status: 403, retryAfterSeconds: 600 }, 1, /\/rerun$/);
    const result = await harness.client.sendRequest(RerunRunRequest.type, { ...repository, runId: demo.greenRunId });
    assert.equal(result.ok, false);
    assert.ok(!result.ok && result.kind === 'rateLimited', JSON.stringify(result));
    assert.equal('status' in result, false, 'no status the client could take for a permission problem');
  });
});
