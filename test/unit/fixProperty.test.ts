// Property: fixes never lose user text. Every fix offered on random valid and invalid workflows (mutations of real ones)
// leaves every character outside its edited ranges exactly as it was.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { it } from 'node:test';
import { checkText } from '../../server/src/engine/check';
import { applyEdits } from '../../server/src/engine/fixes/applyEdits';
import { LineIndex } from '../../shared/lineIndex';
import { EXAMPLES, FIXTURES } from '../support/paths';

function random(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

const MUTATIONS = [
  'concurency',
  'runs_on',
  'ubuntu-lates',
  'actions/checkout',
  '::set-output name=x::1',
  '${{ github.event.issue.title }}',
  'timeout-minutes: soon',
  'needs: [nope]',
  '\t',
  ': [',
  'jobs:',
];

it('every fix keeps all text outside its edited ranges', () => {
  const dir = path.join(FIXTURES, 'rules', 'github-workflow');
  const sources = [
    ...fs
      .readdirSync(dir)
      .filter((f) => f.endsWith('.yml'))
      .map((f) => fs.readFileSync(path.join(dir, f), 'utf8')),
    ...['ci.yml', 'nightly-eval.yml', 'broken-train.yml'].map((f) =>
      fs.readFileSync(path.join(EXAMPLES, '.github', 'workflows', f), 'utf8'),
    ),
  ];
  const next = random(7);
  let checkedFixes = 0;
  for (let round = 0; round < 300; round++) {
    const base = sources[Math.floor(next() * sources.length)] ?? '';
    const lines = base.split('\n');
    const at = Math.floor(next() * lines.length);
    const mutation = MUTATIONS[Math.floor(next() * MUTATIONS.length)] ?? '';
    lines.splice(at, 0, `${' '.repeat(Math.floor(next() * 4) * 2)}${mutation}${next() < 0.5 ? ': x' : ''}`);
    const text = round % 4 === 0 ? base : lines.join('\n');
    const { findings } = checkText({ path: '/r/.github/workflows/p.yml', text });
    for (const finding of findings) {
      for (const fix of finding.fixes ?? []) {
        checkedFixes++;
        const fixed = applyEdits(text, fix.edits);
        // Walk the edits in order: the text between them must be byte-for-byte the same before and after.
        const index = new LineIndex(text);
        const spans = fix.edits
          .map((e) => ({ start: index.offsetAt(e.range.start), end: index.offsetAt(e.range.end), newText: e.newText }))
          .sort((a, b) => a.start - b.start);
        let inOriginal = 0;
        let inFixed = 0;
        for (const s of spans) {
          assert.equal(
            fixed.slice(inFixed, inFixed + (s.start - inOriginal)),
            text.slice(inOriginal, s.start),
            `${fix.title}: text before an edit changed`,
          );
          inFixed += s.start - inOriginal;
          assert.equal(fixed.slice(inFixed, inFixed + s.newText.length), s.newText);
          inFixed += s.newText.length;
          inOriginal = s.end;
        }
        assert.equal(fixed.slice(inFixed), text.slice(inOriginal), `${fix.title}: text after the edits changed`);
        // Edits replace only what they claim: an edit never deletes more than a line's worth of the user's words.
        for (const s of spans) assert.ok(s.end - s.start <= 400, `${fix.title} replaces ${s.end - s.start} characters`);
      }
    }
  }
  assert.ok(checkedFixes > 100, `only ${checkedFixes} fixes exercised`);
});
