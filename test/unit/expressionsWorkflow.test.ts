// Expressions in their workflow: which contexts each key sees, where each expression sits in the file (scalar offsets
// through quotes, escapes and block scalars), and the checks of names the workflow defines.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isScalar, parseDocument, visit, type Scalar } from 'yaml';
import { availabilityAt } from '../../server/src/engine/expressions/contexts';
import { extractExpressions } from '../../server/src/engine/expressions/extract';
import { escapeFor, fileSpan, scalarTextOf } from '../../server/src/engine/expressions/scalarText';
import { workflowExpressionFindings } from '../../server/src/engine/expressions/workflowExpressions';
import { parseYaml } from '../../server/src/engine/yaml/parsedYaml';

function findings(yaml: string): { rule: string; message: string; text: string; severity?: string }[] {
  const doc = parseYaml(yaml);
  return workflowExpressionFindings(doc).map((f) => {
    const start = doc.lines.offsetAt(f.range.start);
    return {
      rule: f.rule,
      message: f.message,
      text: yaml.slice(start, doc.lines.offsetAt(f.range.end)),
      ...(f.severity ? { severity: f.severity } : {}),
    };
  });
}

function firstScalar(yaml: string, key: string): Scalar {
  let found: Scalar | undefined;
  visit(parseDocument(yaml), {
    Pair(_k, pair) {
      if (isScalar(pair.key) && pair.key.value === key && isScalar(pair.value)) found = pair.value;
    },
  });
  assert.ok(found, key);
  return found;
}

