// The CLI as a user runs it: the real bin/preflight over real files, checking exit codes and output formats.
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { CLI } from '../support/paths';

interface Run {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

function preflight(args: string[], cwd: string): Run {
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: 'utf8' });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

let repo = '';

before(() => {
  repo = fs.mkdtempSync(path.join(os.tmpdir(), 'preflight-cli-'));
  const write = (rel: string, text: string): void => {
    fs.mkdirSync(path.dirname(path.join(repo, rel)), { recursive: true });
    fs.writeFileSync(path.join(repo, rel), text);
  };
  write(
    '.github/workflows/bad.yml',
    'on: push\npermissions: {contents: read}\nconcurency: x\njobs:\n  a:\n    runs-on: ubuntu-latest\n    timeout-minutes: 5\n    steps: [{run: echo}]\n',
  );
  write(
    '.github/workflows/good.yml',
    'on: push\npermissions: {contents: read}\njobs:\n  a:\n    runs-on: ubuntu-latest\n    timeout-minutes: 5\n    steps: [{run: echo}]\n',
  );
  write('params.yaml', 'lr: 0.1\n');
  write(
    'serving/isvc.yaml',
    'apiVersion: serving.kserve.io/v1beta1\nkind: InferenceService\nmetadata: {name: a}\nspec: {predictor: {}}\n',
  );
  write('node_modules/pkg/.github/workflows/x.yml', 'bad: [\n');
  fs.mkdirSync(path.join(repo, '.git', 'hooks'), { recursive: true });
  write('.git/hooks/dvc.yaml', 'bad: [\n');
  write('notes.yaml', 'just: data\n');
});

after(() => {
  fs.rmSync(repo, { recursive: true, force: true });
});

