// "Explain this failure" prompt building and answer sanitizing: the failed step's log trimmed around its first error
// within the budget, secret-looking tokens replaced (while GitHub's own *** masks stay), the workflow with the job's
// lines named, and a hostile answer reduced to Markdown that cannot run anything.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  buildExplainFailurePrompt,
  failedStepExcerpt,
  markdownText,
  sanitizeModelMarkdown,
} from '../../shared/failureExplanation';
import { redactSecrets } from '../../shared/redaction';
import type { LogStep } from '../../shared/logSections';

const T0 = Date.parse('2026-11-20T10:00:00Z');
const at = (second: number): string => new Date(T0 + second * 1000).toISOString().replace(/\.000Z$/, '.1000000Z');

const STEPS: LogStep[] = [
  { number: 1, name: 'Set up job', startedAt: new Date(T0).toISOString(), conclusion: 'success' },
  { number: 2, name: 'Train', startedAt: new Date(T0 + 10_000).toISOString(), conclusion: 'failure' },
  { number: 3, name: 'Complete job', startedAt: new Date(T0 + 20_000).toISOString(), conclusion: 'success' },
];

/** A job log: set-up, a Train step printing `noise` lines then a traceback and an error, then clean-up. */
function jobLog(noise: number, extra: string[] = []): string {
  const lines = [
    `${at(0)} Current runner version: '2.321.0'`,
    `${at(1)} SET-UP-ONLY line`,
    `${at(10)} ##[group]Run python train.py`,
    `${at(10)} \u001b[36;1mpython train.py --epochs 3\u001b[0m`,
    `${at(10)} ##[endgroup]`,
    ...Array.from({ length: noise }, (_, i) => `${at(11)} epoch progress ${i} ${'.'.repeat(60)}`),
    ...extra.map((l) => `${at(12)} ${l}`),
    `${at(12)} Traceback (most recent call last):`,
    `${at(12)} KeyError: 'learning_rate'`,
    `${at(12)} ##[error]Process completed with exit code 1.`,
    `${at(20)} Cleaning up orphan processes`,
  ];
  return `${lines.join('\n')}\n`;
}

