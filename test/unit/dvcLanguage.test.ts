// Editor features for dvc.yaml against a DVC project on disk: completion of params keys, stage outputs and `${}` names,
// go to definition into params.yaml, vars and other stages' outputs, and the stage hover.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Position } from '../../server/src/engine/findings';
import { completeAt, type CompletionEntry } from '../../server/src/engine/language/completion';
import { definitionAt } from '../../server/src/engine/language/definition';
import { hoverAt } from '../../server/src/engine/language/hover';

const PARAMS = `prepare:
  split: 0.2
  seed: 42
train:
  lr: 0.01
  epochs: 10
  model.name: resnet
`;

const DVC = `vars:
  - out_dir: data/out
  - extra.yaml
stages:
  prepare:
    cmd: python prepare.py --split \${prepare.split}
    deps:
      - prepare.py
      - data/raw.csv
    params:
      - prepare.split
    outs:
      - data/prepared
  train:
    cmd: python train.py --lr \${train.lr} --out \${out_dir}
    deps:
      - data/prepared
      - train.py
    params:
      - train.lr
      - train.model.name
      - other.yaml:
          - batch
    outs:
      - \${out_dir}/model.pkl
  evaluate:
    cmd: python eval.py --threshold \${threshold}
    deps:
      - data/out/model.pkl
    metrics:
      - metrics.json:
          cache: false
`;

/** Position of the `occurrence`-th `needle` in `text`, `shift` characters into it. */
function positionOf(text: string, needle: string, shift = 0, occurrence = 1): Position {
  let index = -1;
  for (let i = 0; i < occurrence; i++) index = text.indexOf(needle, index + 1);
  assert.ok(index !== -1, `'${needle}' not in text`);
  const before = text.slice(0, index + shift).split('\n');
  return { line: before.length - 1, character: before[before.length - 1]?.length ?? 0 };
}

/** The text with `insert` placed after the line holding `anchor`, and the position at the end of the inserted line. */
function withLine(anchor: string, insert: string): { text: string; position: Position } {
  const lines = DVC.split('\n');
  const at = lines.findIndex((l) => l.includes(anchor));
  assert.ok(at !== -1, anchor);
  lines.splice(at + 1, 0, insert);
  return { text: lines.join('\n'), position: { line: at + 1, character: insert.length } };
}