describe('preflight check', () => {
  it('finds pipeline files in folders, skips node_modules and .git, and exits 1 on errors', () => {
    const r = preflight(['check', '.', '--format', 'json'], repo);
    assert.equal(r.status, 1, r.stderr);
    const json = JSON.parse(r.stdout) as {
      version: number;
      files: {
        path: string;
        kind: string;
        diagnostics: { rule: string; severity: string; range: { start: { line: number; character: number } } }[];
      }[];
    };
    assert.equal(json.version, 1);
    assert.deepEqual(
      json.files.map((f) => [f.path, f.kind]),
      [
        ['.github/workflows/bad.yml', 'github-workflow'],
        ['.github/workflows/good.yml', 'github-workflow'],
        ['params.yaml', 'dvc-params'],
        ['serving/isvc.yaml', 'kserve-inference-service'],
      ],
    );
    const bad = json.files[0]?.diagnostics[0];
    assert.equal(bad?.rule, 'unknown-key');
    assert.equal(bad?.severity, 'error');
    assert.deepEqual(bad?.range.start, { line: 2, character: 0 });
  });

  it('exits 0 on a clean file and keeps paths as given', () => {
    const r = preflight(['check', '.github/workflows/good.yml', '--format=json'], repo);
    assert.equal(r.status, 0, r.stderr);
    assert.equal((JSON.parse(r.stdout) as { files: { path: string }[] }).files[0]?.path, '.github/workflows/good.yml');
  });

  it('prints clickable 1-based locations in text format', () => {
    const r = preflight(['check', '.github/workflows/bad.yml'], repo);
    assert.equal(r.status, 1);
    assert.match(
      r.stdout,
      /^\.github\/workflows\/bad\.yml:3:1: error \[unknown-key\] Unknown key 'concurency' in the workflow\. Did you mean 'concurrency'\?$/m,
    );
    assert.match(r.stdout, /^1 error, 0 warnings, 0 infos in 1 file checked\.$/m);
  });

  it('lists errors before warnings and infos, and the summary counts them in that order', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'preflight-order-'));
    try {
      fs.mkdirSync(path.join(dir, '.github', 'workflows'), { recursive: true });
      // a.yml: only advice (no permissions, no timeout); b.yml: one error after the advice of a.yml in file order.
      fs.writeFileSync(
        path.join(dir, '.github', 'workflows', 'a.yml'),
        'on: push\njobs:\n  a:\n    runs-on: [self-hosted]\n    steps: [{run: echo}]\n',
      );
      fs.writeFileSync(
        path.join(dir, '.github', 'workflows', 'b.yml'),
        'on: push\npermissions: {contents: read}\nconcurency: x\njobs:\n  a:\n    runs-on: ubuntu-latest\n    timeout-minutes: 5\n    steps: [{run: echo}]\n',
      );
      const r = preflight(['check', '.', '--no-shellcheck'], dir);
      assert.equal(r.status, 1, r.stderr);
      const order = ['error', 'warning', 'info', 'hint'];
      const severities = r.stdout
        .trim()
        .split('\n')
        .slice(0, -1)
        .map((l) => /: (error|warning|info|hint) \[/.exec(l)?.[1] ?? '');
      assert.equal(severities[0], 'error', r.stdout);
      const ranks = severities.map((s) => order.indexOf(s));
      assert.deepEqual(
        ranks,
        [...ranks].sort((x, y) => x - y),
        r.stdout,
      );
      assert.ok(severities.includes('warning') && severities.includes('info'), r.stdout);
      assert.match(
        r.stdout.trim().split('\n').at(-1) ?? '',
        /^1 error, \d+ warnings?, \d+ infos? in 2 files checked\.$/,
      );
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('fails with exit 2, naming the path, when a path holds no pipeline file (a mistyped path in CI must not pass)', () => {
    const empty = fs.mkdtempSync(path.join(os.tmpdir(), 'preflight-empty-'));
    try {
      fs.writeFileSync(path.join(empty, 'notes.yaml'), 'just: data\n');
      const folder = preflight(['check', empty], repo);
      assert.equal(folder.status, 2, folder.stdout);
      assert.match(
        folder.stderr,
        new RegExp(`^preflight: ${empty.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: no pipeline files Preflight knows`),
      );
      assert.doesNotMatch(folder.stdout, /checked/);
      const here = preflight(['check'], empty);
      assert.equal(here.status, 2, 'the default folder too');
      const file = preflight(['check', 'notes.yaml'], repo);
      assert.equal(file.status, 2);
      assert.match(file.stderr, /notes\.yaml: not a pipeline file Preflight knows/);
      const missing = preflight(['check', 'no/such/dir'], repo);
      assert.equal(missing.status, 2);
      assert.match(missing.stderr, /^preflight: no\/such\/dir: no such file or folder/);
    } finally {
      fs.rmSync(empty, { recursive: true, force: true });
    }
  });

  it('writes SARIF 2.1.0 with rules, levels, relative URIs and 1-based regions', () => {
    const r = preflight(['check', '--format', 'sarif'], repo);
    assert.equal(r.status, 1);
    const sarif = JSON.parse(r.stdout) as {
      version: string;
      runs: {
        tool: { driver: { rules: { id: string; helpUri: string }[] } };
        results: {
          ruleId: string;
          level: string;
          locations: {
            physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number; startColumn: number } };
          }[];
        }[];
      }[];
    };
    assert.equal(sarif.version, '2.1.0');
    const run = sarif.runs[0];
    assert.ok(run?.tool.driver.rules.some((x) => x.id === 'unknown-key' && x.helpUri.includes('#unknown-key')));
    const result = run?.results[0];
    assert.equal(result?.ruleId, 'unknown-key');
    assert.equal(result?.level, 'error');
    assert.equal(result?.locations[0]?.physicalLocation.artifactLocation.uri, '.github/workflows/bad.yml');
    assert.deepEqual(result?.locations[0]?.physicalLocation.region.startLine, 3);
    assert.deepEqual(result?.locations[0]?.physicalLocation.region.startColumn, 1);
  });

  it("prints a command's own usage for --help, with exit 0", () => {
    for (const command of ['check', 'fix', 'train', 'explain', 'runs']) {
      const r = preflight([command, '--help'], repo);
      assert.equal(r.status, 0, `${command}: ${r.stderr}`);
      assert.match(r.stdout, new RegExp(`^Usage:\\n  preflight ${command} `));
      assert.equal(r.stdout.trim().split('\n').length, 2, 'only that command');
    }
    assert.match(preflight(['check', '--threads', '0'], repo).stderr, /--threads must be a whole number/);
  });

  it('stops quietly when the reader of its output goes away (preflight check | head), keeping its exit status', async () => {
    // Enough output to outlast the pipe's buffer: the reader closes after the first chunk.
    const many = fs.mkdtempSync(path.join(os.tmpdir(), 'preflight-epipe-'));
    try {
      fs.mkdirSync(path.join(many, '.github', 'workflows'), { recursive: true });
      for (let i = 0; i < 40; i++) {
        const steps = Array.from({ length: 60 }, (_, s) => `      - run: echo ${s}\n        shell: bsh\n`).join('');
        fs.writeFileSync(
          path.join(many, '.github', 'workflows', `w${i}.yml`),
          `on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n${steps}`,
        );
      }
      const child = spawn(process.execPath, [CLI, 'check', '.', '--no-shellcheck', '--no-pyflakes'], {
        cwd: many,
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let stderr = '';
      child.stderr.on('data', (chunk: Buffer) => {
        stderr += chunk.toString();
      });
      child.stdout.once('data', () => {
        child.stdout.destroy();
      });
      const status = await new Promise<number | null>((resolve) => child.on('exit', resolve));
      assert.doesNotMatch(stderr, /EPIPE|\n\s+at /, 'no stack trace');
      assert.equal(status, 1, 'the errors found still decide the exit status');
    } finally {
      fs.rmSync(many, { recursive: true, force: true });
    }
  });

  it('fails with exit 2 and a one-line message on usage errors', () => {
    for (const args of [['check', 'missing.yml'], ['check', '--format', 'xml'], ['check', '--bogus'], ['frobnicate']]) {
      const r = preflight(args, repo);
      assert.equal(r.status, 2, args.join(' '));
      const firstLine = r.stderr.split('\n')[0] ?? '';
      assert.match(firstLine, /^preflight: /);
      assert.doesNotMatch(r.stderr, /\n\s+at /, 'no stack trace');
    }
  });

  it('applies severities from .preflight.yml at the repository root', () => {
    fs.writeFileSync(path.join(repo, '.preflight.yml'), 'rules:\n  unknown-key: warning\n');
    try {
      const r = preflight(['check', '.github/workflows/bad.yml'], repo);
      assert.equal(r.status, 0, 'a warning does not fail the check');
      assert.match(r.stdout, /bad\.yml:3:1: warning \[unknown-key\]/);
      fs.writeFileSync(path.join(repo, '.preflight.yml'), 'rules:\n  unknown-key: loud\n');
      const bad = preflight(['check', '.github/workflows/bad.yml'], repo);
      assert.match(
        bad.stderr,
        /\.preflight\.yml: rules\.unknown-key: 'loud' is not one of error, warning, info, hint, off/,
      );
    } finally {
      fs.rmSync(path.join(repo, '.preflight.yml'));
    }
  });

  it('does not crash on a binary file named like a workflow', () => {
    fs.writeFileSync(path.join(repo, '.github/workflows/binary.yml'), Buffer.from([0, 255, 1, 128, 10, 58, 0]));
    const r = preflight(['check', '.github/workflows/binary.yml', '--format', 'json'], repo);
    assert.ok(r.status === 0 || r.status === 1, r.stderr);
    fs.rmSync(path.join(repo, '.github/workflows/binary.yml'));
  });
});

describe('preflight fix', () => {
  it('prints a unified diff with --dry-run that git can apply, then fixes in place, and the findings are gone', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'preflight-fix-'));
    try {
      fs.mkdirSync(path.join(dir, '.github', 'workflows'), { recursive: true });
      const file = path.join(dir, '.github', 'workflows', 'ci.yml');
      const original =
        '# CI\non: push\nconcurency: ci  # keep this comment\njobs:\n  test:\n    runs-on: ubuntu-lates\n    timeout-minutes: 10\n    steps:\n      - uses: actions/checkout\n      - run: echo "::set-output name=ok::yes"\n';
      fs.writeFileSync(file, original);
      spawnSync('git', ['init', '-q'], { cwd: dir });
      const dry = preflight(['fix', '--dry-run'], dir);
      assert.equal(dry.status, 0, dry.stderr);
      assert.equal(fs.readFileSync(file, 'utf8'), original, '--dry-run must not write');
      assert.match(dry.stdout, /^--- a\/\.github\/workflows\/ci\.yml$/m);
      assert.match(dry.stdout, /^-concurency: ci {2}# keep this comment$/m);
      assert.match(dry.stdout, /^\+concurrency: ci {2}# keep this comment$/m);
      const patch = dry.stdout
        .split('\n')
        .filter((l) => !/^(would fix|Would apply)/.test(l))
        .join('\n');
      const applied = spawnSync('git', ['apply', '--check', '-'], { cwd: dir, input: patch, encoding: 'utf8' });
      assert.equal(applied.status, 0, applied.stderr);
      const bare = preflight(['fix'], dir);
      assert.equal(bare.status, 2, 'no path: a preview, never a write');
      assert.equal(fs.readFileSync(file, 'utf8'), original, 'fix without a path must not write');
      assert.match(bare.stdout, /^\+concurrency: ci {2}# keep this comment$/m);
      assert.match(
        bare.stdout,
        /Would apply 4 fixes in 1 file\.\nNothing was written\. To apply, name the files or folders: `preflight fix \.`/,
      );
      const real = preflight(['fix', '.'], dir);
      assert.equal(real.status, 0, real.stderr);
      assert.match(real.stdout, /Applied 4 fixes in 1 file\./);
      const fixedText = fs.readFileSync(file, 'utf8');
      assert.match(fixedText, /^# CI$/m, 'comments survive');
      assert.match(fixedText, /echo "ok=yes" >> "\$GITHUB_OUTPUT"/);
      const after = preflight(['check', '.', '--format', 'json', '--no-shellcheck'], dir);
      assert.equal(after.status, 0, after.stdout);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
