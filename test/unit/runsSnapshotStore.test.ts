// RunsSnapshotStore on real files in a temp folder: kept per repository and branch, read back marked as cached, bounded
// in entries, runs and bytes, and a corrupt or tampered file is ignored (never a crash), its bad entries dropped.
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import type { RunsMessage, RunView } from '../../protocol/runsView';
import { RunsSnapshotStore, snapshotKey, type SnapshotLimits } from '../../client/src/github/runsSnapshotStore';

const API = 'https://api.github.com';
const MAIN = snapshotKey({ baseUrl: API, owner: 'o', repo: 'r', branch: 'main', headSha: 'a'.repeat(40) }) ?? '';
const FEATURE =
  snapshotKey({ baseUrl: API, owner: 'o', repo: 'r', branch: 'feature/x', headSha: 'a'.repeat(40) }) ?? '';

function runView(id: number, title = 'Train the model'): RunView {
  return {
    id,
    workflowName: 'CI',
    title,
    headSha: 'a'.repeat(40),
    runNumber: id,
    attempt: 1,
    event: 'push',
    actor: 'octocat',
    status: 'completed',
    conclusion: 'success',
    createdAt: '2026-11-20T10:00:00Z',
    startedAt: '2026-11-20T10:00:05Z',
    updatedAt: '2026-11-20T10:05:00Z',
    jobs: null,
  };
}

function message(ids: number[], branch = 'main'): RunsMessage {
  return {
    type: 'runs',
    state: { kind: 'ok' },
    repository: 'o/r',
    branch,
    runs: ids.map((id) => runView(id)),
    updatedAt: '2026-11-20T10:06:00Z',
  };
}

function tempFile(): string {
  return path.join(mkdtempSync(path.join(tmpdir(), 'preflight-snapshots-')), 'nested', 'runs-snapshots.json');
}

/** A store over `file`, its clock advancing one second per save so "least recently saved" is well defined. */
function store(file: string | undefined, limits?: Partial<SnapshotLimits>): RunsSnapshotStore {
  let t = 1_000;
  return new RunsSnapshotStore(
    file,
    { maxEntries: 8, maxRunsPerEntry: 25, maxBytes: 512 * 1024, ...limits },
    () => (t += 1_000),
  );
}

