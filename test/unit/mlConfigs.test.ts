// Helpers behind the DVC, MLflow, KServe and GitLab rules, and the cross-file behaviour the fixtures cannot show: a
// finding in dvc.yaml that goes away when params.yaml is fixed, with dvc.yaml (and its parse) untouched.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import { checkText } from '../../server/src/engine/check';
import { resolveText } from '../../server/src/engine/dvc/dvcScope';
import { findInterpolations } from '../../server/src/engine/dvc/interpolation';
import { templatePattern } from '../../server/src/engine/dvc/pipelineGraph';
import { isExtendedResource, parseQuantity } from '../../server/src/engine/kserve/quantity';
import { parseCommandTemplate } from '../../server/src/engine/mlflow/commandTemplate';
import { parseSignaturePart } from '../../server/src/engine/mlflow/modelSignature';
import { readOnnxInputs } from '../../server/src/engine/mlflow/onnxInputs';
import { imageTag } from '../../server/src/engine/rules/kserve/imageTag';
import { parseYaml } from '../../server/src/engine/yaml/parsedYaml';
import { EXAMPLES } from '../support/paths';

describe('Kubernetes quantities', () => {
  it('parses and compares as Kubernetes does', () => {
    assert.equal(parseQuantity('500m'), 0.5);
    assert.equal(parseQuantity('1'), 1);
    assert.equal(parseQuantity(2), 2);
    assert.equal(parseQuantity('.5'), 0.5);
    assert.equal(parseQuantity('1e3'), 1000);
    assert.equal(parseQuantity('1E'), 1e18);
    assert.ok((parseQuantity('1Gi') ?? 0) > (parseQuantity('1000Mi') ?? 0));
    for (const bad of ['2GB', '100 m', '', 'one', '1.5.2', ' 1']) assert.equal(parseQuantity(bad), undefined, bad);
  });

  it('knows extended resources', () => {
    assert.ok(isExtendedResource('nvidia.com/gpu'));
    for (const native of ['cpu', 'memory', 'hugepages-2Mi', 'kubernetes.io/batteries'])
      assert.ok(!isExtendedResource(native), native);
  });

  it('reads image tags', () => {
    assert.equal(imageTag('example.com/a/b'), undefined);
    assert.equal(imageTag('registry:5000/a/b'), undefined);
    assert.equal(imageTag('registry:5000/a/b:1.2'), '1.2');
    assert.equal(imageTag('a@sha256:00'), 'digest');
  });
});

describe('MLproject command templates', () => {
  it('finds fields, skips doubled braces, and flags stray ones', () => {
    const t = parseCommandTemplate('run {x} {{literal}} {z!r:>{w}} }');
    assert.deepEqual(
      t.fields.map((f) => f.name),
      ['x', 'z'],
    );
    assert.deepEqual(t.strayBraces, [31]);
    assert.deepEqual(parseCommandTemplate('open {never').strayBraces, [5]);
  });
});

describe('DVC interpolation', () => {
  it('reads paths, escapes and non-paths', () => {
    const [a, b] = findInterpolations('x ${ a.b[0].c } \\${skip} ${a + b}');
    assert.deepEqual(a?.path, ['a', 'b', 0, 'c']);
    assert.equal(a?.expression, 'a.b[0].c');
    assert.equal(b?.path, undefined);
    assert.equal(findInterpolations('\\${HOME}').length, 0);
  });

  it('resolves text as DVC writes it', () => {
    assert.equal(resolveText('data/${item}.csv', { item: 'a' }), 'data/a.csv');
    assert.equal(resolveText('--flag ${on} ${n}', { on: true, n: 0.5 }), '--flag true 0.5');
    assert.equal(resolveText('${missing}', {}), undefined);
    assert.equal(resolveText('echo \\${HOME}', {}), 'echo ${HOME}');
  });

  it('turns templated outputs into patterns over absolute paths', () => {
    const p = templatePattern('data/${item}.csv');
    assert.ok(p.test('/repo/data/a.csv'));
    assert.ok(!p.test('/repo/data/a.tsv'));
  });
});

/** Protobuf bytes: a key and a length-delimited payload, or a varint. */
function varint(n: number): number[] {
  const out: number[] = [];
  let v = n;
  while (v >= 0x80) {
    out.push((v % 0x80) | 0x80);
    v = Math.floor(v / 0x80);
  }
  out.push(v);
  return out;
}
const bytesField = (field: number, payload: number[]): number[] => [
  ...varint(field * 8 + 2),
  ...varint(payload.length),
  ...payload,
];
const varintField = (field: number, value: number): number[] => [...varint(field * 8), ...varint(value)];
const str = (s: string): number[] => [...Buffer.from(s, 'utf8')];