describe('failure explanation', () => {
  it("takes the failed step's section only, as display text (no timestamps, no colour codes)", () => {
    const excerpt = failedStepExcerpt(jobLog(3), STEPS, 2);
    assert.equal(excerpt.title, 'Train');
    assert.equal(excerpt.omittedLines, 0);
    assert.ok(excerpt.text.startsWith('▼ Run python train.py\npython train.py --epochs 3\n'), excerpt.text);
    assert.ok(
      excerpt.text.endsWith("KeyError: 'learning_rate'\nError: Process completed with exit code 1."),
      excerpt.text,
    );
    assert.doesNotMatch(excerpt.text, /SET-UP-ONLY|Cleaning up|2026-11-20T/);
    assert.equal(excerpt.text.includes('\u001b'), false, 'no colour codes');
  });

  it('trims a long step to the budget, keeping the command, the first error with what led to it, and the end', () => {
    const log = jobLog(2_000);
    const excerpt = failedStepExcerpt(log, STEPS, 2, 3_000);
    assert.ok(excerpt.text.length <= 3_000, `${excerpt.text.length} characters`);
    assert.ok(excerpt.omittedLines > 1_900, `${excerpt.omittedLines} lines omitted`);
    assert.match(excerpt.text, /^▼ Run python train\.py\npython train\.py --epochs 3\n/);
    assert.match(excerpt.text, /… \(\d+ lines omitted\)/);
    assert.match(
      excerpt.text,
      /Traceback \(most recent call last\):\nKeyError: 'learning_rate'\nError: Process completed with exit code 1\.$/,
    );
    assert.match(excerpt.text, /epoch progress 1999 /, 'the lines right before the error are kept');
    assert.doesNotMatch(excerpt.text, /epoch progress 1000 /);
  });

  it("replaces secret-looking tokens and leaves GitHub's own *** masks and ordinary text alone", () => {
    const secrets = [
      'export GH_TOKEN=ghp_abcdefghijklmnopqrstuvwxyz0123456789',
      'pushing with github_pat_11ABCDEFG0123456789_abcdefghijklmnop',
      'aws: AKIAIOSFODNN7EXAMPLE',
      'Authorization: Bearer abc.def-ghi',
      'cloning https://ci-bot:s3cr3t-pass@git.example.com/ml/repo.git',
      'HF_TOKEN: hf_abcdefghijklmnopqrstuvwxyzABCDEFGH',
      'db_password = "hunter22"',
      'jwt eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U',
      '-----BEGIN RSA PRIVATE KEY-----\nMIIEowIBAAKCAQEA\n-----END RSA PRIVATE KEY-----',
    ];
    for (const line of secrets) {
      const out = redactSecrets(line);
      assert.match(out, /\[REDACTED\]/, line);
      assert.doesNotMatch(out, /ghp_a|github_pat_1|AKIAIOSF|abc\.def|s3cr3t|hf_abc|hunter22|eyJhbGci|MIIEow/, out);
    }
    assert.equal(redactSecrets('Authorization: Bearer abc.def-ghi'), 'Authorization: Bearer [REDACTED]');
    assert.equal(redactSecrets('TOKEN: ***'), 'TOKEN: ***');
    const plain = "KeyError: 'learning_rate' in train.py line 12; tokens per second: 4000";
    assert.equal(redactSecrets(plain), plain);
    const excerpt = failedStepExcerpt(
      jobLog(1, ['echo $API_KEY', 'api_key=sk-proj-abcdefghijklmnopqrstuvwx']),
      STEPS,
      2,
    );
    assert.match(excerpt.text, /api_key=\[REDACTED\]/);
    assert.doesNotMatch(excerpt.text, /sk-proj/);
  });

  it("builds the prompt from the job, the excerpt and the workflow with the job's lines named", () => {
    const workflow =
      'name: Train\non: push\njobs:\n  train:\n    runs-on: ubuntu-latest\n    steps:\n      - run: python train.py\n';
    const excerpt = failedStepExcerpt(jobLog(1, ['printing ``` fences']), STEPS, 2);
    const prompt = buildExplainFailurePrompt({
      workflowName: 'Train model',
      runTitle: 'Train with the new features',
      jobName: 'train',
      excerpt,
      workflow: { path: '.github/workflows/train.yml', text: workflow, jobLines: { start: 3, end: 6 } },
    });
    assert.match(prompt, /Failed job: train\. Failed step: Train\./);
    assert.match(prompt, /The workflow file \.github\/workflows\/train\.yml \(the job is lines 4-7\)/);
    assert.match(prompt, / {3}4\| {3}train:\n {3}5\| {5}runs-on: ubuntu-latest/);
    assert.match(prompt, /KeyError: 'learning_rate'/);
    assert.match(prompt, /printing ''' fences/, "the log cannot close the prompt's code fence");
    assert.match(prompt, /```yaml/);
    const without = buildExplainFailurePrompt({
      workflowName: 'Train model',
      runTitle: 't',
      jobName: 'train',
      excerpt,
    });
    assert.match(without, /The workflow file is not available; do not propose file contents\./);
    assert.doesNotMatch(without, /```yaml/);
  });

  it('redacts a credential written in the workflow file before it goes to the model', () => {
    const workflow =
      'on: push\njobs:\n  train:\n    runs-on: ubuntu-latest\n    env:\n      HF_TOKEN: hf_abcdefghijklmnopqrstuvwxyz012345\n    steps:\n      - run: python train.py\n';
    const prompt = buildExplainFailurePrompt({
      workflowName: 'Train',
      runTitle: 't',
      jobName: 'train',
      excerpt: failedStepExcerpt(jobLog(1, ['boom']), STEPS, 2),
      workflow: { path: '.github/workflows/train.yml', text: workflow },
    });
    assert.doesNotMatch(prompt, /hf_abcdefghij/);
    assert.match(prompt, /HF_TOKEN: \[REDACTED-\d+\]/);
  });

  it('sanitizes a hostile answer: no HTML, no images, no command:/file:/javascript: links; https links and code stay', () => {
    const reply = [
      '## Cause',
      'The key is missing. <img src=x onerror="alert(1)"> <script>alert(2)</script>',
      'Click [here](command:workbench.action.terminal.new?%5B%22rm%22%5D) or [there]( javascript:alert(3) ) or <command:workbench.action.reloadWindow>.',
      'See [the docs](https://docs.github.com/actions "docs") and ![tracker](https://evil.example/pixel.png).',
      '[ref]: command:workbench.action.openSettings',
      'Also command:workbench.action.quit in prose.',
      '```yaml',
      'steps:',
      '  - run: echo "<b>kept as code</b>"',
      '```',
    ].join('\n');
    const safe = sanitizeModelMarkdown(reply);
    assert.doesNotMatch(safe, /<img|<script|<command|\]\(command:|\]\(\s*javascript:|^\[ref\]:/m);
    assert.doesNotMatch(safe.replace(/```yaml[\s\S]*```/, ''), /command:/, 'no command: URI outside code');
    assert.match(safe, /&lt;img src=x/);
    assert.match(safe, /Click here or there\b.* or &lt;command&#58;workbench/);
    assert.match(safe, /See \[the docs\]\(https:\/\/docs\.github\.com\/actions\) and tracker\./);
    assert.match(safe, /```yaml\nsteps:\n {2}- run: echo "<b>kept as code<\/b>"\n```/);
    // An unclosed fence is closed, so nothing after it can escape the code block.
    assert.equal(sanitizeModelMarkdown('```\n<b>').split('\n').at(-1), '```');
    assert.ok(sanitizeModelMarkdown('x'.repeat(50_000)).length < 21_000);
  });

  it('escapes names put into Markdown prose', () => {
    assert.equal(markdownText('Fake [Model](command:x) <b>'), 'Fake \\[Model\\]\\(command:x\\) \\<b\\>');
  });
});
