import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { it } from 'node:test';
import { renderRuleDocsMarkdown } from '../../server/src/engine/rules/ruleDocsMarkdown';
import { REPO_ROOT } from '../support/paths';

it('docs/rules.md matches the rules (npm run build or UPDATE=1 regenerates it)', () => {
  const file = path.join(REPO_ROOT, 'docs', 'rules.md');
  const expected = renderRuleDocsMarkdown();
  if (process.env['UPDATE'] === '1') {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, expected);
  }
  assert.equal(
    fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '',
    expected,
    'docs/rules.md is stale: run npm run generate:kinds (npm run build does)',
  );
});
