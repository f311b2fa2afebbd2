// Bundled action metadata: how far it speaks for a ref (exact versions vs moving tags), runtimes, and the outputs helper
// the expression checks use.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import { knownAction, metadataForRef, retiredRuntime } from '../../server/src/engine/github/actionMetadata';
import { parseActionRef } from '../../server/src/engine/github/actionRef';
import { actionOutputs } from '../../server/src/engine/github/localReferences';

describe('bundled action metadata', () => {
  it('says when and from which release every major was read', () => {
    const entry = knownAction('actions/checkout');
    assert.ok(entry);
    assert.match(entry.recordedAt, /^\d{4}-\d{2}-\d{2}$/);
    for (const [major, meta] of Object.entries(entry.majors))
      assert.match(meta.release, new RegExp(`^v${major}\\.\\d+\\.\\d+$`));
  });

  it('covers exact versions up to the recorded release, never a moving major', () => {
    const release = knownAction('actions/checkout')?.majors['4']?.release; // v4.4.0 when written
    assert.equal(metadataForRef('actions/checkout', 'v4')?.coverage, 'may-be-newer');
    assert.equal(metadataForRef('actions/checkout', 'v4.2.2')?.coverage, 'exact');
    assert.equal(metadataForRef('actions/checkout', 'v4.2')?.coverage, 'exact', `v4.2.x is older than ${release}`);
    assert.equal(metadataForRef('actions/checkout', release ?? '')?.coverage, 'exact');
    assert.equal(metadataForRef('actions/checkout', 'v4.99.0')?.coverage, 'may-be-newer');
    assert.equal(metadataForRef('pypa/gh-action-pypi-publish', 'release/v1')?.coverage, 'may-be-newer');
    const sha = knownAction('actions/checkout')?.pins?.['v4.2.2'] ?? '';
    assert.equal(metadataForRef('actions/checkout', sha)?.coverage, 'exact', 'the SHA of a known release');
    assert.equal(metadataForRef('actions/checkout', 'main'), undefined);
    assert.equal(metadataForRef('actions/checkout', 'v99'), undefined);
  });

  it('knows inputs added to old majors after they were superseded (allow-unsafe-pr-checkout, July 2026)', () => {
    for (const ref of ['v2', 'v3', 'v4', 'v5', 'v6'])
      assert.ok(metadataForRef('actions/checkout', ref)?.metadata.inputs['allow-unsafe-pr-checkout'], ref);
  });

  it("records each major's runtime from its own action.yml, and which runtimes GitHub retired", () => {
    assert.equal(metadataForRef('actions/checkout', 'v2')?.metadata.using, 'node12');
    assert.equal(metadataForRef('actions/checkout', 'v3')?.metadata.using, 'node16');
    assert.equal(metadataForRef('actions/stale', 'v4')?.metadata.using, 'node12');
    assert.equal(retiredRuntime('node16')?.severity, 'warning');
    assert.equal(retiredRuntime('node24'), undefined);
    assert.equal(retiredRuntime('composite'), undefined);
  });
});

describe('action references', () => {
  it('reject a docker:// image with an empty tag or digest, and accept a registry port', () => {
    assert.equal(parseActionRef('docker://image:').kind, 'invalid');
    assert.equal(parseActionRef('docker://image@').kind, 'invalid');
    assert.equal(parseActionRef('docker://localhost:5000/image').kind, 'docker');
  });
});

describe('actionOutputs', () => {
  it("lists a local action's declared outputs, and a popular action's recorded ones with how complete they are", () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'preflight-outputs-'));
    try {
      fs.mkdirSync(path.join(root, '.github', 'actions', 'ver'), { recursive: true });
      fs.writeFileSync(
        path.join(root, '.github', 'actions', 'ver', 'action.yml'),
        'name: v\nruns:\n  using: composite\n  steps: []\noutputs:\n  version:\n    value: "1"\n',
      );
      assert.deepEqual(actionOutputs(root, './.github/actions/ver')?.names, ['version']);
      assert.equal(actionOutputs(root, './.github/actions/none'), undefined);
    } finally {
      fs.rmSync(root, { recursive: true, force: true });
    }
    const cache = actionOutputs(undefined, 'actions/cache@v4');
    assert.ok(cache?.names.includes('cache-hit'));
    assert.equal(cache?.complete, false, 'a moving major may gain outputs');
    assert.equal(actionOutputs(undefined, 'actions/cache@v4.2.0')?.complete, true);
    assert.equal(actionOutputs(undefined, 'some-org/unknown@v1'), undefined);
  });
});