describe('RunsSnapshotStore', () => {
  it('keys by API, repository and branch; a detached HEAD by its commit; nothing without either', () => {
    assert.equal(MAIN, 'https://api.github.com o/r branch:main');
    assert.notEqual(
      snapshotKey({ baseUrl: 'https://ghe.example.com/api/v3', owner: 'o', repo: 'r', branch: 'main', headSha: null }),
      MAIN,
    );
    assert.equal(
      snapshotKey({ baseUrl: API, owner: 'o', repo: 'r', branch: null, headSha: 'b'.repeat(40) }),
      `${API} o/r sha:${'b'.repeat(40)}`,
    );
    assert.equal(snapshotKey({ baseUrl: API, owner: 'o', repo: 'r', branch: null, headSha: null }), undefined);
  });

  it('keeps each repository+branch apart and reads them back marked as cached, across a new store on the same file', async () => {
    const file = tempFile();
    const first = store(file);
    await first.load();
    first.put(MAIN, message([3, 2, 1]));
    first.put(FEATURE, { ...message([9], 'feature/x'), cached: true });
    assert.deepEqual(
      first.get(MAIN)?.runs.map((r) => r.id),
      [3, 2, 1],
    );
    assert.equal(first.get(MAIN)?.cached, true);
    await first.flush();
    const written = JSON.parse(readFileSync(file, 'utf8')) as { entries: { message: Record<string, unknown> }[] };
    assert.equal(
      written.entries.some((e) => 'cached' in e.message),
      false,
      'the mark is added on reading, not stored',
    );

    const second = store(file);
    assert.equal(second.get(MAIN), undefined, 'nothing before load()');
    await second.load();
    assert.deepEqual(second.get(MAIN), { ...message([3, 2, 1]), cached: true });
    assert.deepEqual(
      second.get(FEATURE)?.runs.map((r) => r.id),
      [9],
    );
    assert.equal(
      second.get(snapshotKey({ baseUrl: API, owner: 'o', repo: 'other', branch: 'main', headSha: null }) ?? ''),
      undefined,
    );
  });

  it('a save made before the file is read is newer than the file and wins', async () => {
    const file = tempFile();
    const first = store(file);
    first.put(MAIN, message([1]));
    await first.flush();
    const second = store(file);
    second.put(MAIN, message([2]));
    await second.load();
    assert.deepEqual(
      second.get(MAIN)?.runs.map((r) => r.id),
      [2],
    );
  });

  it('is bounded: runs per entry, entries (least recently saved go), and bytes', async () => {
    const file = tempFile();
    const few = store(file, { maxEntries: 2, maxRunsPerEntry: 3 });
    few.put(MAIN, message([6, 5, 4, 3, 2, 1]));
    assert.deepEqual(
      few.get(MAIN)?.runs.map((r) => r.id),
      [6, 5, 4],
      'the newest runs',
    );
    few.put(FEATURE, message([7], 'feature/x'));
    few.put(MAIN, message([8]));
    const third = snapshotKey({ baseUrl: API, owner: 'o', repo: 'r', branch: 'third', headSha: null }) ?? '';
    few.put(third, message([9], 'third'));
    assert.equal(few.get(FEATURE), undefined, 'feature/x was saved least recently');
    assert.deepEqual([few.get(MAIN)?.runs.map((r) => r.id), few.get(third)?.runs.map((r) => r.id)], [[8], [9]]);

    const small = store(file, { maxBytes: 4_000, maxRunsPerEntry: 100 });
    small.put(FEATURE, message([1, 2]));
    small.put(MAIN, message(Array.from({ length: 40 }, (_, i) => 100 - i)));
    await small.flush();
    assert.ok(statSync(file).size <= 4_000, `file is ${statSync(file).size} bytes`);
    assert.equal(small.get(FEATURE), undefined, 'the older entry went first');
    const kept = small.get(MAIN)?.runs.map((r) => r.id) ?? [];
    assert.ok(
      kept.length > 0 && kept.length < 40 && kept[0] === 100,
      `the newest runs of the newest entry stay (${kept.length})`,
    );
  });

  it('ignores a corrupt file, drops malformed entries, and rewrites the file on the next save', async () => {
    const file = tempFile();
    const seed = store(file);
    seed.put(MAIN, message([1]));
    await seed.flush();

    writeFileSync(file, '{"version":1,"entries":[{"key":"x", "savedAt": 1, "message": {"type":"runs"');
    const torn = store(file);
    await torn.load();
    assert.equal(torn.get(MAIN), undefined);
    torn.put(MAIN, message([2]));
    await torn.flush();
    assert.equal((JSON.parse(readFileSync(file, 'utf8')) as { entries: unknown[] }).entries.length, 1);

    const good = { key: MAIN, savedAt: 5, message: message([3]) };
    const forged = { key: FEATURE, savedAt: 6, message: { ...message([4]), runs: [{ ...runView(4), id: -1 }] } };
    writeFileSync(file, JSON.stringify({ version: 1, entries: [good, forged, 'nonsense', { key: 42 }] }));
    const mixed = store(file);
    await mixed.load();
    assert.deepEqual(
      mixed.get(MAIN)?.runs.map((r) => r.id),
      [3],
    );
    assert.equal(mixed.get(FEATURE), undefined, 'an entry the page would reject is dropped');

    for (const content of [
      '',
      'null',
      '[]',
      JSON.stringify({ version: 2, entries: [good] }),
      JSON.stringify({ version: 1, entries: {} }),
    ]) {
      writeFileSync(file, content);
      const other = store(file);
      await other.load();
      assert.equal(other.get(MAIN), undefined, `ignored: ${content}`);
    }
  });

  it('without a file keeps snapshots in memory only', async () => {
    const memory = store(undefined);
    await memory.load();
    memory.put(MAIN, message([1]));
    await memory.flush();
    assert.deepEqual(
      memory.get(MAIN)?.runs.map((r) => r.id),
      [1],
    );
  });
});
