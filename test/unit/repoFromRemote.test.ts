import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { apiBaseUrlForHost, repoFromRemote } from '../../server/src/engine/github/api/repoFromRemote';

describe('repoFromRemote', () => {
  const cases: [string, [string, string, string] | undefined][] = [
    ['https://github.com/octo/models.git', ['github.com', 'octo', 'models']],
    ['https://github.com/octo/models', ['github.com', 'octo', 'models']],
    ['https://github.com/octo/models/', ['github.com', 'octo', 'models']],
    ['https://user:pat@github.com/octo/my.repo.git', ['github.com', 'octo', 'my.repo']],
    ['git@github.com:octo/models.git', ['github.com', 'octo', 'models']],
    ['github.com:octo/models', ['github.com', 'octo', 'models']],
    ['ssh://git@github.com/octo/models.git', ['github.com', 'octo', 'models']],
    ['ssh://git@ssh.github.com:443/octo/models.git', ['ssh.github.com', 'octo', 'models']],
    ['git@GHE.Example.com:data-team/train_pipeline.git', ['ghe.example.com', 'data-team', 'train_pipeline']],
    ['https://ghe.example.com/data-team/train-pipeline', ['ghe.example.com', 'data-team', 'train-pipeline']],
    ['  https://github.com/octo/models.git\n', ['github.com', 'octo', 'models']],
    ['/home/me/models.git', undefined],
    ['file:///home/me/models.git', undefined],
    ['https://github.com/octo', undefined],
    ['https://gitlab.com/group/sub/project.git', undefined],
    ['git@github.com:octo/../models', undefined],
    ['', undefined],
  ];
  for (const [url, expected] of cases) {
    it(JSON.stringify(url), () => {
      const r = repoFromRemote(url);
      assert.deepEqual(r === undefined ? undefined : [r.host, r.owner, r.repo], expected);
    });
  }

  it('API base URL: api.github.com for github.com, /api/v3 on Enterprise Server hosts', () => {
    assert.equal(apiBaseUrlForHost('github.com'), 'https://api.github.com');
    assert.equal(apiBaseUrlForHost('ssh.github.com'), 'https://api.github.com');
    assert.equal(apiBaseUrlForHost('ghe.example.com'), 'https://ghe.example.com/api/v3');
  });
});
