// Durations as the CodeLens, the CLI and the panel print them: one formatter (protocol/durationText.ts).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { formatDuration } from '../../protocol/durationText';

describe('formatDuration', () => {
  it('plain: rounds to the second and carries into the minute (never "1m 60s")', () => {
    assert.equal(formatDuration(119.6), '2m');
    assert.equal(formatDuration(59.5), '1m');
    assert.equal(formatDuration(760), '12m 40s');
    assert.equal(formatDuration(45), '45s');
    assert.equal(formatDuration(3600 + 5 * 60 + 9), '1h 5m');
    assert.equal(formatDuration(Number.NaN), '–');
  });

  it('ticking: floored, both units, fixed width', () => {
    assert.equal(formatDuration(119.6, 'ticking'), '1m 59s');
    assert.equal(formatDuration(185, 'ticking'), '3m 05s');
    assert.equal(formatDuration(3720, 'ticking'), '1h 02m');
    assert.equal(formatDuration(-3, 'ticking'), '0s');
  });
});
