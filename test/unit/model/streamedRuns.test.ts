// The run history read as a stream gives what reading it whole gave: the same records whatever the chunk boundaries,
// the same runs, and the same model to the byte as before streaming, bounded histories and the float32 table
// (the hash below was taken from the code before those changes, on the same synthetic history).
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { writeFailureModelOnnx } from '../../../server/src/engine/model/failure/failureModelOnnx';
import { Outcome, RunHistory } from '../../../server/src/engine/model/failure/runHistory';
import { trainFailureModel } from '../../../server/src/engine/model/failure/trainFailureModel';
import { CsvRecordReader, type CsvRecord } from '../../../server/src/engine/model/runs/csvRecordReader';
import { loadRunsCsv, loadRunsCsvFile } from '../../../server/src/engine/model/runs/loadRunsCsv';
import type { RunRecord } from '../../../server/src/engine/model/runs/runRecord';
import { seededRandom } from '../../support/model/randomEnsemble';
import { syntheticRuns, toCsv } from '../../support/model/syntheticRuns';

let dir = '';
let text = '';

before(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'preflight-stream-'));
  text = toCsv(syntheticRuns(7, 6000));
  fs.writeFileSync(path.join(dir, 'runs.csv'), text);
});

after(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});

function readInPieces(input: string, size: number): CsvRecord[] {
  const reader = new CsvRecordReader();
  const out: CsvRecord[] = [];
  for (let i = 0; i < input.length; i += size) {
    const step = reader.push(input.slice(i, i + size));
    assert.ok(step.ok, step.ok ? '' : step.error);
    out.push(...step.records);
  }
  const tail = reader.end();
  assert.ok(tail.ok, tail.ok ? '' : tail.error);
  return [...out, ...tail.records];
}

describe('run history read as a stream', () => {
  it('gives the same records whatever the piece boundaries (quotes, doubled quotes, newlines in quotes, CRLF, BOM)', () => {
    const input = '\ufeffa,b,c\r\n1,"x, ""y""",3\r\n\r\n"multi\nline",,"end"""\n4,5,"6"\r';
    const expected = [
      { line: 1, fields: ['a', 'b', 'c'] },
      { line: 2, fields: ['1', 'x, "y"', '3'] },
      { line: 4, fields: ['multi\nline', '', 'end"'] },
      { line: 6, fields: ['4', '5', '6'] },
    ];
    for (let size = 1; size <= input.length; size++)
      assert.deepEqual(readInPieces(input, size), expected, `pieces of ${size}`);
  });

  it('reports an unclosed quote and a stray quote at their lines, as the whole-text reader did', () => {
    const open = new CsvRecordReader();
    assert.ok(open.push('a\n"never\nclosed').ok);
    assert.deepEqual(open.end(), { ok: false, line: 2, error: 'a quoted field is never closed' });
    const stray = new CsvRecordReader();
    assert.deepEqual(stray.push('a\nx"y\n'), {
      ok: false,
      line: 2,
      error: 'a quote inside an unquoted field (quote the whole field and double inner quotes)',
    });
  });

  it('loads the same runs from a file in small pieces as from the whole text', async () => {
    const whole = loadRunsCsv(text, 'runs.csv');
    assert.ok(whole.ok);
    for (const chunkBytes of [7, 4096, 1 << 20]) {
      const streamed = await loadRunsCsvFile(path.join(dir, 'runs.csv'), 'runs.csv', undefined, chunkBytes);
      assert.ok(streamed.ok, streamed.ok ? '' : streamed.error);
      assert.deepEqual(streamed.value.runs, whole.value, `pieces of ${chunkBytes} bytes`);
      assert.deepEqual(streamed.value.notes, { rows: 6000, skipped: [], noted: [] });
    }
  });

  it('trains the same model, byte for byte, as from the whole text', async () => {
    const modelHash = (runs: readonly RunRecord[]): string => {
      const trained = trainFailureModel(runs, { now: new Date(1_700_000_000_000), gbdt: { seed: 1 } });
      assert.ok(trained.ok, trained.ok ? '' : trained.error);
      return createHash('sha256').update(writeFailureModelOnnx(trained.value.model)).digest('hex');
    };
    const streamed = await loadRunsCsvFile(path.join(dir, 'runs.csv'), 'runs.csv', undefined, 4096);
    const whole = loadRunsCsv(text, 'runs.csv');
    assert.ok(streamed.ok && whole.ok);
    assert.equal(modelHash(streamed.value.runs), modelHash(whole.value));
  });
});

describe('bounded run history', () => {
  it('answers every feature query as the unbounded history does, with late finishers and long failure streaks', () => {
    const random = seededRandom(11);
    const HOUR = 3_600_000;
    for (let trial = 0; trial < 20; trial++) {
      const bounded = new RunHistory();
      const full = new RunHistory();
      const pending: { createdAt: number; doneAt: number; outcome: Outcome }[] = [];
      // Phases of mostly failures and mostly successes, so streaks outlive what the bounded history keeps.
      const failP = trial % 2 === 0 ? 1 : 0.3;
      for (let i = 0; i < 1500; i++) {
        const now = i * 0.2 * HOUR;
        pending.sort((a, b) => a.doneAt - b.doneAt);
        while (pending.length > 0 && (pending[0]?.doneAt ?? Infinity) < now) {
          const done = pending.shift();
          if (!done) break;
          bounded.noteFinished(done.createdAt, done.outcome, 'sha', now);
          full.noteFinished(done.createdAt, done.outcome, 'sha');
        }
        const since = now - 24 * HOUR;
        assert.equal(bounded.failureStreak(), full.failureStreak(), `streak at ${i}`);
        assert.equal(bounded.lastSuccessAt(), full.lastSuccessAt(), `last success at ${i}`);
        assert.equal(bounded.recentFailureRate(50, 0.2), full.recentFailureRate(50, 0.2));
        assert.equal(bounded.failureRateSince(since, 0.2), full.failureRateSince(since, 0.2));
        assert.equal(bounded.nthLabelled(2)?.createdAt, full.nthLabelled(2)?.createdAt);
        assert.equal(bounded.latest()?.createdAt, full.latest()?.createdAt);
        assert.equal(bounded.running, full.running);
        bounded.noteStarted();
        full.noteStarted();
        const u = random();
        const outcome =
          u < 0.1 ? Outcome.Other : random() < (i % 400 < 200 ? failP : 0.1) ? Outcome.Failure : Outcome.Success;
        // Most runs finish within the hour; one in fifty takes up to three days (a late finisher far behind the rest).
        const duration = random() < 0.02 ? random() * 72 * HOUR : random() * HOUR;
        pending.push({ createdAt: now, doneAt: now + duration, outcome });
      }
    }
  });
});
