// JSON run histories read in pieces: the scanner hands out exactly the items JSON.parse finds in the top-level lists,
// whatever the piece boundaries (inside strings, escapes, numbers, between items), and the file loader gives the same
// runs and notes as reading the text whole.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import { JsonItemScanner, type ScannedItem } from '../../../server/src/engine/model/runs/jsonItemScanner';
import { loadRunsJsonFile } from '../../../server/src/engine/model/runs/loadRuns';
import { loadRunsJsonWithNotes } from '../../../server/src/engine/model/runs/loadRunsJson';

function scan(text: string, piece: number, keys = new Set(['workflow_runs', 'jobs'])): ScannedItem[] {
  const scanner = new JsonItemScanner(keys);
  const items: ScannedItem[] = [];
  for (let at = 0; at < text.length; at += piece) items.push(...scanner.feed(text.slice(at, at + piece)));
  scanner.end();
  return items;
}

const run = (id: number, extra: Record<string, unknown> = {}): Record<string, unknown> => ({
  id,
  workflow_id: 7,
  name: `CI "quoted" \\ ${id}, [x] {y}`,
  created_at: '2026-01-01T00:00:00Z',
  updated_at: '2026-01-01T00:10:00Z',
  event: 'push',
  head_sha: 'abc',
  status: 'completed',
  conclusion: id % 3 === 0 ? 'failure' : 'success',
  head_branch: 'main',
  ...extra,
});

describe('JSON items in pieces', () => {
  const document = JSON.stringify(
    {
      total_count: 3,
      'we\\"ird': [1, 2],
      nested: { workflow_runs: [99] },
      workflow_runs: [run(1), run(2, { jobs: [{ name: 'a,b', status: 'completed', conclusion: 'success' }] }), run(3)],
      jobs: [{ run_id: 1, name: 'build', status: 'completed', conclusion: 'failure' }],
    },
    null,
    1,
  );

  it('hands out the items of the chosen top-level lists at every piece size, and nothing else', () => {
    const whole = JSON.parse(document) as { workflow_runs: unknown[]; jobs: unknown[] };
    for (let piece = 1; piece <= document.length; piece += piece < 40 ? 1 : 97) {
      const items = scan(document, piece);
      assert.deepEqual(
        items.filter((i) => i.key === 'workflow_runs').map((i) => JSON.parse(i.text) as unknown),
        whole.workflow_runs,
        `piece ${piece}`,
      );
      assert.deepEqual(
        items.filter((i) => i.key === 'jobs').map((i) => JSON.parse(i.text) as unknown),
        whole.jobs,
        `piece ${piece}`,
      );
      assert.equal(items.length, 4, 'a list under another key, or nested deeper, is not handed out');
    }
    const list = JSON.stringify([run(1), 'text', 3, null, [1, [2]]]);
    for (let piece = 1; piece <= 12; piece++)
      assert.deepEqual(
        scan(list, piece).map((i) => JSON.parse(i.text) as unknown),
        JSON.parse(list),
      );
  });

  it('refuses a document that is cut short or closed wrongly', () => {
    assert.throws(() => scan(document.slice(0, -5), 10), /ends early/);
    assert.throws(() => scan('[1, 2}', 3), /unexpected/);
    assert.throws(() => scan('[1] [2]', 3), /after the end/);
  });

  it('loads a history file in small pieces as it loads the text whole', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'preflight-json-'));
    try {
      const file = path.join(dir, 'runs.json');
      const text = JSON.stringify({
        workflow_runs: [run(1), run(2), run(3, { updated_at: 'never' }), run(4)],
        jobs: [{ run_id: 2, name: 'test', status: 'completed', conclusion: 'failure' }],
      });
      fs.writeFileSync(file, text);
      const whole = loadRunsJsonWithNotes(text, 'runs.json');
      assert.ok(whole.ok);
      assert.equal(whole.value.runs.length, 3);
      assert.equal(whole.value.notes.skipped[0]?.count, 1, 'the run with no finish time is skipped and counted');
      assert.deepEqual(
        whole.value.runs.find((r) => r.id === '2')?.jobs?.map((j) => j.name),
        ['test'],
        'top-level jobs after the runs are attached',
      );
      for (const chunkBytes of [1, 7, 64, 1 << 20])
        assert.deepEqual(
          await loadRunsJsonFile(file, 'runs.json', undefined, chunkBytes),
          whole,
          `chunks of ${chunkBytes}`,
        );
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
