// Our linear duplicate-key check (engine/yaml/duplicateKeys.ts) against the reference, the `yaml` library's own check
// (`uniqueKeys: true`): the same errors (code, message, position) on every committed YAML file, on seeded mutations of
// them (a repeated line is a repeated key), and on constructed cases.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { describe, it } from 'node:test';
import { parseAllDocuments } from 'yaml';
import { parseDocuments } from '../../server/src/engine/yaml/parseDocuments';
import { YAML_PARSE_OPTIONS } from '../../server/src/engine/yaml/yamlParseOptions';
import { EXAMPLES, FIXTURES } from '../support/paths';
import { mutate, random, yamlFiles } from '../support/yamlMutations';

const OPTIONS = YAML_PARSE_OPTIONS;

/**
 * Errors as comparable lines. The library sometimes places a duplicate-key error on the line break before the key (when
 * the mapping above ends with an empty value); ours is on the key itself: the same error once blanks are skipped. In a
 * document with syntax errors besides, the parser's recovery invents empty keys with no text to point at: there only
 * the number of duplicate-key errors is compared, beside the exact other errors.
 */
function errors(
  text: string,
  docs: readonly { errors: readonly { code: string; message: string; pos: readonly number[] }[] }[],
): string[] {
  const onKey = (at: number): number => {
    while (/\s/.test(text[at] ?? '')) at++;
    return at;
  };
  return docs.flatMap((d, i) => {
    const broken = d.errors.some((e) => e.code !== 'DUPLICATE_KEY');
    const lines = d.errors.map((e) => {
      if (e.code !== 'DUPLICATE_KEY') return `${i} ${e.code} ${e.pos.join('-')} ${e.message}`;
      return `${i} ${e.code} ${broken ? '(in a broken document)' : onKey(e.pos[0] ?? 0)} ${e.message}`;
    });
    return broken ? lines.sort() : lines;
  });
}

function reference(text: string): string[] {
  const docs = parseAllDocuments(text, { ...OPTIONS, uniqueKeys: true });
  return errors(text, Array.isArray(docs) ? docs : []);
}

function ours(text: string): string[] {
  return errors(text, parseDocuments(text, OPTIONS));
}

describe('duplicate mapping keys', () => {
  it("gives the errors of the library's own check on constructed cases", () => {
    const cases = [
      'a: 1\nb: 2\na: 3\n',
      'jobs:\n  x: {runs-on: a}\n  y: {runs-on: b}\n  x: {runs-on: c}\n',
      '{a: 1, b: 2, a: 3}\n',
      '1: a\n"1": b\n1: c\n', // a number and a string differ; the second number repeats the first
      'true: a\ntrue: b\n',
      '~: a\nnull: b\n', // both null
      '.nan: a\n.nan: b\n', // NaN is not equal to itself
      '&k a: 1\na: 2\n',
      '? [a]\n: 1\n? [a]\n: 2\n', // collection keys compare by identity: never duplicates
      '- a: 1\n  a: 2\n- {b: 1, b: 2}\n',
      '[a: 1, a: 2]\n',
      'a:\n  b:\n    c: 1\n    c: 2\n  b: 3\n',
      'a: 1\n---\na: 2\na: 3\n',
      'a: [1\na: 2\n', // a syntax error besides
    ];
    for (const text of cases) assert.deepEqual(ours(text), reference(text), JSON.stringify(text));
    assert.ok(reference(cases[0] ?? '').length === 1, 'the reference reports a duplicate');
  });

  it('agrees on every committed YAML file and on mutations of each', () => {
    const next = random(25);
    let duplicates = 0;
    for (const file of [...yamlFiles(FIXTURES), ...yamlFiles(EXAMPLES)]) {
      let text = fs.readFileSync(file, 'utf8');
      for (let round = 0; round <= 4; round++) {
        const expected = reference(text);
        duplicates += expected.filter((e) => e.includes('DUPLICATE_KEY')).length;
        assert.deepEqual(ours(text), expected, `${file} after ${round} mutations`);
        text = mutate(text, next);
      }
    }
    assert.ok(duplicates > 50, `the mutations must repeat keys often enough to compare (${duplicates})`);
  });
});
