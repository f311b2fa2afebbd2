// Links from a hover to the heading of GitHub's workflow syntax reference that documents the key.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { hoverAt } from '../../server/src/engine/language/hover';
import { workflowSyntaxDocs } from '../../server/src/engine/github/workflowSyntaxDocs';

describe('workflow syntax docs links', () => {
  it('names the heading with placeholders and links its anchor', () => {
    const anchor = (...path: (string | number)[]): string | undefined => workflowSyntaxDocs(path)?.url.split('#')[1];
    assert.equal(workflowSyntaxDocs(['jobs', 'build', 'steps', 0, 'run'])?.heading, 'jobs.<job_id>.steps[*].run');
    assert.equal(anchor('jobs', 'build', 'steps', 0, 'run'), 'jobsjob_idstepsrun');
    assert.equal(anchor('jobs', 'build', 'runs-on'), 'jobsjob_idruns-on');
    assert.equal(
      anchor('jobs', 'b', 'strategy', 'matrix', 'python'),
      'jobsjob_idstrategymatrix',
      'stops at a mapping of user-named keys',
    );
    assert.equal(anchor('jobs', 'b', 'services', 'postgres', 'image'), 'jobsjob_idservicesservice_idimage');
    assert.equal(anchor('env', 'TOKEN'), 'env');
    assert.equal(anchor('on', 'push', 'branches'), 'on', 'triggers share combined headings');
  });

  it('adds the link to a key hover whose description has none', () => {
    const text =
      'on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    timeout-minutes: 5\n    steps:\n      - run: echo\n';
    const hover = hoverAt({ text, kind: 'github-workflow' }, { line: 4, character: 6 });
    assert.match(
      hover?.markdown ?? '',
      /\[GitHub's reference: `jobs\.<job_id>\.timeout-minutes`\]\(https:\/\/docs\.github\.com\/[^)]*#jobsjob_idtimeout-minutes\)/,
    );
  });
});
