// GitHub's syntax definitions (and its documented event payloads) are copied from the installed @actions/workflow-parser
// (and @actions/languageservice) at build time: this fails when the copies and the packages disagree (after an upgrade, run `npm run generate:syntax`), and checks every definition is of a
// form our reader understands, so a new construct in a future schema is noticed rather than silently skipped.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { ACTION_SYNTAX, WORKFLOW_SYNTAX, propertyType } from '../../server/src/engine/github/syntax/templateSchema';
import { REPO_ROOT } from '../support/paths';

const FORMS = new Set(['mapping', 'sequence', 'string', 'boolean', 'number', 'null', 'allowed-values', 'one-of']);

describe('GitHub syntax data', () => {
  it('matches the installed @actions/workflow-parser (syntax) and @actions/languageservice (event payloads)', async () => {
    const generator = (await import(path.join(REPO_ROOT, 'scripts', 'generateGithubSyntax.mjs'))) as {
      generatedSyntaxFiles(): Record<string, string>;
    };
    for (const [file, text] of Object.entries(generator.generatedSyntaxFiles())) {
      assert.equal(
        fs.readFileSync(file, 'utf8'),
        text,
        `${path.relative(REPO_ROOT, file)} is stale: run npm run generate:syntax`,
      );
    }
  });

  for (const [name, schema] of [
    ['workflow', WORKFLOW_SYNTAX],
    ['action', ACTION_SYNTAX],
  ] as const) {
    it(`${name} definitions use only known forms and refer only to defined names`, () => {
      const defined = (n: string): boolean =>
        n in schema.definitions || ['string', 'boolean', 'number', 'null', 'any', 'sequence', 'mapping'].includes(n);
      for (const [defName, def] of Object.entries(schema.definitions)) {
        const forms = Object.keys(def).filter((k) => k !== 'description' && k !== 'context');
        assert.equal(forms.length, 1, `${defName}: ${forms.join(', ')}`);
        assert.ok(FORMS.has(forms[0] ?? ''), `${defName}: unknown form ${forms[0]}`);
        for (const p of Object.values(def.mapping?.properties ?? {}))
          assert.ok(defined(propertyType(p)), `${defName} -> ${propertyType(p)}`);
        for (const o of def['one-of'] ?? []) assert.ok(defined(o), `${defName} -> ${o}`);
        if (def.sequence) assert.ok(defined(def.sequence['item-type']), `${defName} -> ${def.sequence['item-type']}`);
      }
    });
  }
});