describe('context availability', () => {
  const contexts = (...path: (string | number)[]): string[] => [...(availabilityAt(path)?.contexts ?? [])].sort();
  const functions = (...path: (string | number)[]): string[] =>
    [...(availabilityAt(path)?.functions.keys() ?? [])].sort();

  it("follows GitHub's table at workflow and job level", () => {
    assert.deepEqual(contexts('run-name'), ['github', 'inputs', 'vars']);
    assert.deepEqual(contexts('concurrency', 'group'), ['github', 'inputs', 'vars']);
    assert.deepEqual(contexts('env', 'X'), ['github', 'inputs', 'secrets', 'vars']);
    assert.deepEqual(contexts('jobs', 'j', 'if'), ['github', 'inputs', 'needs', 'vars']);
    assert.deepEqual(functions('jobs', 'j', 'if'), ['always', 'cancelled', 'failure', 'success']);
    assert.deepEqual(contexts('jobs', 'j', 'runs-on'), ['github', 'inputs', 'matrix', 'needs', 'strategy', 'vars']);
    assert.deepEqual(contexts('jobs', 'j', 'strategy', 'matrix', 'os'), ['github', 'inputs', 'needs', 'vars']);
    assert.deepEqual(contexts('jobs', 'j', 'env', 'X'), [
      'github',
      'inputs',
      'matrix',
      'needs',
      'secrets',
      'strategy',
      'vars',
    ]);
    assert.deepEqual(contexts('jobs', 'j', 'timeout-minutes'), contexts('jobs', 'j', 'runs-on'));
    assert.deepEqual(contexts('jobs', 'j', 'container', 'image'), contexts('jobs', 'j', 'runs-on'));
    assert.deepEqual(contexts('jobs', 'j', 'with', 'x'), contexts('jobs', 'j', 'runs-on'));
    assert.ok(contexts('jobs', 'j', 'secrets', 'x').includes('secrets'));
    assert.ok(contexts('jobs', 'j', 'defaults', 'run', 'working-directory').includes('env'));
    assert.ok(contexts('jobs', 'j', 'container', 'credentials', 'password').includes('secrets'));
    assert.ok(contexts('jobs', 'j', 'services', 'db', 'env', 'X').includes('runner'));
    assert.ok(!contexts('jobs', 'j', 'environment', 'url').includes('secrets'));
    assert.ok(contexts('jobs', 'j', 'environment', 'url').includes('steps'));
    assert.ok(contexts('jobs', 'j', 'outputs', 'o').includes('steps'));
    assert.deepEqual(contexts('on', 'workflow_call', 'outputs', 'o', 'value'), ['github', 'inputs', 'jobs', 'vars']);
    assert.deepEqual(contexts('on', 'workflow_call', 'inputs', 'i', 'default'), ['github', 'inputs', 'vars']);
  });

  it('gives steps everything but secrets in `if`, with status functions only there', () => {
    assert.ok(!contexts('jobs', 'j', 'steps', 0, 'if').includes('secrets'));
    assert.ok(contexts('jobs', 'j', 'steps', 0, 'if').includes('env'));
    assert.deepEqual(functions('jobs', 'j', 'steps', 0, 'if'), [
      'always',
      'cancelled',
      'failure',
      'hashfiles',
      'success',
    ]);
    for (const key of ['run', 'with', 'env', 'name', 'working-directory', 'timeout-minutes', 'continue-on-error']) {
      assert.ok(contexts('jobs', 'j', 'steps', 1, key).includes('secrets'), key);
      assert.deepEqual(functions('jobs', 'j', 'steps', 1, key), ['hashfiles'], key);
    }
    assert.equal(availabilityAt(['jobs', 'j', 'steps', 0, 'if'])?.condition, true);
  });

  it('knows where expressions are read literally, and says nothing about unknown keys', () => {
    assert.equal(availabilityAt(['jobs', 'j', 'steps', 0, 'uses'])?.expressionsAllowed, false);
    assert.equal(availabilityAt(['jobs', 'j', 'needs'])?.expressionsAllowed, false);
    // GitHub's syntax gives filters, the workflow name and a step's shell no context ("Unrecognized named-value").
    assert.equal(availabilityAt(['on', 'push', 'branches', 0])?.expressionsAllowed, false);
    assert.equal(availabilityAt(['name'])?.expressionsAllowed, false);
    assert.equal(availabilityAt(['jobs', 'j', 'steps', 0, 'shell'])?.expressionsAllowed, false);
    assert.equal(availabilityAt(['jobs', 'j', 'made-up']), undefined);
  });

  it('reads contexts through one-of alternatives and mapping keys written as expressions', () => {
    // `container.env` inherits the container's contexts, so its variable names cannot use `runner`.
    assert.ok(contexts('jobs', 'j', 'container', 'env', 'X').includes('runner'));
    assert.ok(
      !(availabilityAt(['jobs', 'j', 'container', 'env', '${{ runner.os }}'], true)?.contexts.has('runner') ?? true),
    );
    assert.ok(
      [...(availabilityAt(['jobs', 'j', 'container', 'env', '${{ runner.os }}'], true)?.contexts ?? [])].includes(
        'matrix',
      ),
    );
    assert.ok(!(availabilityAt(['env', '${{ runner.os }}'], true)?.contexts.has('runner') ?? true));
    assert.ok(contexts('jobs', 'j', 'defaults', 'run', 'shell').includes('env'));
    const runsOn = availabilityAt(['jobs', 'j', 'runs-on']);
    assert.deepEqual(runsOn?.shape.mappingKeys, ['group', 'labels']);
    assert.equal(availabilityAt(['jobs', 'j', 'container', 'credentials'])?.shape.scalar, false);
  });
});

