// Every certain fix that any fixture produces is applied and the file re-checked: the finding it repairs must be gone
// and no new error may appear. This is the gate every deterministic fix passes.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { isFileKind } from '../../protocol/fileKinds/index';
import { checkText } from '../../server/src/engine/check';
import { kindOf } from '../../server/src/engine/kinds';
import type { Finding } from '../../server/src/engine/findings';
import { applyEdits } from '../../server/src/engine/fixes/applyEdits';
import { minimalEdits } from '../../shared/minimalEdits';
import { FIXTURES } from '../support/paths';

const key = (f: Finding): string => `${f.rule}: ${f.message}`;

function counts(findings: readonly Finding[], severity?: string): Map<string, number> {
  const m = new Map<string, number>();
  for (const f of findings) if (!severity || f.severity === severity) m.set(key(f), (m.get(key(f)) ?? 0) + 1);
  return m;
}

describe('certain fixes re-validate', () => {
  const dir = path.join(FIXTURES, 'rules');
  let fixesSeen = 0;
  for (const kind of fs.readdirSync(dir).filter(isFileKind)) {
    for (const file of fs.readdirSync(path.join(dir, kind)).filter((f) => !f.endsWith('.json'))) {
      const text = fs.readFileSync(path.join(dir, kind, file), 'utf8');
      const filePath = kindOf(kind).examplePath(file.replace(/\.[^.]+$/, ''));
      const before = checkText({ path: filePath, text, kind }).findings;
      for (const finding of before) {
        // Fixes that edit another file are tested with that file (test/unit/paramsKeyInsertion.test.ts).
        for (const fix of (finding.fixes ?? []).filter((f) => f.file === undefined)) {
          fixesSeen++;
          it(`${kind}/${file}:${finding.range.start.line + 1} ${fix.title}`, () => {
            const fixed = applyEdits(text, fix.edits);
            const after = checkText({ path: filePath, text: fixed, kind }).findings;
            const beforeCounts = counts(before);
            const afterCounts = counts(after);
            assert.ok(
              (afterCounts.get(key(finding)) ?? 0) < (beforeCounts.get(key(finding)) ?? 0),
              `the finding is still there:\n${fixed}`,
            );
            for (const [k, n] of counts(after, 'error')) {
              assert.ok(n <= (beforeCounts.get(k) ?? 0), `the fix introduced a new error '${k}':\n${fixed}`);
            }
          });
        }
      }
    }
  }
  it('fixtures exercise fixes at all', () => {
    assert.ok(fixesSeen >= 10, `only ${fixesSeen} fixes seen`);
  });
});

describe('minimal edits', () => {
  it('reproduces the target text while touching only changed lines', () => {
    const cases: [string, string, number][] = [
      ['a\nb\nc\n', 'a\nB\nc\n', 1],
      ['a\nb\nc\n', 'a\nb\nc\nd\n', 1],
      ['a\nb\nc', 'x\na\nb\nc', 1],
      ['a\nb\nc\n', 'a\nc\n', 1],
      ['a', 'b', 1],
      ['', 'x\n', 1],
      ['a\nb\n', '', 1],
      ['l1\nl2\nl3\nl4\n', 'l1\nnew\nl2\nl4\nend\n', 3],
      ['same\n', 'same\n', 0],
    ];
    for (const [before, after, count] of cases) {
      const edits = minimalEdits(before, after);
      assert.equal(applyEdits(before, edits), after, JSON.stringify([before, after]));
      assert.equal(edits.length, count, JSON.stringify([before, after]));
    }
  });
});