describe('dvc.yaml editor features', () => {
  let dir = '';
  let dvcFile = '';
  const complete = (text: string, position: Position, file: string | undefined = dvcFile): CompletionEntry[] =>
    completeAt({ text, kind: 'dvc-pipeline', path: file }, position);
  const labels = (text: string, position: Position, file?: string): string[] =>
    complete(text, position, file).map((c) => c.label);

  before(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'preflight-dvc-language-'));
    fs.mkdirSync(path.join(dir, '.dvc'));
    fs.writeFileSync(path.join(dir, 'params.yaml'), PARAMS);
    fs.writeFileSync(path.join(dir, 'other.yaml'), 'batch: 32\nworkers: 4\n');
    fs.writeFileSync(path.join(dir, 'extra.yaml'), 'threshold: 0.5\n');
    fs.writeFileSync(path.join(dir, 'prepare.py'), '');
    dvcFile = path.join(dir, 'dvc.yaml');
    fs.writeFileSync(dvcFile, DVC);
  });
  after(() => {
    fs.rmSync(dir, { recursive: true, force: true });
  });

  describe('completion', () => {
    it('offers the keys of params.yaml under params:, with values, leaving out keys already listed', () => {
      const { text, position } = withLine('- train.model.name', '      - ');
      const entries = complete(text, position);
      const byLabel = new Map(entries.map((e) => [e.label, e.detail]));
      assert.equal(byLabel.get('train.epochs'), '10');
      assert.equal(byLabel.get('prepare.seed'), '42');
      assert.equal(byLabel.get('train'), '{3 keys}');
      assert.ok(!byLabel.has('train.lr') && !byLabel.has('train.model.name'), 'listed already');
    });

    it('offers the keys of a named params file under its entry, and in a flow list', () => {
      const named = withLine('          - batch', '          - w');
      assert.deepEqual(labels(named.text, named.position), ['workers']);
      const flow = DVC.replace('    params:\n      - prepare.split\n', '    params: [prepare.split, \n');
      assert.ok(labels(flow, positionOf(flow, '[prepare.split, ', '[prepare.split, '.length)).includes('train.lr'));
    });

    it('offers names inside ${}: params.yaml and vars at the top, keys under a typed path', () => {
      const text = DVC.replace('--lr ${train.lr}', '--lr ${');
      const top = labels(text, positionOf(text, '--lr ${', '--lr ${'.length));
      for (const name of ['prepare', 'train', 'out_dir', 'threshold'])
        assert.ok(top.includes(name), `${name} in ${top.join(',')}`);
      const nested = DVC.replace('--lr ${train.lr}', '--lr ${train.');
      assert.deepEqual(labels(nested, positionOf(nested, '${train.', '${train.'.length)).sort(), [
        'epochs',
        'lr',
        'model.name',
      ]);
    });

    it('offers the outputs of other stages under deps:, resolved, and never stage names', () => {
      const { text, position } = withLine('      - train.py', '      - ');
      const offered = complete(text, position);
      assert.deepEqual(offered.map((c) => c.label).sort(), ['metrics.json']);
      assert.equal(offered[0]?.detail, "output of stage 'evaluate'");
      const evaluate = withLine('      - data/out/model.pkl', '      - ');
      assert.deepEqual(labels(evaluate.text, evaluate.position).sort(), ['data/prepared']);
    });

    it('replaces what is typed of the item, slashes included, which the editor would not take for one word', () => {
      const typed = withLine('      - data/out/model.pkl', '      - data/pr');
      const [entry] = complete(typed.text, typed.position);
      assert.equal(entry?.label, 'data/prepared');
      assert.deepEqual(entry?.replace, { start: { line: typed.position.line, character: 8 }, end: typed.position });
      const nested = DVC.replace('--lr ${train.lr}', '--lr ${train.ep');
      const end = positionOf(nested, '${train.ep', '${train.ep'.length);
      const replaced = complete(nested, end).find((c) => c.label === 'epochs');
      assert.deepEqual(replaced?.replace, { start: { line: end.line, character: end.character - 2 }, end });
    });

    it('works on an untitled document from the text alone, and falls back to schema keys elsewhere', () => {
      const { text, position } = withLine('      - train.py', '      - ');
      assert.deepEqual(labels(text, position, undefined), ['metrics.json']);
      const key = withLine('    cmd: python eval.py', '    ');
      assert.ok(labels(key.text, key.position).includes('frozen'));
    });
  });

  describe('go to definition', () => {
    const define = (text: string, position: Position): ReturnType<typeof definitionAt> =>
      definitionAt({ path: dvcFile, text, kind: 'dvc-pipeline' }, position);

    it('opens params.yaml at a params: key, dotted keys included', () => {
      const lr = define(DVC, positionOf(DVC, '- train.lr', 4));
      assert.equal(lr?.path, path.join(dir, 'params.yaml'));
      assert.deepEqual(lr?.range, { start: { line: 4, character: 2 }, end: { line: 4, character: 4 } });
      assert.deepEqual(lr?.originRange, {
        start: positionOf(DVC, 'train.lr', 0, 2),
        end: positionOf(DVC, 'train.lr', 8, 2),
      });
      const dotted = define(DVC, positionOf(DVC, '- train.model.name', 4));
      assert.equal(dotted?.range.start.line, 6);
      const named = define(DVC, positionOf(DVC, '- batch', 3));
      assert.equal(named?.path, path.join(dir, 'other.yaml'));
      assert.equal(named?.range.start.line, 0);
    });

    it('jumps from a dep to the outs entry of the stage that writes it, through ${} in the output', () => {
      const prepared = define(DVC, positionOf(DVC, 'data/prepared', 3, 2));
      assert.equal(prepared?.path, undefined);
      assert.deepEqual(prepared?.range.start, positionOf(DVC, 'data/prepared', 0, 1));
      const model = define(DVC, positionOf(DVC, 'data/out/model.pkl', 3));
      assert.deepEqual(model?.range.start, positionOf(DVC, '${out_dir}/model.pkl'));
      const script = define(DVC, positionOf(DVC, '- prepare.py', 3));
      assert.equal(script?.path, path.join(dir, 'prepare.py'));
    });

    it('goes from ${} to params.yaml, inline vars and vars files, by the segment under the cursor', () => {
      const lr = define(DVC, positionOf(DVC, '${train.lr}', 8));
      assert.equal(lr?.path, path.join(dir, 'params.yaml'));
      assert.equal(lr?.range.start.line, 4);
      const section = define(DVC, positionOf(DVC, '${train.lr}', 3));
      assert.equal(section?.range.start.line, 3);
      const inline = define(DVC, positionOf(DVC, '${out_dir}', 3));
      assert.equal(inline?.path, undefined);
      assert.deepEqual(inline?.range.start, positionOf(DVC, 'out_dir: data/out'));
      const fromFile = define(DVC, positionOf(DVC, '${threshold}', 3));
      assert.equal(fromFile?.path, path.join(dir, 'extra.yaml'));
    });
  });

  describe('hover', () => {
    it("shows a stage's command, inputs, outputs, params and neighbours", () => {
      const hover = hoverAt({ text: DVC, kind: 'dvc-pipeline', path: dvcFile }, positionOf(DVC, '  train:', 3));
      const text = hover?.markdown ?? '';
      assert.match(text, /\*\*stage `train`\*\*/);
      assert.match(text, /python train\.py --lr \$\{train\.lr\}/);
      assert.match(text, /\*\*Inputs:\*\* `data\/prepared`, `train\.py`/);
      assert.match(text, /\*\*Outputs:\*\* `\$\{out_dir\}\/model\.pkl`/);
      assert.match(text, /`train\.lr` = 0\.01/);
      assert.match(text, /`batch` = 32 \(other\.yaml\)/);
      assert.match(text, /\*\*Fed by:\*\* `prepare` · \*\*Consumed by:\*\* `evaluate`/);
    });

    it('shows values of params keys and ${} names, and keeps schema docs for other keys', () => {
      const value = hoverAt({ text: DVC, kind: 'dvc-pipeline', path: dvcFile }, positionOf(DVC, '${threshold}', 4));
      assert.equal(value?.markdown, '`${threshold}` = 0.5 (from vars)');
      const key = hoverAt({ text: DVC, kind: 'dvc-pipeline', path: dvcFile }, positionOf(DVC, '- prepare.split', 4));
      assert.equal(key?.markdown, '`prepare.split` = 0.2 in `params.yaml`');
      const docs = hoverAt({ text: DVC, kind: 'dvc-pipeline', path: dvcFile }, positionOf(DVC, 'metrics:', 1));
      assert.match(docs?.markdown ?? '', /Metrics files/);
    });
  });
});
