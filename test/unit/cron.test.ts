import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { cronProblems, shortestIntervalMinutes } from '../../server/src/engine/github/cron';

describe('cron schedules', () => {
  it('reads the shortest interval between runs from the minute and hour fields', () => {
    assert.equal(shortestIntervalMinutes('*/5 * * * *'), 5);
    assert.equal(shortestIntervalMinutes('*/4 * * * *'), 4);
    assert.equal(shortestIntervalMinutes('* */3 * * *'), 1);
    assert.equal(shortestIntervalMinutes('0-3 12 * * *'), 1);
    assert.equal(shortestIntervalMinutes('0,2,30 * * * *'), 2);
    assert.equal(shortestIntervalMinutes('5/20 * * * *'), 20);
  });

  it('counts the gap across the hour only when the schedule runs in consecutive hours', () => {
    assert.equal(shortestIntervalMinutes('59,1 * * * *'), 2);
    assert.equal(shortestIntervalMinutes('59,1 */2 * * *'), 58);
    assert.equal(shortestIntervalMinutes('0 3 * * *'), 60);
  });

  it('has no interval for an expression that does not parse', () => {
    assert.equal(shortestIntervalMinutes('*/0 * * * *'), undefined);
    assert.equal(shortestIntervalMinutes('61 * * * *'), undefined);
    assert.notDeepEqual(cronProblems('61 * * * *'), []);
  });
});
