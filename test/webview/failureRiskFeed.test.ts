// The extension's failure-risk feed to the panel (client/src/risk/failureRiskFeed.ts): an explanation asked for with
// "why?" follows the model, since every update asks the server for the same lens's explanation again before the panel
// hears of it; it is marked stale when the server cannot answer, and dropped when there is nothing to explain any more.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { FailureRiskFeed, type RiskLensTarget } from '../../client/src/risk/failureRiskFeed';
import type { FailureRiskMessage, RiskExplanationView } from '../../protocol/failureRisk';
import type { FailureRiskNotification } from '../../protocol/failureRiskLsp';
import type { ToWebview } from '../../protocol/webview';
import { FakeEventEmitter } from './fakeVscode';

const TARGET: RiskLensTarget = { uri: 'file:///ws/.github/workflows/ci.yml', job: 'test' };

function view(probability: number): RiskExplanationView {
  return {
    workflowPath: '.github/workflows/ci.yml',
    workflowName: 'CI',
    job: 'test',
    branch: 'main',
    probability,
    baseProbability: 0.1,
    shown: { kind: 'percent' },
    factors: [],
    groups: [],
    basis: '',
    markdown: '',
  };
}

function update(probability: number): FailureRiskNotification.Params {
  return { branch: 'main', workflows: [{ ...view(probability), job: null }], monitoring: null, jobMonitoring: null };
}

/** A deferred answer of the server, settled by the test when it wants. */
function deferred<T>(): { promise: Promise<T>; resolve: (value: T) => void; reject: (error: Error) => void } {
  let resolve!: (value: T) => void;
  let reject!: (error: Error) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

function setUp(): {
  feed: FailureRiskFeed;
  updates: FakeEventEmitter<FailureRiskNotification.Params>;
  posted: FailureRiskMessage[];
  asked: RiskLensTarget[];
  answer: (next: Promise<RiskExplanationView | null | undefined>) => void;
  nextPost: () => Promise<FailureRiskMessage>;
} {
  const updates = new FakeEventEmitter<FailureRiskNotification.Params>();
  const posted: FailureRiskMessage[] = [];
  const asked: RiskLensTarget[] = [];
  let pending: Promise<RiskExplanationView | null | undefined> = Promise.resolve(undefined);
  let waiting: ((message: FailureRiskMessage) => void) | undefined;
  const feed = new FailureRiskFeed(
    updates.event,
    (target) => {
      asked.push(target);
      return pending;
    },
    [],
  );
  const runs = { attach: () => undefined, detach: () => undefined, handle: () => undefined };
  feed.alongside(runs).attach((message: ToWebview) => {
    if (message.type !== 'failureRisk') return;
    posted.push(message);
    waiting?.(message);
  });
  return {
    feed,
    updates,
    posted,
    asked,
    answer: (next) => {
      pending = next;
    },
    nextPost: () =>
      new Promise((resolve) => {
        waiting = (m) => {
          waiting = undefined;
          resolve(m);
        };
      }),
  };
}

describe('failure-risk feed to the panel', () => {
  it('numbers each "why?" so the page can tell a new request from a refresh', () => {
    const { feed, posted } = setUp();
    assert.equal(posted.at(-1)?.focusRequest, 0);
    feed.showExplanation(view(0.995), TARGET);
    feed.showExplanation(view(0.995), TARGET);
    assert.deepEqual(
      posted.slice(1).map((m) => [m.focusRequest, m.focus?.probability, m.focusStale]),
      [
        [1, 0.995, false],
        [2, 0.995, false],
      ],
    );
  });

  it("asks for the same lens's explanation again on an update (a retrained model) before the panel hears of it", async () => {
    const { feed, updates, posted, asked, answer, nextPost } = setUp();
    feed.showExplanation(view(0.995), TARGET);
    const server = deferred<RiskExplanationView | null | undefined>();
    answer(server.promise);
    const count = posted.length;
    updates.fire(update(0.04));
    assert.deepEqual(asked, [TARGET]);
    assert.equal(posted.length, count, 'nothing is sent while the explanation would disagree with the lens');
    const sent = nextPost();
    server.resolve(view(0.04));
    const message = await sent;
    assert.deepEqual(
      [message.focus?.probability, message.workflows[0]?.probability, message.focusRequest, message.focusStale],
      [0.04, 0.04, 1, false],
    );
  });

  it('marks the explanation stale when the server cannot answer, and drops it when there is none any more', async () => {
    const { feed, updates, answer, nextPost } = setUp();
    feed.showExplanation(view(0.995), TARGET);
    answer(Promise.reject(new Error('the server is restarting')));
    let sent = nextPost();
    updates.fire(update(0.04));
    let message = await sent;
    assert.deepEqual([message.focus?.probability, message.focusStale], [0.995, true]);
    answer(Promise.resolve(null));
    sent = nextPost();
    updates.fire(update(0.05));
    message = await sent;
    assert.deepEqual([message.focus, message.focusStale, message.workflows[0]?.probability], [null, false, 0.05]);
  });

  it('lets a newer "why?" win over an update still being explained', async () => {
    const { feed, updates, posted, answer } = setUp();
    feed.showExplanation(view(0.995), TARGET);
    const server = deferred<RiskExplanationView | null | undefined>();
    answer(server.promise);
    updates.fire(update(0.04));
    feed.showExplanation(view(0.3), { ...TARGET, job: null });
    server.resolve(view(0.04));
    await server.promise;
    await new Promise((resolve) => setImmediate(resolve));
    assert.deepEqual(
      posted.slice(-1).map((m) => [m.focus?.probability, m.focusRequest]),
      [[0.3, 2]],
    );
  });
});
