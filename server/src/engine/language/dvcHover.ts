// Hover in dvc.yaml: on a stage's name, what it runs, reads and writes, and which stages feed it and consume it (the
// graph `dvc dag` would draw); on a `params:` key or a `${}` name, its value.
import { lookupPath } from '../dvc/paramsData';
import type { StageDef } from '../dvc/dvcModel';
import { expressionsSpan } from '../dvc/interpolationSpans';
import { formatPath } from '../dvc/interpolation';
import { OutputIndex, type PipelineGraph } from '../dvc/pipelineGraph';
import type { Position } from '../findings';
import { isScalar, isSeq, nodeRange, scalarText, type Node, type Scalar } from '../yaml/nodes';
import type { ParsedYaml } from '../yaml/parsedYaml';
import type { HoverInfo } from './hover';
import {
  dottedEntries,
  dvcDocument,
  graphOf,
  paramsData,
  paramsFileOf,
  preview,
  scopeAt,
  sourceOf,
  stageAtOffset,
  type DvcDocument,
} from './dvcLanguage';
import { nodeAt } from './yamlPaths';

/** Long lists are cut here: a hover is read at a glance. */
const LIST_LIMIT = 12;

function codeList(items: readonly string[]): string {
  const shown = items
    .slice(0, LIST_LIMIT)
    .map((i) => `\`${i}\``)
    .join(', ');
  return items.length > LIST_LIMIT ? `${shown} and ${items.length - LIST_LIMIT} more` : shown;
}

function unique(names: Iterable<string>): string[] {
  return [...new Set(names)];
}

function commandOf(cmd: Node | null | undefined): string | undefined {
  if (isSeq(cmd)) return (cmd.items as Node[]).map((c) => scalarText(c) ?? '').join('\n');
  return scalarText(cmd);
}

/** Stages whose outputs this stage reads, and stages that read its outputs. */
function neighbours(graph: PipelineGraph, stage: StageDef): { feeds: string[]; consumers: string[] } {
  const others = new OutputIndex(graph.outs.filter((o) => o.stage !== stage));
  const own = new OutputIndex(graph.outs.filter((o) => o.stage === stage));
  const feeds = graph.deps
    .filter((d) => d.stage === stage)
    .flatMap((d) => others.overlapping(d.path).map((o) => o.stage.name));
  const consumers = graph.deps
    .filter((d) => d.stage !== stage && own.overlapping(d.path).length > 0)
    .map((d) => d.stage.name);
  return { feeds: unique(feeds), consumers: unique(consumers) };
}

function paramsLine(doc: DvcDocument, stage: StageDef): string | undefined {
  const parts = stage.params.flatMap((entry) => {
    const fileName = entry.file?.text;
    const values = new Map(dottedEntries(paramsData(paramsFileOf(doc, stage, fileName))).map((e) => [e.key, e.value]));
    const suffix = fileName === undefined ? '' : ` (${fileName})`;
    if (entry.allKeys) return [`all of \`${fileName ?? 'params.yaml'}\``];
    return entry.keys.map(
      (k) => `\`${k.text}\`${values.has(k.text) ? ` = ${preview(values.get(k.text))}` : ''}${suffix}`,
    );
  });
  if (parts.length === 0) return undefined;
  const shown = parts.slice(0, LIST_LIMIT).join(', ');
  return `**Params:** ${parts.length > LIST_LIMIT ? `${shown} and ${parts.length - LIST_LIMIT} more` : shown}`;
}

function stageSummary(doc: DvcDocument, stage: StageDef): string {
  const form = stage.form === 'plain' ? '' : ` (${stage.form}: one stage per element, \`${stage.name}@…\`)`;
  const cmd = commandOf(stage.cmd);
  const graph = graphOf(doc);
  const { feeds, consumers } = graph ? neighbours(graph, stage) : { feeds: [], consumers: [] };
  return [
    `**stage \`${stage.name}\`**${form}${stage.frozen ? ' — frozen: `dvc repro` skips it' : ''}`,
    cmd === undefined ? '_no `cmd`_' : `\`\`\`sh\n${cmd}\n\`\`\``,
    `**Inputs:** ${stage.deps.length > 0 ? codeList(stage.deps.map((d) => d.text)) : 'none'}`,
    `**Outputs:** ${stage.outs.length > 0 ? codeList(stage.outs.map((o) => o.text)) : 'none'}`,
    paramsLine(doc, stage),
    `**Fed by:** ${feeds.length > 0 ? codeList(feeds) : 'no stage'} · **Consumed by:** ${consumers.length > 0 ? codeList(consumers) : 'no stage'}`,
  ]
    .filter((line) => line !== undefined)
    .join('\n\n');
}

/** The value of a `params:` key, or of the `${}` name under the cursor. */
function valueHover(doc: DvcDocument, node: Scalar, offset: number): HoverInfo | undefined {
  const stage = stageAtOffset(doc, offset);
  if (typeof node.value === 'string' && node.value.includes('${')) {
    const placed = expressionsSpan(doc.yaml.text, node).find((p) => offset >= p.span.start && offset <= p.span.end);
    const name = placed?.interpolation.path;
    if (!placed || !name) return undefined;
    const hit = lookupPath(scopeAt(doc, stage), name);
    const head = String(name[0]);
    const text = hit.found
      ? `= ${preview(hit.value)} (from ${sourceOf(head, paramsData(paramsFileOf(doc, undefined)), stage)})`
      : 'not defined here';
    return {
      markdown: `\`\${${formatPath(name)}}\` ${text}`,
      range: doc.yaml.lines.range(placed.span.start, placed.span.end),
    };
  }
  for (const entry of stage?.params ?? []) {
    const key = entry.keys.find((k) => k.node === node);
    if (!key) continue;
    const fileName = entry.file?.text ?? 'params.yaml';
    const found = dottedEntries(paramsData(paramsFileOf(doc, stage, fileName))).find((e) => e.key === key.text);
    const text = found ? `= ${preview(found.value)}` : 'not found';
    return { markdown: `\`${key.text}\` ${text} in \`${fileName}\``, range: nodeRange(doc.yaml.lines, node) };
  }
  return undefined;
}

/** Hover for a DVC-specific place, or undefined to let the schema's key docs answer. */
export function dvcHoverAt(yaml: ParsedYaml, position: Position, filePath: string | undefined): HoverInfo | undefined {
  const root = yaml.documents[0];
  if (!root) return undefined;
  const offset = yaml.lines.offsetAt(position);
  const at = nodeAt(root, offset);
  if (!at) return undefined;
  const doc = dvcDocument(yaml, filePath);
  if (at.onKey && at.path.length === 2 && at.path[0] === 'stages') {
    const stage = doc.model?.stages.find((s) => s.keyNode === at.node);
    return stage ? { markdown: stageSummary(doc, stage), range: nodeRange(yaml.lines, at.node) } : undefined;
  }
  return isScalar(at.node) ? valueHover(doc, at.node, offset) : undefined;
}
