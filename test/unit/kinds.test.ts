import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { detectKind } from '../../server/src/engine/kinds';

describe('detectKind', () => {
  const cases: [string, string | undefined, string | undefined][] = [
    ['/r/.github/workflows/ci.yml', undefined, 'github-workflow'],
    ['/r/.github/workflows/ci.yaml', undefined, 'github-workflow'],
    ['C:\\r\\.github\\workflows\\ci.yml', undefined, 'github-workflow'],
    // GitHub ignores workflows in subfolders and non-YAML files.
    ['/r/.github/workflows/sub/ci.yml', undefined, undefined],
    ['/r/.github/workflows/README.md', undefined, undefined],
    ['/r/action.yml', undefined, 'github-action'],
    ['/r/.github/actions/setup/action.yaml', undefined, 'github-action'],
    ['/r/.gitlab-ci.yml', undefined, 'gitlab-ci'],
    // The usual name of a file meant for `include` (files of other names are GitLab CI when the root includes them).
    ['/r/.gitlab/ci/train.gitlab-ci.yml', undefined, 'gitlab-ci'],
    ['/r/ci/jobs.yml', undefined, undefined],
    ['/r/dvc.yaml', undefined, 'dvc-pipeline'],
    ['/r/params.yaml', undefined, 'dvc-params'],
    ['/r/MLproject', undefined, 'mlflow-project'],
    ['/r/model/MLmodel', undefined, 'mlflow-model'],
    ['/r/serve.yaml', 'apiVersion: serving.kserve.io/v1beta1\nkind: InferenceService\n', 'kserve-inference-service'],
    ['/r/serve.yaml', 'apiVersion: apps/v1\nkind: Deployment\n', undefined],
    // KFServing's group, renamed by KServe 0.7: recognised so its retired apiVersion can be reported.
    [
      '/r/serve.yaml',
      'apiVersion: serving.kubeflow.org/v1alpha2\nkind: InferenceService\n',
      'kserve-inference-service',
    ],
    // A Deployment that merely mentions the word in a comment is not an InferenceService.
    [
      '/r/serve.yaml',
      'apiVersion: serving.kserve.io/v1beta1\nkind: ServingRuntime # not an InferenceService\n',
      undefined,
    ],
    ['/r/notes.txt', 'kind: InferenceService\napiVersion: serving.kserve.io/v1beta1', undefined],
  ];
  for (const [path, text, expected] of cases) {
    it(`${path}${text ? ` (${text.split('\n')[1] ?? ''})` : ''} -> ${expected ?? 'none'}`, () => {
      assert.equal(detectKind(path, text), expected);
    });
  }
});