describe('scalar offsets', () => {
  const cases: [string, string][] = [
    ['plain multi-line', 'k: a ${{ x }}\n  b ${{ y }}\n'],
    ['single quotes', "k: 'it''s ${{ x }}'\n"],
    ['double quotes', 'k: "a \\" \\t ${{ x }} \\\n    b ${{ y }}"\n'],
    ['literal block', 'k: |\n  one ${{ x }}\n    two\n\n  three ${{ y }}\n'],
    ['literal keep', 'k: |+\n  ${{ x }}\n\n'],
    ['literal strip', 'k: |-\n  ${{ x }}\n\n'],
    ['folded block', 'k: >\n  one ${{ x }}\n  two\n\n    more\n  three ${{ y }}\n'],
    ['crlf', 'k: |\r\n  one ${{ x }}\r\n  two\r\n'],
  ];
  for (const [name, yaml] of cases) {
    it(`maps each expression of a ${name} scalar to its place in the file`, () => {
      const text = scalarTextOf(yaml, firstScalar(yaml, 'k'));
      assert.ok(text?.offsets, 'exact offsets');
      for (const e of extractExpressions(text.value).expressions) {
        const span = fileSpan(text, e.start, e.end);
        assert.equal(yaml.slice(span.start, span.end), text.value.slice(e.start, e.end));
      }
    });
  }

  it('escapes replacement text for the scalar style', () => {
    const single = scalarTextOf("k: 'a == b'", firstScalar("k: 'a == b'", 'k'));
    const plain = scalarTextOf('k: b == a', firstScalar('k: b == a', 'k'));
    assert.ok(single && plain);
    assert.equal(escapeFor(single, single.start + 6, "'b'"), "''b''");
    assert.equal(escapeFor(plain, plain.start, "'b'"), undefined);
    assert.equal(escapeFor(plain, plain.start + 5, "'a'"), "'a'");
  });
});

describe('workflow expression checks', () => {
  it('takes matrix variables from include-only matrices and step ids from earlier steps', () => {
    const result = findings(
      [
        'on: push',
        'jobs:',
        '  j:',
        '    runs-on: ${{ matrix.os }}',
        '    strategy:',
        '      matrix:',
        '        include: [{ os: a, extra: 1 }, { os: b }]',
        '    steps:',
        '      - id: first',
        '        run: echo ${{ matrix.extra }} ${{ matrix.OS }} ${{ steps.second.outputs.x }}',
        '      - id: second',
        '        run: echo ${{ steps.first.outputs.x }} ${{ steps.First.outcome }}',
      ].join('\n'),
    );
    assert.deepEqual(
      result.map((f) => [f.rule, f.text]),
      [['expression-undefined', 'second']],
    );
  });

  it('never flags secrets, vars, env or github.event of a push workflow; its inputs are always empty', () => {
    const result = findings(
      [
        'on: push',
        'jobs:',
        '  j:',
        '    runs-on: ubuntu-latest',
        '    steps:',
        '      - run: echo ${{ secrets.A_B }} ${{ vars.x }} ${{ env.Y }} ${{ github.event.a.b.c }} ${{ inputs.free }}',
      ].join('\n'),
    );
    assert.deepEqual(
      result.map((f) => [f.rule, f.text]),
      [['expression-undefined', 'free']],
    );
  });

  it('reads outputs of known actions, but not of actions whose script names them, nor of unknown versions', () => {
    const result = findings(
      [
        'on: push',
        'jobs:',
        '  j:',
        '    runs-on: ubuntu-latest',
        '    steps:',
        '      - { id: c, uses: actions/cache@v4, with: { path: p, key: k } }',
        '      - { id: s, uses: actions/github-script@v7, with: { script: x } }',
        '      - { id: future, uses: actions/cache@v99, with: { path: p, key: k } }',
        '      - run: echo ${{ steps.c.outputs.CACHE-HIT }} ${{ steps.c.outputs.hit }} ${{ steps.s.outputs.any }} ${{ steps.future.outputs.any }}',
      ].join('\n'),
    );
    assert.deepEqual(
      result.map((f) => [f.rule, f.severity, f.text]),
      [['expression-undefined', undefined, 'hit']],
    );
  });

  it('keeps secrets open unless workflow_call is the only trigger and declares them, then warns (expression-property)', () => {
    const workflow = (on: string): string =>
      [
        on,
        'jobs:',
        '  j:',
        '    runs-on: ubuntu-latest',
        '    steps:',
        '      - run: echo ${{ secrets.token }} ${{ secrets.GITHUB_TOKEN }} ${{ secrets.other }}',
      ].join('\n');
    assert.deepEqual(findings(workflow('on: { workflow_call: { secrets: { token: {} } }, push: {} }')), []);
    assert.deepEqual(findings(workflow('on: { workflow_call: {} }')), []);
    const result = findings(workflow('on: { workflow_call: { secrets: { token: {} } } }'));
    assert.deepEqual(
      result.map((f) => [f.rule, f.severity, f.text]),
      [['expression-property', undefined, 'other']],
    );
  });

  it('checks needs, their outputs, and secrets in conditions', () => {
    const result = findings(
      [
        'on: push',
        'jobs:',
        '  a:',
        '    runs-on: ubuntu-latest',
        '    outputs: { version: "1" }',
        '    steps: [{ run: echo }]',
        '  b:',
        '    needs: a',
        "    if: secrets.X != '' && needs.a.outputs.versoin != ''",
        '    runs-on: ubuntu-latest',
        '    steps: [{ run: echo }]',
      ].join('\n'),
    );
    assert.deepEqual(
      result.map((f) => [f.rule, f.text]),
      [
        ['expression-context', 'secrets'],
        ['expression-undefined', 'versoin'],
      ],
    );
    assert.match(result[1]?.message ?? '', /Did you mean 'version'/);
  });

  it('survives long comparison chains and random expressions anywhere', () => {
    const chain = Array.from({ length: 7000 }, () => '1').join('=='); // 7,000 levels deep, within GitHub's length limit
    assert.deepEqual(
      findings(`on: push\njobs:\n  j:\n    runs-on: x\n    steps:\n      - run: echo \${{ ${chain} }}\n`),
      [],
    );
    const pieces = [
      '${{',
      '}}',
      "'",
      'matrix.',
      'steps.a',
      'needs.',
      '(',
      ')',
      '==',
      '!',
      'x',
      ' ',
      'format(',
      ',',
      '*',
      '[',
      ']',
    ];
    const keys = ['if', 'run', 'env', 'runs-on', 'with', 'outputs', 'uses', 'strategy', 'container'];
    let seed = 11;
    const next = (n: number): number => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed % n;
    };
    for (let n = 0; n < 300; n++) {
      let value = '';
      for (let i = 0; i < 10; i++) value += pieces[next(pieces.length)] ?? '';
      const key = keys[next(keys.length)] ?? 'if';
      const yaml = `on: workflow_dispatch\njobs:\n  j:\n    runs-on: x\n    ${key}: ${JSON.stringify(value)}\n    steps:\n      - ${key}: ${JSON.stringify(value)}\n`;
      assert.doesNotThrow(() => findings(yaml), yaml);
    }
  });

  it('reports nothing for files that do not parse cleanly', () => {
    assert.deepEqual(findings('on: push\njobs:\n  j: {\n'), []);
    assert.deepEqual(findings(''), []);
    assert.deepEqual(findings('- a\n- b\n'), []);
  });
});

