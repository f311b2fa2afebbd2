// GitLab CI fragments: files the root .gitlab-ci.yml includes are GitLab CI whatever their name, are found when a
// folder is checked, and are checked against the whole pipeline with the editor's unsaved text.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { checkText } from '../../server/src/engine/check';
import { detectKind } from '../../server/src/engine/kinds';
import { discoverPipelineFiles } from '../../server/src/engine/workspace/discoverPipelineFiles';

let repo = '';
const write = (rel: string, text: string): void => {
  fs.mkdirSync(path.dirname(path.join(repo, rel)), { recursive: true });
  fs.writeFileSync(path.join(repo, rel), text);
};

before(() => {
  repo = fs.mkdtempSync(path.join(os.tmpdir(), 'preflight-gitlab-fragments-'));
  fs.mkdirSync(path.join(repo, '.git'));
  write('.gitlab-ci.yml', 'stages: [build, train]\ninclude:\n  - local: ci/jobs.yml\n  - local: /pipelines/**.yml\n');
  write('ci/jobs.yml', 'build:\n  stage: build\n  script: make\n');
  write('pipelines/ml/train.yml', 'train:\n  stage: train\n  needs: [build]\n  script: python train.py\n');
  write('config/settings.yml', 'retries: 3\n');
});

after(() => {
  fs.rmSync(repo, { recursive: true, force: true });
});

describe('GitLab CI fragments', () => {
  it('are GitLab CI when the root includes them (plain paths and ** wildcards), other YAML is not', () => {
    assert.equal(detectKind(path.join(repo, 'ci/jobs.yml'), 'build: {}\n'), 'gitlab-ci');
    assert.equal(detectKind(path.join(repo, 'pipelines/ml/train.yml'), 'train: {}\n'), 'gitlab-ci');
    assert.equal(detectKind(path.join(repo, 'config/settings.yml'), 'retries: 3\n'), undefined);
  });

  it('are found when the folder is checked', async () => {
    const found = (await discoverPipelineFiles(repo)).map((f) => [path.relative(repo, f.path), f.kind]);
    assert.deepEqual(found.sort(), [
      ['.gitlab-ci.yml', 'gitlab-ci'],
      ['ci/jobs.yml', 'gitlab-ci'],
      ['pipelines/ml/train.yml', 'gitlab-ci'],
    ]);
  });

  it('are checked against the whole pipeline, with the text being edited rather than the saved one', () => {
    const file = path.join(repo, 'pipelines/ml/train.yml');
    const saved = checkText({ path: file, text: fs.readFileSync(file, 'utf8'), kind: 'gitlab-ci' });
    assert.deepEqual(saved.findings, [], 'the stage of the root and the job of a sibling include resolve');
    const edited = 'train:\n  stage: evaluate\n  needs: [build]\n  script: python train.py\n';
    const findings = checkText({ path: file, text: edited, kind: 'gitlab-ci' }).findings.map((f) => [
      f.rule,
      f.message,
    ]);
    assert.deepEqual(findings, [
      [
        'gitlab-unknown-stage',
        "Job 'train' uses stage 'evaluate', which is not declared (stages: build, train, .pre, .post).",
      ],
    ]);
  });
});
