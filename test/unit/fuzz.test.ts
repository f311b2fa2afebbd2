// The engine never throws, whatever bytes arrive: truncations of real files at every offset, random bytes, and
// mutations, for every file kind. A crash here would take down diagnostics in the editor.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { FILE_KINDS } from '../../protocol/fileKinds/index';
import { checkText } from '../../server/src/engine/check';
import { kindOf } from '../../server/src/engine/kinds';
import { EXAMPLES, FIXTURES } from '../support/paths';

/** Small deterministic PRNG so a failure reproduces. */
function random(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

function samples(): string[] {
  const files = [
    path.join(EXAMPLES, '.github/workflows/ci.yml'),
    path.join(EXAMPLES, 'dvc.yaml'),
    path.join(EXAMPLES, 'MLproject'),
  ].filter((f) => fs.existsSync(f));
  const fixtureDir = path.join(FIXTURES, 'rules', 'github-workflow');
  files.push(
    ...fs
      .readdirSync(fixtureDir)
      .filter((f) => f.endsWith('.yml'))
      .map((f) => path.join(fixtureDir, f)),
  );
  return files.map((f) => fs.readFileSync(f, 'utf8'));
}

function assertNeverThrows(text: string): void {
  for (const kind of FILE_KINDS) {
    const result = checkText({ path: kindOf(kind).examplePath('fuzz'), text, kind });
    assert.ok(
      !result.findings.some((f) => f.rule === 'internal-error'),
      `internal error for ${kind}: ${JSON.stringify(text.slice(0, 80))}`,
    );
  }
}

describe('fuzz', () => {
  it('survives every truncation of real files', () => {
    for (const text of samples()) {
      for (let end = 0; end <= text.length; end += 3) assertNeverThrows(text.slice(0, end));
    }
  });

  it('survives random bytes and random mutations', () => {
    const next = random(42);
    const alphabet = ':-{}[]"\'#&*!|>\n\t ${}%@`,?abc0';
    for (let i = 0; i < 300; i++) {
      const bytes = Buffer.from(Array.from({ length: Math.floor(next() * 200) }, () => Math.floor(next() * 256)));
      assertNeverThrows(bytes.toString('utf8'));
      const chars = Array.from(
        { length: Math.floor(next() * 120) },
        () => alphabet[Math.floor(next() * alphabet.length)] ?? ' ',
      );
      assertNeverThrows(chars.join(''));
    }
    for (const text of samples()) {
      for (let i = 0; i < 60; i++) {
        const at = Math.floor(next() * text.length);
        const insert = alphabet[Math.floor(next() * alphabet.length)] ?? '';
        assertNeverThrows(text.slice(0, at) + insert + text.slice(at + Math.floor(next() * 3)));
      }
    }
  });
});
