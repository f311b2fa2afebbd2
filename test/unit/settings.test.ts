// The settings the server reads: package.json declares what the user sees in the Settings editor (defaults included), and
// parseSettings reads settings.json, which is user input. The two must agree on every default.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { DEFAULT_SETTINGS, parseSettings } from '../../protocol/settings';

interface DeclaredSetting {
  readonly default?: unknown;
}

const manifest = JSON.parse(fs.readFileSync(path.join(__dirname, '..', '..', '..', 'package.json'), 'utf8')) as {
  contributes: { configuration: { properties: Record<string, DeclaredSetting> } };
};
const declared = manifest.contributes.configuration.properties;

describe('settings', () => {
  it('declares the defaults parseSettings falls back to', () => {
    const pairs: [string, unknown][] = [
      ['preflight.enable', DEFAULT_SETTINGS.enable],
      ['preflight.shellcheck', DEFAULT_SETTINGS.shellcheck],
      ['preflight.risk.retrain', DEFAULT_SETTINGS.riskRetrain],
      ['preflight.risk.evidence.minResults', DEFAULT_SETTINGS.riskEvidence.results],
      ['preflight.risk.evidence.minFailures', DEFAULT_SETTINGS.riskEvidence.failures],
      ['preflight.maxFileSizeMB', DEFAULT_SETTINGS.maxFileSizeMB],
    ];
    for (const [key, value] of pairs) assert.deepEqual(declared[key]?.default, value, key);
  });

  it('reads the evidence minimums, and falls back on values that are not whole positive numbers', () => {
    assert.deepEqual(parseSettings({ risk: { evidence: { minResults: 300, minFailures: 25 } } }).riskEvidence, {
      results: 300,
      failures: 25,
    });
    for (const bad of [0, -5, 2.5, '300', null])
      assert.deepEqual(
        parseSettings({ risk: { evidence: { minResults: bad, minFailures: bad } } }).riskEvidence,
        DEFAULT_SETTINGS.riskEvidence,
        String(bad),
      );
    assert.equal(parseSettings({ risk: { retrain: false } }).riskRetrain, false);
  });
});
