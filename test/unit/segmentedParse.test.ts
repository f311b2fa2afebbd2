// The segmented parse (engine/yaml/segmentedParse.ts) against the reference, yaml's whole-file parse of the same text:
// on every committed YAML file, on seeded mutations of them (broken indentation, stray quotes and brackets, repeated
// and deleted lines), and on constructed cases. Wherever the segmented path gives an answer, the whole-file parse must
// have no error and the same nodes; after an edit, only the changed segments may be parsed again.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { describe, it } from 'node:test';
import { isMap, isPair, isScalar, isSeq, type Document } from 'yaml';
import { parseWhole } from '../../server/src/engine/yaml/parsedYaml';
import { SegmentCache } from '../../server/src/engine/yaml/segmentCache';
import { parseSegmented } from '../../server/src/engine/yaml/segmentedParse';
import { GITLAB_YAML_OPTIONS } from '../../server/src/engine/kinds/gitlabCi';
import { YAML_PARSE_OPTIONS, type YamlParseOptions } from '../../server/src/engine/yaml/yamlParseOptions';
import { EXAMPLES, FIXTURES } from '../support/paths';
import { mutate, random, yamlFiles } from '../support/yamlMutations';

/** Everything the engine reads from nodes: class, value, scalar type, tag, anchor, flow, and range[0..1], recursively. */
function shape(node: unknown): unknown {
  if (node === null || node === undefined) return node;
  if (isPair(node)) return { key: shape(node.key), value: shape(node.value) };
  const n = node as {
    constructor: { name: string };
    range?: number[];
    tag?: string;
    anchor?: string;
    flow?: boolean;
    type?: string;
    source?: unknown;
  };
  const out: Record<string, unknown> = {
    class: n.constructor.name,
    range: n.range?.slice(0, 2),
    tag: n.tag,
    anchor: n.anchor,
    flow: n.flow,
    type: n.type,
  };
  if (isScalar(node)) out['value'] = typeof node.value === 'bigint' ? `${node.value}n` : node.value;
  else if (!isMap(node) && !isSeq(node)) out['source'] = n.source; // an alias
  if (isMap(node) || isSeq(node)) out['items'] = node.items.map(shape);
  return out;
}

function documentShape(doc: Document.Parsed): unknown {
  return {
    contents: shape(doc.contents),
    errors: doc.errors.length,
    warnings: doc.warnings.length,
    data: plainData(doc),
  };
}

/** The document as plain data, or the error converting it gives (an alias used before its anchor throws here, not in the parse). */
function plainData(doc: Document.Parsed): string {
  try {
    return JSON.stringify(doc.toJS());
  } catch (error) {
    return `throws: ${error instanceof Error ? error.message : String(error)}`;
  }
}

/** Checks one text; returns whether the segmented path answered (so callers can require that it often does). */
const OPTIONS = YAML_PARSE_OPTIONS;

function assertAgrees(text: string, cache: SegmentCache, label: string, options: YamlParseOptions = OPTIONS): boolean {
  const segmented = parseSegmented(text, cache, options);
  if (segmented === undefined) return false;
  const whole = parseWhole(text, options);
  assert.equal(whole.length, 1, `${label}: segmented answered for a text with ${whole.length} documents`);
  const [reference] = whole;
  assert.ok(reference);
  assert.deepEqual(
    reference.errors.map((e) => e.message),
    [],
    `${label}: segmented answered but the whole parse has errors`,
  );
  assert.deepEqual(documentShape(segmented), documentShape(reference), label);
  return true;
}

/** A dvc.yaml of `stages` stages, in the shape of bench/dvcStages.mjs. */
function pipeline(stages: number, change?: { stage: number; text: string }): string {
  const lines = ['vars:', '  - out_dir: data/stages', 'stages:'];
  for (let i = 0; i < stages; i++) {
    lines.push(
      `  stage${i}:`,
      `    cmd: python step.py --lr \${train.lr} ${change?.stage === i ? change.text : ''}`,
      '    deps:',
      `      - data/s${i}.csv`,
      '    outs:',
      `      - data/s${i + 1}.csv`,
      '    # a comment inside a stage',
      '',
    );
  }
  return `${lines.join('\n')}\n`;
}

