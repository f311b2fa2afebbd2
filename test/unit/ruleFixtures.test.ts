// Fixture-driven rule tests: every file under test/fixtures/rules/<kind>/ is checked with all rules and compared with
// its `.expected`, one line per finding (and per fix) as test/support/findingLines.ts writes them. `UPDATE=1 npm run
// test:unit` rewrites the expectations (review the diff before committing).
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import { isFileKind } from '../../protocol/fileKinds/index';
import { checkText } from '../../server/src/engine/check';
import { kindOf } from '../../server/src/engine/kinds';
import { ALL_RULES } from '../../server/src/engine/rules/index';
import { discoverPipelineFiles } from '../../server/src/engine/workspace/discoverPipelineFiles';
import { findingLines } from '../support/findingLines';
import { FIXTURES } from '../support/paths';

const RULE_FIXTURES = path.join(FIXTURES, 'rules');
const update = process.env['UPDATE'] === '1';
const firedRules = new Set<string>();

/** Compares `lines` with the expectation file, or writes it under UPDATE=1 (or when it is missing, failing then). */
function expectLines(expectedFile: string, lines: readonly string[]): void {
  const actual = lines.map((l) => `${l}\n`).join('');
  if (update || !fs.existsSync(expectedFile)) {
    const existed = fs.existsSync(expectedFile);
    fs.writeFileSync(expectedFile, actual);
    if (!update && !existed)
      assert.fail(`wrote missing ${path.relative(FIXTURES, expectedFile)}; review it and run again`);
    return;
  }
  assert.equal(actual, fs.readFileSync(expectedFile, 'utf8'));
}

for (const kindDir of fs.readdirSync(RULE_FIXTURES).sort()) {
  if (!isFileKind(kindDir)) throw new Error(`test/fixtures/rules/${kindDir}: not a file kind`);
  const kind = kindDir;
  describe(`rule fixtures: ${kind}`, () => {
    const dir = path.join(RULE_FIXTURES, kind);
    for (const file of fs
      .readdirSync(dir)
      .filter((f) => !f.endsWith('.expected'))
      .sort()) {
      it(file, () => {
        const text = fs.readFileSync(path.join(dir, file), 'utf8');
        const name = file.replace(/\.[^.]+$/, '');
        const { findings } = checkText({ path: kindOf(kind).examplePath(name), text, kind });
        for (const f of findings) firedRules.add(f.rule);
        expectLines(path.join(dir, `${name}.expected`), findingLines(file, findings, true));
      });
    }
  });
}

// Repository fixtures: whole folders checked as a git checkout (cross-file rules: local actions, reusable workflows).
const REPO_FIXTURES = path.join(FIXTURES, 'repos');
for (const repoName of fs
  .readdirSync(REPO_FIXTURES)
  .filter((f) => !f.endsWith('.expected'))
  .sort()) {
  it(`repository fixture: ${repoName}`, async () => {
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'preflight-repo-fixture-'));
    try {
      fs.cpSync(path.join(REPO_FIXTURES, repoName), tmp, { recursive: true });
      fs.mkdirSync(path.join(tmp, '.git')); // rules resolve local references only inside a checkout
      const lines: string[] = [];
      for (const found of await discoverPipelineFiles(tmp)) {
        const { findings } = checkText({
          path: found.path,
          text: fs.readFileSync(found.path, 'utf8'),
          kind: found.kind,
        });
        for (const f of findings) firedRules.add(f.rule);
        lines.push(...findingLines(path.relative(tmp, found.path), findings, false));
      }
      expectLines(path.join(REPO_FIXTURES, `${repoName}.expected`), lines);
    } finally {
      fs.rmSync(tmp, { recursive: true, force: true });
    }
  });
}

describe('rule coverage', () => {
  it('every rule fires in at least one fixture', () => {
    // Rules checked outside checkText have their own tests: shellcheck and pyflakes (test/unit/shellcheck.test.ts,
    // test/unit/pyflakes.test.ts) and the fairness gate,
    // which runs the model (test/unit/model/modelReport.test.ts, test/server/modelFeatures.test.ts).
    const external = new Set(['shellcheck', 'pyflakes', 'mlflow-model-fairness']);
    const silent = ALL_RULES.map((r) => r.id).filter((id) => !firedRules.has(id) && !external.has(id));
    assert.deepEqual(silent, [], `rules without a fixture that triggers them: ${silent.join(', ')}`);
  });

  it('every rule has docs with a title and a description', () => {
    for (const rule of ALL_RULES) {
      assert.ok(rule.docs.title.length > 5, rule.id);
      assert.ok(rule.docs.description.length > 40, rule.id);
      assert.match(rule.id, /^[a-z][a-z0-9-]+$/);
    }
  });
});
