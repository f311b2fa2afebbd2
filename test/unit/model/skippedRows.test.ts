// Rows a history file holds but training cannot use are counted and named, never taken in silently: completed runs with
// no finish time (no updated_at, a duration that is empty, NaN or Infinity) are skipped, since taking their creation
// as their finish would show their outcome to runs created before they really ended; durations that are not numbers
// beside a good updated_at are kept and noted. `train` and `evaluate` say so in text and JSON, and so does the
// extension's retraining message.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { trainFailureModel } from '../../../server/src/engine/model/failure/trainFailureModel';
import { trainingRowsText } from '../../../server/src/engine/model/failure/trainingRows';
import { loadRunsCsvText } from '../../../server/src/engine/model/runs/loadRunsCsv';
import { loadRunsJsonWithNotes } from '../../../server/src/engine/model/runs/loadRunsJson';
import { syntheticRuns, toCsv } from '../../support/model/syntheticRuns';
import { CLI } from '../../support/paths';

let dir = '';
const ROWS = 2999;

function preflight(args: string[]): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd: dir, encoding: 'utf8' });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** The synthetic history with `build_duration` replaced on the rows `bad` picks (and updated_at blanked when `blank`). */
function spoiled(bad: (i: number) => string | undefined, blankUpdatedAt: boolean): string {
  const [header = '', ...lines] = toCsv(syntheticRuns(5, ROWS)).trimEnd().split('\n');
  const cols = header.split(',');
  const duration = cols.indexOf('build_duration');
  const updated = cols.indexOf('updated_at');
  const out = lines.map((line, i) => {
    const value = bad(i);
    if (value === undefined) return line;
    const fields = line.split(',');
    if (fields[6] !== 'completed') return line;
    fields[duration] = value;
    if (blankUpdatedAt) fields[updated] = '';
    return fields.join(',');
  });
  return `${[header, ...out].join('\n')}\n`;
}

const BAD = ['NaN', 'Infinity', '', '-Infinity'];
/** Three rows in four get a bad duration: 2,250 of the 2,999 rows, as in the issue. */
const badDuration = (i: number): string | undefined => (i % 4 === 3 ? undefined : BAD[i % 4]);

before(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'preflight-skipped-'));
  fs.writeFileSync(path.join(dir, 'no-finish.csv'), spoiled(badDuration, true));
  fs.writeFileSync(path.join(dir, 'bad-duration.csv'), spoiled(badDuration, false));
});

after(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('rows training cannot use', () => {
  it('skips completed runs with no finish time and counts them by reason', () => {
    const loaded = loadRunsCsvText(fs.readFileSync(path.join(dir, 'no-finish.csv'), 'utf8'), 'no-finish.csv');
    assert.ok(loaded.ok, loaded.ok ? '' : loaded.error);
    const [skipped] = loaded.value.notes.skipped;
    assert.equal(loaded.value.notes.rows, ROWS);
    assert.ok(skipped, 'a reason for the skipped rows');
    assert.match(
      skipped.reason,
      /^completed but with no finish time \(updated_at missing or before created_at, and build_duration empty or not a finite number\)/,
    );
    assert.equal(skipped.first, 'no-finish.csv:2');
    assert.equal(loaded.value.runs.length + skipped.count, ROWS);
    assert.ok(skipped.count > 2200, `${skipped.count} skipped`);
    assert.ok(
      loaded.value.runs.every((r) => r.completedAt === undefined || r.completedAt > r.createdAt),
      'no run is taken as finished when it was created',
    );
  });

  it('keeps runs whose updated_at says when they finished, and notes the unusable durations', () => {
    const loaded = loadRunsCsvText(fs.readFileSync(path.join(dir, 'bad-duration.csv'), 'utf8'), 'bad-duration.csv');
    assert.ok(loaded.ok);
    assert.equal(loaded.value.runs.length, ROWS);
    assert.deepEqual(loaded.value.notes.skipped, []);
    assert.equal(loaded.value.notes.noted.length, 1);
    assert.match(
      loaded.value.notes.noted[0]?.reason ?? '',
      /^build_duration empty or not a finite number \(not needed: updated_at says when the run finished\)/,
    );
  });

  it('train says how many rows were skipped and why, in text and JSON', () => {
    const text = preflight(['train', '--runs', 'no-finish.csv', '--out', 'm.onnx']);
    assert.equal(text.status, 0, text.stderr);
    assert.match(text.stderr, /^preflight train: reading no-finish\.csv: 752 rows, 0 MB of 0 MB \(100 %\)$/m);
    assert.match(text.stderr, /^preflight train: building features: 752 of 752 rows$/m);
    const skipped = /(\d[\d,]*) skipped: \1 completed but with no finish time .* \(first at no-finish\.csv:2\)/.exec(
      text.stdout,
    );
    assert.ok(skipped, text.stdout);
    assert.match(text.stdout, new RegExp(`^2,999 rows read, ${skipped[1] ?? ''} skipped`, 'm'));
    assert.match(
      text.stdout,
      /^Of [\d,]+ runs, [\d,]+ are success\/failure; [\d,]+ cancelled, skipped or unfinished are history only/m,
    );
    const json = preflight(['train', '--runs', 'no-finish.csv', '--out', 'm.onnx', '--format', 'json']);
    const report = JSON.parse(json.stdout) as { rows: { read: number; skipped: { count: number; reason: string }[] } };
    assert.equal(report.rows.read, ROWS);
    assert.equal(report.rows.skipped[0]?.count, Number((skipped[1] ?? '').replace(/,/g, '')));
  });

  it('evaluate says the same, and notes durations it did not need', () => {
    assert.equal(preflight(['train', '--runs', 'bad-duration.csv', '--out', 'm.onnx']).status, 0);
    const e = preflight(['evaluate', '--model', 'm.onnx', '--runs', 'no-finish.csv']);
    assert.equal(e.status, 0, e.stderr);
    assert.match(e.stdout, /^2,999 rows read, [\d,]+ skipped: [\d,]+ completed but with no finish time/m);
    const noted = preflight(['evaluate', '--model', 'm.onnx', '--runs', 'bad-duration.csv']);
    assert.match(
      noted.stdout,
      /^2,999 rows read: 2,2\d\d kept with build_duration empty or not a finite number \(not needed: updated_at says when the run finished\) \(first at bad-duration\.csv:2\)\./m,
    );
  });

  it("skips API runs whose updated_at is not a timestamp, and the extension's training report counts history-only runs", () => {
    const runs = Array.from({ length: 3 }, (_, i) => ({
      id: i + 1,
      workflow_id: 7,
      event: 'push',
      head_sha: 's',
      status: 'completed',
      conclusion: 'success',
      created_at: '2026-01-01T00:00:00Z',
      updated_at: i === 1 ? 'never' : '2026-01-01T00:05:00Z',
    }));
    const loaded = loadRunsJsonWithNotes(JSON.stringify(runs), 'runs.json', 'o/r');
    assert.ok(loaded.ok);
    assert.equal(loaded.value.runs.length, 2);
    assert.deepEqual(
      loaded.value.notes.skipped.map((s) => [s.count, s.first]),
      [[1, 'runs.json: workflow_runs[1]']],
    );
    const trained = trainFailureModel(syntheticRuns(5, 600), { now: new Date(0) });
    assert.ok(trained.ok);
    assert.match(
      trainingRowsText(trained.value.report.rows),
      /^Of 600 runs, \d+ are success\/failure; \d+ cancelled, skipped or unfinished are history only \(features, no label\)\.$/,
    );
  });
});
