// The edits behind the insights' suggestions, as Fixes on the workflow text: drop one `needs` entry, turn on the setup
// action's dependency cache, add a `concurrency` block. Each edit touches only the lines it must, keeps the file's
// indentation, and is re-validated by the suggestion gate before it is offered (see suggestions.ts).
import type { Fix, TextEdit } from '../findings';
import type { JobModel, StepModel, WorkflowModel } from '../github/workflowModel';
import type { LineIndex } from '../../../../shared/lineIndex';
import { getEntry, isMap, isScalar, isSeq, scalarText, type Node } from '../yaml/nodes';

export interface WorkflowText {
  readonly text: string;
  readonly lines: LineIndex;
}

const startOf = (node: Node | null | undefined): number | undefined => node?.range?.[0];
const endOf = (node: Node | null | undefined): number | undefined => node?.range?.[1];

function lineStartOffset(doc: WorkflowText, offset: number): number {
  const line = doc.lines.positionAt(offset).line;
  return doc.lines.offsetAt({ line, character: 0 });
}

/** Offset of the start of the line after the one holding `offset` (or the end of the text). */
function nextLineOffset(doc: WorkflowText, offset: number): number {
  const line = doc.lines.positionAt(Math.max(0, offset - 1)).line;
  return line + 1 < doc.lines.lineCount ? doc.lines.offsetAt({ line: line + 1, character: 0 }) : doc.text.length;
}

function replace(doc: WorkflowText, start: number, end: number, newText: string): TextEdit {
  return { range: doc.lines.range(start, end), newText };
}

/** Inserts whole lines after the line holding `offset`; `block` ends with a newline. */
function insertLinesAfter(doc: WorkflowText, offset: number, block: string): TextEdit {
  const at = nextLineOffset(doc, offset);
  const needsBreak = at === doc.text.length && doc.text.length > 0 && !doc.text.endsWith('\n');
  return replace(doc, at, at, needsBreak ? `\n${block.replace(/\n$/, '')}` : block);
}

/** The whole lines from the one holding `start` through the one holding `end`. */
function deleteLines(doc: WorkflowText, start: number, end: number): TextEdit {
  return replace(doc, lineStartOffset(doc, start), nextLineOffset(doc, end), '');
}

const column = (doc: WorkflowText, node: Node | null | undefined): number =>
  doc.lines.positionAt(startOf(node) ?? 0).character;

/** Removes `needed` from the job's `needs`, deleting the key when it was the only entry. */
export function removeNeedsFix(doc: WorkflowText, job: JobModel, needed: string): Fix | undefined {
  const entry = getEntry(job.node, 'needs');
  const keyStart = startOf(entry?.keyNode);
  const value = entry?.value;
  const valueEnd = endOf(value);
  if (!entry || keyStart === undefined || valueEnd === undefined) return undefined;
  const title = `Let '${job.id}' start without waiting for '${needed}'`;
  const remaining = job.needs.filter((n) => n.name !== needed);
  if (remaining.length === job.needs.length) return undefined;
  if (remaining.length === 0) return { title, edits: [deleteLines(doc, keyStart, valueEnd)], confidence: 'default' };
  if (!isSeq(value)) return undefined;
  if (value.flow === true) {
    const start = startOf(value);
    if (start === undefined) return undefined;
    return {
      title,
      edits: [replace(doc, start, valueEnd, `[${remaining.map((n) => n.name).join(', ')}]`)],
      confidence: 'default',
    };
  }
  const item = job.needs.find((n) => n.name === needed)?.node;
  const itemStart = startOf(item);
  const itemEnd = endOf(item);
  if (itemStart === undefined || itemEnd === undefined) return undefined;
  // Only a `- name` line on its own is deleted whole; anything else sharing the line means the layout is unusual.
  const line = doc.lines.positionAt(itemStart).line;
  if (!/^\s*-\s*\S+\s*(#.*)?$/.test(doc.lines.lineText(line))) return undefined;
  return { title, edits: [deleteLines(doc, itemStart, itemEnd)], confidence: 'default' };
}

/** `with: cache: <manager>` on a setup-python/setup-node step (which then caches the package manager's downloads). */
export function enableSetupCacheFix(doc: WorkflowText, step: StepModel, manager: string): Fix | undefined {
  const uses = step.uses;
  if (!uses) return undefined;
  const title = `Cache ${manager} downloads with ${uses.name.split('@')[0] ?? uses.name}'s cache input`;
  const withEntry = getEntry(step.node, 'with');
  if (withEntry) {
    if (!isMap(withEntry.value) || withEntry.value.flow === true) return undefined;
    const last = withEntry.value.items.at(-1);
    const lastEnd = endOf((last?.value ?? last?.key) as Node | null | undefined);
    const firstKey = withEntry.value.items[0]?.key as Node | undefined;
    if (lastEnd === undefined || !firstKey) return undefined;
    return {
      title,
      edits: [insertLinesAfter(doc, lastEnd, `${' '.repeat(column(doc, firstKey))}cache: ${manager}\n`)],
      confidence: 'default',
    };
  }
  const usesKey = step.node.items.find((p) => scalarText(p.key as Node) === 'uses')?.key as Node | undefined;
  const usesEnd = endOf(uses.node);
  if (!usesKey || usesEnd === undefined) return undefined;
  const indent = ' '.repeat(column(doc, usesKey));
  return {
    title,
    edits: [insertLinesAfter(doc, usesEnd, `${indent}with:\n${indent}  cache: ${manager}\n`)],
    confidence: 'default',
  };
}

/** A workflow-level `concurrency` that cancels a run when a newer one starts for the same ref. */
export function addConcurrencyFix(doc: WorkflowText, model: WorkflowModel): Fix | undefined {
  const jobsKey = model.root.items.find((p) => scalarText(p.key as Node) === 'jobs')?.key as Node | undefined;
  const at = startOf(jobsKey);
  if (at === undefined || !isScalar(jobsKey) || column(doc, jobsKey) !== 0) return undefined;
  const start = lineStartOffset(doc, at);
  const block = 'concurrency:\n  group: ${{ github.workflow }}-${{ github.ref }}\n  cancel-in-progress: true\n\n';
  return {
    title: 'Cancel superseded runs: add a concurrency group with cancel-in-progress',
    edits: [replace(doc, start, start, block)],
    confidence: 'default',
  };
}