describe('segmented YAML parse', () => {
  const files = [...yamlFiles(FIXTURES), ...yamlFiles(EXAMPLES)];

  it('gives the nodes of the whole-file parse for every committed YAML file it accepts', () => {
    const cache = new SegmentCache(1_000_000);
    const answered = files.filter((f) => assertAgrees(fs.readFileSync(f, 'utf8'), cache, f));
    // Most files are block mappings without directives; the fixtures with deliberate syntax errors are not.
    assert.ok(answered.length >= files.length * 0.6, `answered ${answered.length} of ${files.length}`);
  });

  it('never answers differently from the whole-file parse on mutated files (and never hides an error)', () => {
    const cache = new SegmentCache(1_000_000);
    const next = random(4);
    let answered = 0;
    let tried = 0;
    for (const file of files) {
      const text = fs.readFileSync(file, 'utf8');
      for (let i = 0; i < 25; i++) {
        tried++;
        if (assertAgrees(mutate(text, next), cache, `${file} mutation ${i}`)) answered++;
      }
    }
    assert.ok(answered > tried / 3 && answered < tried, `answered ${answered} of ${tried} mutations`);
  });

  it('splits a large stages mapping and parses again only the stage that changed', () => {
    const cache = new SegmentCache(1_000_000);
    assert.ok(assertAgrees(pipeline(200), cache, 'pipeline'));
    const parsedBefore = cache.size;
    // 200 stages, the `vars` entry and the `stages:` key line: one segment each.
    assert.equal(parsedBefore, 202);
    assert.ok(assertAgrees(pipeline(200, { stage: 120, text: '--epochs 3' }), cache, 'edited pipeline'));
    assert.equal(cache.size, parsedBefore + 1);
    // A comment added at the top changes the first segment only; everything after it moves, and ranges follow.
    assert.ok(assertAgrees(`# edited\n${pipeline(200, { stage: 120, text: '--epochs 3' })}`, cache, 'comment on top'));
    assert.equal(cache.size, parsedBefore + 2);
  });

  it("parses GitLab files with GitLab's options: `!reference` stays a tagged sequence in every segment", () => {
    const gitlab = GITLAB_YAML_OPTIONS;
    const jobs = Array.from(
      { length: 30 },
      (_, i) => `job${i}:\n  script:\n    - !reference [.setup, script]\n    - make test${i}\n`,
    );
    const text = `.setup:\n  script:\n    - pip install -r requirements.txt\n${jobs.join('')}`;
    assert.ok(assertAgrees(text, new SegmentCache(1_000_000), 'gitlab', gitlab));
    const doc = parseSegmented(text, new SegmentCache(1_000_000), gitlab);
    assert.ok(doc && isMap(doc.contents));
    const script = doc.contents.items[5]?.value;
    const reference = isMap(script) ? script.items[0]?.value : undefined;
    assert.ok(isSeq(reference));
    const first = reference.items[0];
    assert.ok(isSeq(first));
    assert.equal(first.tag, '!reference');
    assert.deepEqual(first.toJSON(), ['.setup', 'script']);
    // Other kinds do not know the tag: the parser warns, so the segmented path leaves the file to the whole parse.
    assert.equal(parseSegmented(text, new SegmentCache(1_000_000), OPTIONS), undefined);
  });

  it('hands out fresh nodes: two parses of one text share no node, so a caller cannot disturb another', () => {
    const cache = new SegmentCache(1_000_000);
    const text = pipeline(20);
    const first = parseSegmented(text, cache, OPTIONS);
    const second = parseSegmented(text, cache, OPTIONS);
    assert.ok(first && second && isMap(first.contents) && isMap(second.contents));
    const stagesA = first.contents.items[1]?.value;
    const stagesB = second.contents.items[1]?.value;
    assert.ok(isMap(stagesA) && isMap(stagesB));
    assert.notEqual(stagesA.items[5], stagesB.items[5]);
    assert.notEqual(stagesA.items[5]?.value, stagesB.items[5]?.value);
  });

  it('leaves to the whole-file parse what it cannot split safely', () => {
    const cache = new SegmentCache(1_000_000);
    const cases: Record<string, string> = {
      'a key repeated across segments': `${pipeline(3)}vars: []\n`,
      'a stage repeated across segments': pipeline(3).replace('stage2:', 'stage0:'),
      'Windows line ends': 'a: 1\r\nb: 2\r\n',
      'a document marker': '---\na: 1\n',
      'a document end marker': 'a: 1\n...\n',
      'a directive': '%YAML 1.2\n---\na: 1\n',
      'a root sequence': '- a\n- b\n',
      'an unknown tag': 'a: !custom 1\nb: 2\n',
      'a key named like the frame': 'a: 1\n__preflight_before__: 2\n',
      'a multi-line flow sequence that leaves its block': 'a: [1,\n2]\nb: 1\n',
    };
    for (const [what, text] of Object.entries(cases))
      assert.equal(parseSegmented(text, cache, OPTIONS), undefined, what);
    // Aliases resolve against the whole document when read, so one in another segment than its anchor reads the same,
    // and one before its anchor fails the same way.
    assert.ok(assertAgrees('a:\n  x: &x 1\n  y: *x\nb: 2\n', cache, 'alias within a segment'));
    assert.ok(assertAgrees('a: &x 1\nb: *x\n', cache, 'alias to an anchor in an earlier segment'));
    assert.ok(assertAgrees('a: *x\nb: &x 1\n', cache, 'alias before its anchor'));
  });
});
