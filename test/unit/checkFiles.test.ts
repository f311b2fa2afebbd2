// One check, one look at the disk: the rules of a check share their stats (rules/checkFiles.ts) and the checkout folder
// of an MLflow file (rules/mlflow/checkoutDir.ts); the next check looks again.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import { statInCheck, isFileInCheck } from '../../server/src/engine/rules/checkFiles';
import { CheckMemo } from '../../server/src/engine/rules/checkMemo';
import { checkedOutDirOf } from '../../server/src/engine/rules/mlflow/checkoutDir';
import type { RuleContext } from '../../server/src/engine/rules/rule';
import { parseYaml } from '../../server/src/engine/yaml/parsedYaml';

function context(file: string): RuleContext {
  return { path: file, kind: 'mlflow-model', parsed: parseYaml('flavors: {}\n'), memo: new CheckMemo() };
}

describe('file checks shared by the rules of one check', () => {
  it('stats a path once per check: a file removed during the check reads as it was, the next check sees it gone', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'preflight-checkfiles-'));
    try {
      const file = path.join(dir, 'model.onnx');
      fs.writeFileSync(file, 'x');
      const check = context(path.join(dir, 'MLmodel'));
      assert.equal(isFileInCheck(check, file), true);
      fs.rmSync(file);
      assert.equal(isFileInCheck(check, file), true, 'the second rule of the same check gets the first answer');
      assert.equal(statInCheck(context(path.join(dir, 'MLmodel')), file), undefined, 'a new check stats again');
      assert.equal(statInCheck(check, path.join(dir, 'never-there')), undefined);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('finds the checkout folder of a saved file once per check, and none for a loose copy', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'preflight-checkout-'));
    try {
      const modelDir = path.join(dir, 'models', 'churn');
      fs.mkdirSync(modelDir, { recursive: true });
      const mlmodel = path.join(modelDir, 'MLmodel');
      fs.writeFileSync(mlmodel, 'flavors: {}\n');
      // Outside a checkout: nothing is said about neighbouring files.
      assert.equal(checkedOutDirOf(context(mlmodel)), undefined);
      fs.mkdirSync(path.join(dir, '.git'));
      const check = context(mlmodel);
      assert.equal(checkedOutDirOf(check), modelDir);
      fs.rmSync(path.join(dir, '.git'), { recursive: true });
      assert.equal(checkedOutDirOf(check), modelDir, 'kept for the rest of the check');
      assert.equal(checkedOutDirOf(context(mlmodel)), undefined, 'the next check looks again');
      assert.equal(
        checkedOutDirOf(context(path.join(modelDir, 'unsaved', 'MLmodel'))),
        undefined,
        'an unsaved buffer has no folder',
      );
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
