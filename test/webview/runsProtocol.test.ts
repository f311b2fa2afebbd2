// The runs part of the webview boundary: the run actions the page may send, and the runs snapshot the page accepts.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseFromWebview, parseToWebview } from '../../protocol/webview';
import { CI_RUN, DOCS_RUN, TRAIN_RUN, runsMessage } from './runsFixtures';

describe('parseFromWebview: run actions', () => {
  it('accepts each action with positive integer ids and drops extra fields', () => {
    assert.deepEqual(parseFromWebview({ type: 'signIn', token: 'x' }), { type: 'signIn' });
    assert.deepEqual(parseFromWebview({ type: 'rerunFailed', runId: 1 }), { type: 'rerunFailed', runId: 1 });
    assert.deepEqual(parseFromWebview({ type: 'rerunRun', runId: 2, jobId: 3 }), { type: 'rerunRun', runId: 2 });
    assert.deepEqual(parseFromWebview({ type: 'cancelRun', runId: 30433642 }), { type: 'cancelRun', runId: 30433642 });
    assert.deepEqual(parseFromWebview({ type: 'rerunJob', runId: 2, jobId: 399444496 }), {
      type: 'rerunJob',
      runId: 2,
      jobId: 399444496,
    });
    assert.deepEqual(parseFromWebview({ type: 'openLog', runId: 2, jobId: 3, url: 'https://evil' }), {
      type: 'openLog',
      runId: 2,
      jobId: 3,
    });
    assert.deepEqual(parseFromWebview({ type: 'openStep', runId: 2, jobId: 3, stepNumber: 1 }), {
      type: 'openStep',
      runId: 2,
      jobId: 3,
      stepNumber: 1,
    });
  });

  const malformed: [string, unknown][] = [
    ['rerunFailed without runId', { type: 'rerunFailed' }],
    ['rerunFailed with a string id', { type: 'rerunFailed', runId: '1' }],
    ['cancelRun with id 0', { type: 'cancelRun', runId: 0 }],
    ['cancelRun with a negative id', { type: 'cancelRun', runId: -5 }],
    ['rerunRun with a fractional id', { type: 'rerunRun', runId: 1.5 }],
    ['rerunRun with an unsafe integer', { type: 'rerunRun', runId: 2 ** 60 }],
    ['rerunJob without jobId', { type: 'rerunJob', runId: 1 }],
    ['openLog with a null job', { type: 'openLog', runId: 1, jobId: null }],
    ['openStep without stepNumber', { type: 'openStep', runId: 1, jobId: 2 }],
    ['openStep with step 0', { type: 'openStep', runId: 1, jobId: 2, stepNumber: 0 }],
    ['openStep with NaN', { type: 'openStep', runId: 1, jobId: 2, stepNumber: Number.NaN }],
  ];
  for (const [name, value] of malformed) {
    it(`rejects ${name}`, () => {
      assert.equal(parseFromWebview(value), undefined);
    });
  }
});

describe('parseToWebview: runs snapshot', () => {
  it('accepts a full snapshot and every state, keeping only known fields', () => {
    const message = runsMessage();
    assert.deepEqual(parseToWebview(JSON.parse(JSON.stringify(message))), message);
    const states = [
      { kind: 'loading' },
      { kind: 'ok' },
      { kind: 'signedOut' },
      { kind: 'noRemote' },
      { kind: 'noRuns' },
      { kind: 'offline' },
      { kind: 'rateLimited', until: '2026-11-20T12:10:00Z' },
      { kind: 'permissionDenied', detail: 'token lacks the repo scope' },
    ] as const;
    for (const state of states) {
      assert.deepEqual(
        parseToWebview({ ...runsMessage([], { state, repository: null, branch: null, updatedAt: null }), extra: 1 }),
        runsMessage([], { state, repository: null, branch: null, updatedAt: null }),
      );
    }
    const withExtras = { ...runsMessage([{ ...DOCS_RUN, html_url: 'x', extra: '<b>' } as typeof DOCS_RUN]) };
    assert.deepEqual(parseToWebview(withExtras), runsMessage([DOCS_RUN]));
  });

  const base = runsMessage();
  const job = CI_RUN.jobs?.[0];
  assert.ok(job);
  const malformed: [string, unknown][] = [
    ['runs not an array', { ...base, runs: {} }],
    ['an unknown state', { ...base, state: { kind: 'broken' } }],
    ['rateLimited without until', { ...base, state: { kind: 'rateLimited' } }],
    ['rateLimited with a non-date', { ...base, state: { kind: 'rateLimited', until: 'soon' } }],
    ['permissionDenied without detail', { ...base, state: { kind: 'permissionDenied' } }],
    ['a numeric branch', { ...base, branch: 3 }],
    ['updatedAt not a date', { ...base, updatedAt: 'yesterday' }],
    ['a repeated run id', { ...base, runs: [CI_RUN, CI_RUN] }],
    ['a run with an unknown status', { ...base, runs: [{ ...CI_RUN, status: 'done' }] }],
    ['a run with an unknown conclusion', { ...base, runs: [{ ...TRAIN_RUN, conclusion: 'exploded' }] }],
    ['a run with attempt 0', { ...base, runs: [{ ...CI_RUN, attempt: 0 }] }],
    ['a run with a numeric actor', { ...base, runs: [{ ...CI_RUN, actor: 1 }] }],
    ['a run with jobs missing', { ...base, runs: [{ ...CI_RUN, jobs: undefined }] }],
    ['a run with a repeated job id', { ...base, runs: [{ ...CI_RUN, jobs: [job, job] }] }],
    [
      'a job with a repeated step number',
      { ...base, runs: [{ ...CI_RUN, jobs: [{ ...job, steps: [job.steps[0], job.steps[0]] }] }] },
    ],
    [
      'a step with a bad start time',
      { ...base, runs: [{ ...CI_RUN, jobs: [{ ...job, steps: [{ ...job.steps[0], startedAt: 'now' }] }] }] },
    ],
    ['a title longer than 2000 characters', { ...base, runs: [{ ...CI_RUN, title: 'x'.repeat(2001) }] }],
    ['more than 100 runs', { ...base, runs: Array.from({ length: 101 }, (_, i) => ({ ...DOCS_RUN, id: i + 1 })) }],
  ];
  for (const [name, value] of malformed) {
    it(`rejects ${name}`, () => {
      assert.equal(parseToWebview(value), undefined);
    });
  }
});
