import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { filterPatternProblems, type FilterTarget } from '../../server/src/engine/github/filterPattern';

function levels(pattern: string, target: FilterTarget): string[] {
  return filterPatternProblems(pattern, target).map((p) => `${p.level}@${p.start}-${p.end}`);
}

describe('GitHub filter patterns', () => {
  it('accepts the syntax of the filter pattern cheat sheet', () => {
    for (const pattern of [
      'main',
      'releases/**',
      'feature/*',
      '!releases/**-alpha',
      'v[0-9]+.[0-9]+.[0-9]+',
      'v2*',
      'v1.?',
      '[CB]at',
      'v1.\\+',
    ]) {
      assert.deepEqual(filterPatternProblems(pattern, 'ref'), [], pattern);
    }
    for (const pattern of [
      '**.js',
      'docs/**',
      '!docs/**/*.md',
      '**/*.[ch]p?p?',
      'src/**/*.c\\+\\+',
      'docs/foo\\bar.md',
      '.github/**',
      'a..b/c',
    ]) {
      assert.deepEqual(filterPatternProblems(pattern, 'path'), [], pattern);
    }
  });

  it('reports what GitHub cannot compile, at the offending characters', () => {
    assert.deepEqual(levels('src/**/*.c++', 'path'), ['broken@11-12']);
    assert.deepEqual(levels('v*+', 'ref'), ['broken@2-3']);
    assert.deepEqual(levels('?x', 'path'), ['broken@0-1']);
    assert.deepEqual(levels('!+x', 'path'), ['broken@1-2']);
    assert.deepEqual(levels('v[9-0]', 'ref'), ['broken@2-5']);
    assert.deepEqual(levels('v[0-', 'ref'), ['broken@1-4']);
    assert.deepEqual(levels('v[0-]', 'ref'), ['broken@2-4']);
    assert.deepEqual(levels('v[]', 'ref'), ['broken@1-3']);
    assert.deepEqual(levels('!', 'path'), ['broken@0-1']);
    assert.deepEqual(levels('', 'path'), ['broken@0-0']);
    assert.deepEqual(levels(' docs/**', 'path'), ['broken@0-8']);
    assert.deepEqual(levels('a\nb', 'path'), ['broken@1-2']);
  });

  it('reports ref names git forbids, and regular-expression habits, only for branches and tags', () => {
    assert.deepEqual(levels('^foo-', 'ref'), ['broken@0-1']);
    assert.deepEqual(levels('/main', 'ref'), ['broken@0-1']);
    assert.deepEqual(levels('release/', 'ref'), ['broken@7-8']);
    assert.deepEqual(levels('v1.', 'ref'), ['broken@2-3']);
    assert.deepEqual(levels('v\\d+', 'ref'), ['broken@1-3']);
    assert.deepEqual(levels('a b c', 'ref'), ['broken@1-2']);
    assert.deepEqual(levels('v1.\\*', 'ref'), ['broken@3-5']);
    assert.match(filterPatternProblems('v\\d+', 'ref')[0]?.message ?? '', /not regular expressions/);
    assert.deepEqual(levels('^foo-', 'path'), []);
    assert.deepEqual(levels('release/', 'path'), []);
  });

  it('leaves ${{ }} to the expression rules: GitHub refuses it in a filter, or reads a lone string literal as its text', () => {
    assert.deepEqual(levels('${{ inputs.branch }}', 'ref'), []);
    assert.deepEqual(levels("${{ 'main' }}", 'ref'), []);
  });

  it('reports ./ and ../ path segments, which never match a path from the repository root', () => {
    assert.deepEqual(levels('./foo/bar.txt', 'path'), ['broken@0-1']);
    assert.deepEqual(levels('!./**/CHANGELOG.md', 'path'), ['broken@1-2']);
    assert.deepEqual(levels('src/../lib/**', 'path'), ['broken@4-6']);
    assert.deepEqual(levels('./foo', 'ref'), []);
  });

  it('calls a one-character class style, and suggests an escape for a special character', () => {
    assert.deepEqual(levels('[x]', 'ref'), ['style@0-3']);
    assert.match(filterPatternProblems('v[*]', 'path')[0]?.message ?? '', /write '\\\*'/);
  });
});
