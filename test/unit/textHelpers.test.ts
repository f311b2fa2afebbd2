import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { closestMatch, editDistance } from '../../server/src/engine/text/didYouMean';
import { LineIndex } from '../../shared/lineIndex';

describe('LineIndex', () => {
  it('maps offsets to 0-based positions across LF, CRLF and CR line breaks', () => {
    const idx = new LineIndex('ab\ncd\r\nef\rg');
    assert.deepEqual(idx.positionAt(0), { line: 0, character: 0 });
    assert.deepEqual(idx.positionAt(4), { line: 1, character: 1 });
    assert.deepEqual(idx.positionAt(7), { line: 2, character: 0 });
    assert.deepEqual(idx.positionAt(10), { line: 3, character: 0 });
    assert.equal(idx.lineText(1), 'cd');
    assert.equal(idx.lineCount, 4);
    assert.equal(idx.offsetAt({ line: 1, character: 99 }), 5);
  });

  it('counts characters in UTF-16 units, as LSP does', () => {
    const idx = new LineIndex('k: "😀" x');
    // The emoji is one character to a person but two UTF-16 units.
    assert.deepEqual(idx.positionAt('k: "😀"'.length), { line: 0, character: 7 });
  });

  it('clamps out-of-range offsets', () => {
    const idx = new LineIndex('a\nb');
    assert.deepEqual(idx.positionAt(-5), { line: 0, character: 0 });
    assert.deepEqual(idx.positionAt(99), { line: 1, character: 1 });
  });
});

describe('didYouMean', () => {
  it('counts an adjacent swap as one edit', () => {
    assert.equal(editDistance('cnocurrency', 'concurrency'), 1);
    assert.equal(editDistance('', 'abc'), 3);
  });

  it('suggests near misses and rejects distant words', () => {
    assert.equal(closestMatch('concurency', ['name', 'concurrency', 'jobs']), 'concurrency');
    assert.equal(closestMatch('Jobs', ['name', 'jobs']), 'jobs');
    assert.equal(closestMatch('enviroment', ['env', 'name']), undefined);
    assert.equal(closestMatch('x', ['on']), undefined);
  });
});