describe('ONNX inputs', () => {
  it('reads the example model', () => {
    assert.deepEqual(readOnnxInputs(path.join(EXAMPLES, 'model', 'model.onnx')), [
      { name: 'float_input', elemType: 1, shape: ['N', 4] },
    ]);
  });

  it('leaves out weights listed as inputs (old IR versions) and survives junk', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'preflight-onnx-'));
    try {
      const tensorType = (elem: number, dims: number[]): number[] =>
        bytesField(
          2,
          bytesField(1, [
            ...varintField(1, elem),
            ...bytesField(
              2,
              dims.flatMap((d) => bytesField(1, varintField(1, d))),
            ),
          ]),
        );
      const input = (name: string, elem: number, dims: number[]): number[] =>
        bytesField(11, [...bytesField(1, str(name)), ...tensorType(elem, dims)]);
      const initializer = bytesField(5, [
        ...varintField(1, 3),
        ...bytesField(4, [0, 0, 128, 63]),
        ...bytesField(8, str('w')),
      ]);
      const graph = bytesField(7, [
        ...bytesField(1, str('node')),
        ...initializer,
        ...input('x', 7, [2, 3]),
        ...input('w', 1, [3]),
      ]);
      const model = Buffer.from([...varintField(1, 3), ...bytesField(2, str('test')), ...graph]);
      const file = path.join(dir, 'model.onnx');
      fs.writeFileSync(file, model);
      assert.deepEqual(readOnnxInputs(file), [{ name: 'x', elemType: 7, shape: [2, 3] }]);
      fs.writeFileSync(file, model.subarray(0, model.length - 5));
      assert.equal(readOnnxInputs(file), undefined);
      fs.writeFileSync(file, 'version https://git-lfs.github.com/spec/v1\noid sha256:00\nsize 2474\n');
      assert.equal(readOnnxInputs(file), undefined);
      assert.equal(readOnnxInputs(path.join(dir, 'absent.onnx')), undefined);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('MLmodel signatures', () => {
  it('accepts what MLflow writes', () => {
    const columns = parseSignaturePart(
      '[{"type": "double", "name": "a", "required": true}, {"type": "array", "items": {"type": "string"}, "name": "b"}]',
      'inputs',
    );
    assert.deepEqual(columns.problems, []);
    const tensors = parseSignaturePart(
      '[{"type": "tensor", "tensor-spec": {"dtype": "<U10", "shape": [-1]}}]',
      'inputs',
    );
    assert.deepEqual(tensors.problems, []);
  });

  it('names numpy spellings of column types', () => {
    assert.match(
      parseSignaturePart('[{"type": "int64", "name": "a"}]', 'inputs').problems[0] ?? '',
      /Did you mean 'long'/,
    );
  });
});

describe('cross-file DVC checks', () => {
  it('clear a dvc.yaml finding when params.yaml is fixed, without reparsing dvc.yaml', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'preflight-dvc-'));
    try {
      fs.mkdirSync(path.join(dir, '.dvc'));
      fs.writeFileSync(path.join(dir, 'train.py'), '');
      const dvcText =
        'stages:\n  train:\n    cmd: python train.py --lr ${train.lr}\n    deps: [train.py, data.csv]\n    params: [train.lr]\n';
      const dvcFile = path.join(dir, 'dvc.yaml');
      fs.writeFileSync(dvcFile, dvcText);
      fs.writeFileSync(path.join(dir, 'params.yaml'), 'train:\n  epochs: 3\n');
      const parsed = parseYaml(dvcText);
      const rules = (): string[] =>
        checkText({ path: dvcFile, text: dvcText, kind: 'dvc-pipeline', parsed })
          .findings.map((f) => f.rule)
          .sort();
      assert.deepEqual(rules(), ['dvc-missing-dep', 'dvc-missing-param', 'dvc-undefined-variable']);
      fs.writeFileSync(path.join(dir, 'params.yaml'), 'train:\n  epochs: 3\n  lr: 0.01\n');
      fs.writeFileSync(path.join(dir, 'data.csv'), 'a,b\n');
      assert.deepEqual(rules(), []);
      // The same text outside a DVC project (an unsaved buffer, a loose copy) says nothing about its neighbours.
      const loose = checkText({
        path: path.join(os.tmpdir(), 'no-such-folder', 'dvc.yaml'),
        text: dvcText,
        kind: 'dvc-pipeline',
      });
      assert.deepEqual(loose.findings, []);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
