// The batching under shellcheck and pyflakes, with a scripted stand-in for the tool: a failing batch is split until the
// failure is pinned to the scripts that cause it, every other script keeps its result, and no more processes run at
// once than there are cores.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { describe, it } from 'node:test';
import {
  lintScripts,
  mapLimited,
  toolParallelism,
  type BatchOutput,
  type ScriptLinter,
} from '../../server/src/engine/scripts/lintScripts';

/** A linter that reports each script's first word, and fails any batch holding a script that says "crash". */
function fakeLinter(runs: { files: number }[], running: { now: number; max: number }): ScriptLinter<string> {
  return {
    extension: '.txt',
    async run(files): Promise<BatchOutput<string>> {
      running.now++;
      running.max = Math.max(running.max, running.now);
      runs.push({ files: files.length });
      await new Promise((resolve) => setImmediate(resolve));
      running.now--;
      const texts = files.map((f) => fs.readFileSync(f, 'utf8'));
      if (texts.some((t) => t.startsWith('crash'))) return { failure: 'the tool crashed' };
      return { comments: new Map(texts.map((t, i) => [i, [t.split(' ')[0] ?? '']])) };
    },
  };
}

describe('lintScripts', () => {
  it('pins a failure to the script that causes it and keeps every other result', async () => {
    const scripts = Array.from({ length: 300 }, (_v, i) => (i === 137 ? 'crash now' : `word${i} rest`));
    const runs: { files: number }[] = [];
    const running = { now: 0, max: 0 };
    const results = await lintScripts(fakeLinter(runs, running), scripts);
    assert.equal(results.length, 300);
    results.forEach((r, i) => {
      if (i === 137) assert.deepEqual(r, { failure: 'the tool crashed' });
      else assert.deepEqual(r, { comments: [`word${i}`] });
    });
    assert.ok(running.max <= toolParallelism(), `at most one process per core (${running.max} ran at once)`);
    assert.ok(
      runs.every((r) => r.files <= 100),
      'batches stay small enough to retry',
    );
  });

  it('runs tasks with a bounded number at once, results in input order', async () => {
    let now = 0;
    let max = 0;
    const out = await mapLimited([5, 4, 3, 2, 1, 0], 2, async (n) => {
      now++;
      max = Math.max(max, now);
      for (let i = 0; i < n; i++) await new Promise((resolve) => setImmediate(resolve));
      now--;
      return n * 10;
    });
    assert.deepEqual(out, [50, 40, 30, 20, 10, 0]);
    assert.equal(max, 2);
  });
});