describe('expression types', () => {
  const ids = (yaml: string): string[] => findings(yaml).map((f) => `${f.rule}:${f.text}`);

  it('reports objects rendered as text and objects compared with scalars, not null checks', () => {
    const yaml =
      'on: push\njobs:\n  j:\n    runs-on: ubuntu-latest\n    strategy:\n      matrix:\n        cfg: [{ a: 1 }]\n    steps:\n' +
      "      - run: echo ${{ matrix.cfg }} ${{ matrix.cfg.a }}\n      - if: matrix.cfg == 'x'\n        run: echo\n      - if: matrix.cfg != null\n        run: echo\n";
    assert.deepEqual(
      ids(yaml).filter((i) => i.startsWith('expression-type')),
      ['expression-type: matrix.cfg ', "expression-type:matrix.cfg == 'x'"],
    );
  });

  it('treats constant conditions by their truth, and types include-only matrix keys', () => {
    const yaml =
      'on: push\njobs:\n  j:\n    if: false\n    runs-on: ubuntu-latest\n    strategy:\n      matrix:\n        include:\n          - { py: "3.12", extra: [gpu] }\n          - { py: "3.11" }\n    steps:\n' +
      '      - if: ${{ 1 == 1 }}\n        run: echo ${{ matrix.py }} ${{ matrix.extra[0] }}\n';
    const found = findings(yaml);
    assert.deepEqual(
      found.map((f) => f.rule),
      ['if-constant', 'if-constant'],
    );
  });
});
