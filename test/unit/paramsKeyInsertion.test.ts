// The cross-file fix for a params key missing from params.yaml: the edit lands in params.yaml, in its style, and
// re-checking dvc.yaml afterwards no longer reports the key; dvc.yaml itself is never edited.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import { checkText } from '../../server/src/engine/check';
import { addParamKeyEdit } from '../../server/src/engine/dvc/paramsKeyInsertion';
import { applyEdits } from '../../server/src/engine/fixes/applyEdits';

function project(params: string): { dir: string; dvc: string; params: string } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'preflight-params-'));
  fs.mkdirSync(path.join(dir, '.dvc'));
  fs.writeFileSync(path.join(dir, 'params.yaml'), params);
  const dvc =
    'stages:\n  train:\n    cmd: python train.py\n    params:\n      - train.lr\n      - train.batch_size\n      - seed\n';
  fs.writeFileSync(path.join(dir, 'dvc.yaml'), dvc);
  return { dir, dvc, params: path.join(dir, 'params.yaml') };
}

describe('adding a missing params key', () => {
  it('inserts under the existing mapping with its indentation, or at the end', () => {
    const p = project('# training\ntrain:\n    lr: 0.1\n\nother: 1\n');
    try {
      const nested = addParamKeyEdit(p.params, 'train.batch_size');
      assert.ok(nested);
      assert.equal(
        applyEdits(fs.readFileSync(p.params, 'utf8'), [nested]),
        '# training\ntrain:\n    lr: 0.1\n    batch_size: null  # added by Preflight: set a value\n\nother: 1\n',
      );
      const top = addParamKeyEdit(p.params, 'eval.threshold');
      assert.ok(top);
      assert.equal(
        applyEdits(fs.readFileSync(p.params, 'utf8'), [top]),
        '# training\ntrain:\n    lr: 0.1\n\nother: 1\neval:\n  threshold: null  # added by Preflight: set a value\n',
      );
      assert.equal(addParamKeyEdit(p.params, 'other.x'), undefined, 'a scalar on the path leaves no place for the key');
    } finally {
      fs.rmSync(p.dir, { recursive: true, force: true });
    }
  });

  it('is offered on dvc.yaml as a default fix for params.yaml, and applying it clears the finding', () => {
    const p = project('train:\n  lr: 0.1\nseed: 42\n');
    try {
      const dvcPath = path.join(p.dir, 'dvc.yaml');
      const finding = checkText({ path: dvcPath, text: p.dvc }).findings.find((f) => f.rule === 'dvc-missing-param');
      assert.ok(finding, 'train.batch_size is missing');
      const fix = finding.fixes?.find((f) => f.file === p.params);
      assert.ok(fix, JSON.stringify(finding.fixes));
      assert.equal(fix.confidence, 'default');
      fs.writeFileSync(p.params, applyEdits(fs.readFileSync(p.params, 'utf8'), fix.edits));
      const after = checkText({ path: dvcPath, text: p.dvc }).findings.filter((f) => f.rule === 'dvc-missing-param');
      assert.deepEqual(after, []);
      assert.equal(fs.readFileSync(dvcPath, 'utf8'), p.dvc);
    } finally {
      fs.rmSync(p.dir, { recursive: true, force: true });
    }
  });
});
