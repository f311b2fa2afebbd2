// Large files parsed by segments, each segment's parse cached by its exact text, so that after an edit only the
// segments whose text changed are parsed again (issue 4: a 200-stage dvc.yaml re-validated per keystroke).
//
// A file is cut only where its shape makes the cut safe: before each top-level `key:` line, and, inside a large top-level
// entry whose value is a block mapping (`stages:`, `jobs:`), before each of that mapping's keys. Each segment is parsed
// in a frame that gives it the neighbours it has in the file (a dummy entry before it, a dummy entry after it, a dummy
// parent key), so the parser sees the same context and yields the same nodes, then the nodes are copied with their
// ranges moved to the segment's place in the file. Anything unusual gives up and the caller parses the whole file:
// `\r`, directives, `---`, a root that is not a block mapping, any error or warning in any segment (so every error is
// reported by the whole-file parse, with its exact message and position), keys repeated across segments, unknown node
// classes. Aliases resolve against the whole document when read (toJS), so an alias may sit in another segment than its
// anchor. What is guaranteed equal to the whole-file parse (and tested against it on real files and mutations): node
// classes, values, types, tags, anchors, flow, and range[0..1] of every node; the document's errors and warnings (none).
// Comment fields (comment, commentBefore, spaceBefore) and range[2] (the end including trailing comments) may differ
// where comments sit between entries; nothing in Preflight reads them from nodes (suppressions read the text).
import { Document, isMap, isScalar, YAMLMap, type Pair, type Range, type Schema } from 'yaml';
import { cloneShifted } from './cloneShifted';
import { parseDocuments } from './parseDocuments';
import type { SegmentCache } from './segmentCache';
import { BLANK, COMMENT, KEY_LIKE, scanLines, type ScannedLines } from './yamlLineScan';
import type { YamlParseOptions } from './yamlParseOptions';

/** A top-level entry at least this long is cut again at its own keys (a 200-stage `stages:` is ~50 KB). */
const NESTED_MIN_CHARS = 1024;
const WRAP_KEY = '__preflight_wrap__';
const BEFORE_KEY = '__preflight_before__';
const AFTER_KEY = '__preflight_after__';
const NOT_NESTED = 'not-nested';

/** Where a segment sits among its siblings: decides which dummy neighbours its frame gets. */
interface Placement {
  readonly first: boolean;
  readonly lastInParent: boolean;
  readonly lastInFile: boolean;
}

/** Offsets in the file: the segment's own text [start, end), and where the blank lines and comments above it begin. */
interface Span {
  readonly context: number;
  readonly start: number;
  readonly end: number;
}

/** One parsed segment. */
interface Unit {
  /** Copies of the segment's entries, ranges in file offsets. */
  readonly pairs: Pair[];
  /** The cached parse of the framed text (never modified) and the mapping that holds the segment's entries in it. */
  readonly doc: Document.Parsed;
  readonly root: YAMLMap.Parsed;
  readonly map: YAMLMap.Parsed;
  /** Add to an offset in the framed text to get the offset in the file. */
  readonly delta: number;
}

/** The entries of one top-level segment, with the units that start and end it (for the document's range). */
interface Entry {
  readonly pairs: Pair[];
  readonly first: Unit;
  readonly last: Unit;
}

/** How segments are parsed: with the file kind's options, cached (one cache per options), copied into the file's schema. */
interface Parsing {
  readonly cache: SegmentCache;
  readonly options: YamlParseOptions;
  readonly schema: Schema;
}

/** A framed text's parse and its root mapping (checked to be one when parsed). */
interface Framed {
  readonly doc: Document.Parsed;
  readonly root: YAMLMap.Parsed;
}

/** The parse of the whole text, or undefined when the text is not one this path handles (the caller parses it whole). */
export function parseSegmented(
  text: string,
  cache: SegmentCache,
  options: YamlParseOptions,
): Document.Parsed | undefined {
  if (text.includes('\r')) return undefined;
  const lines = scanLines(text);
  const keyLines = topLevelKeyLines(lines);
  if (keyLines === undefined) return undefined;
  const doc = new Document(undefined, options);
  const pairs: Pair[] = [];
  let first: Unit | undefined;
  let last: Unit | undefined;
  for (let i = 0; i < keyLines.length; i++) {
    const keyLine = keyLines[i] ?? 0;
    const nextKey = keyLines[i + 1];
    const span: Span = {
      context: i === 0 ? 0 : lineStart(lines, text, gapStart(lines, keyLine)),
      start: i === 0 ? 0 : lineStart(lines, text, keyLine),
      end: nextKey === undefined ? text.length : lineStart(lines, text, nextKey),
    };
    const place: Placement = { first: i === 0, lastInParent: nextKey === undefined, lastInFile: nextKey === undefined };
    let entry: Entry | typeof NOT_NESTED | undefined = NOT_NESTED;
    if (span.end - span.start >= NESTED_MIN_CHARS) {
      entry = nestedEntry(
        text,
        lines,
        { cache, options, schema: doc.schema },
        { keyLine, endLine: nextKey ?? lines.starts.length },
        span,
        place,
      );
    }
    if (entry === NOT_NESTED) {
      const unit = parseUnit(text, { cache, options, schema: doc.schema }, span, 0, place);
      entry = unit && { pairs: unit.pairs, first: unit, last: unit };
    }
    if (entry === undefined) return undefined;
    first ??= entry.first;
    last = entry.last;
    pairs.push(...entry.pairs);
  }
  if (first === undefined || last === undefined || !uniqueScalarKeys(pairs)) return undefined;
  const root = new YAMLMap(doc.schema);
  root.items = pairs;
  const lastRoot = last.root.range;
  root.range = [first.map.range[0] + first.delta, lastRoot[1] + last.delta, lastRoot[2] + last.delta];
  // Built from parsed parts with ranges set throughout, so it is what Document.Parsed describes.
  const parsed = doc as unknown as Document.Parsed;
  parsed.contents = root as YAMLMap.Parsed;
  parsed.range = [
    first.doc.range[0] + first.delta,
    last.doc.range[1] + last.delta,
    last.doc.range[2] + last.delta,
  ] satisfies Range;
  parsed.commentBefore = first.doc.commentBefore;
  parsed.comment = last.doc.comment;
  return parsed;
}

/** Lines of the root mapping's keys; undefined when the root is not a block mapping of plain or quoted keys at column 0. */
function topLevelKeyLines(lines: ScannedLines): number[] | undefined {
  const keys: number[] = [];
  for (let line = 0; line < lines.kind.length; line++) {
    const kind = lines.kind[line];
    if (kind === BLANK || kind === COMMENT) continue;
    if (lines.indent[line] === 0) {
      if (kind !== KEY_LIKE) return undefined;
      keys.push(line);
    } else if (keys.length === 0) {
      return undefined;
    }
  }
  return keys.length > 0 ? keys : undefined;
}

/**
 * A large top-level entry `key:` whose value is a block mapping, parsed as its key line plus one segment per entry of
 * that mapping. NOT_NESTED when its lines do not have that shape; undefined when a part does not parse cleanly.
 */
function nestedEntry(
  text: string,
  lines: ScannedLines,
  parsing: Parsing,
  at: { keyLine: number; endLine: number },
  span: Span,
  place: Placement,
): Entry | typeof NOT_NESTED | undefined {
  let indent = -1;
  const childLines: number[] = [];
  for (let line = at.keyLine + 1; line < at.endLine; line++) {
    const kind = lines.kind[line];
    if (kind === BLANK || kind === COMMENT) continue;
    const lineIndent = lines.indent[line] ?? 0;
    if (indent < 0) indent = lineIndent;
    if (lineIndent < indent) return NOT_NESTED;
    if (lineIndent === indent) {
      if (kind !== KEY_LIKE) return NOT_NESTED;
      childLines.push(line);
    }
  }
  if (childLines.length < 2) return NOT_NESTED;
  const bodyStart = lineStart(lines, text, at.keyLine + 1);
  const header = parseUnit(text, parsing, { context: span.context, start: span.start, end: bodyStart }, 0, place);
  const pair = header?.pairs[0];
  if (header === undefined || pair === undefined || header.pairs.length !== 1 || !isEmptyValue(pair.value))
    return undefined;
  const children: Unit[] = [];
  for (let i = 0; i < childLines.length; i++) {
    const line = childLines[i] ?? 0;
    const next = childLines[i + 1];
    const child = parseUnit(
      text,
      parsing,
      {
        context: i === 0 ? bodyStart : lineStart(lines, text, gapStart(lines, line)),
        start: i === 0 ? bodyStart : lineStart(lines, text, line),
        end: next === undefined ? span.end : lineStart(lines, text, next),
      },
      indent,
      { first: i === 0, lastInParent: next === undefined, lastInFile: place.lastInFile },
    );
    if (child === undefined) return undefined;
    children.push(child);
  }
  const firstChild = children[0];
  const lastChild = children[children.length - 1];
  if (firstChild === undefined || lastChild === undefined) return undefined;
  const items = children.flatMap((c) => c.pairs);
  if (!uniqueScalarKeys(items)) return undefined;
  const map = new YAMLMap(parsing.schema);
  map.items = items;
  map.range = [
    firstChild.map.range[0] + firstChild.delta,
    lastChild.map.range[1] + lastChild.delta,
    lastChild.map.range[2] + lastChild.delta,
  ];
  if (firstChild.map.commentBefore) map.commentBefore = firstChild.map.commentBefore;
  if (firstChild.map.spaceBefore) map.spaceBefore = true;
  if (lastChild.map.comment) map.comment = lastChild.map.comment;
  pair.value = map;
  return { pairs: [pair], first: header, last: lastChild };
}

/** Parses one segment (entries of a block mapping at `indent`) in its frame; undefined unless it parses cleanly. */
function parseUnit(text: string, parsing: Parsing, span: Span, indent: number, place: Placement): Unit | undefined {
  const pad = ' '.repeat(indent);
  const prefix = (indent > 0 ? `${WRAP_KEY}:\n` : '') + (place.first ? '' : `${pad}${BEFORE_KEY}: 0\n`);
  const afterAtRoot = place.lastInParent && !place.lastInFile && indent > 0;
  const suffix = !place.lastInParent ? `${pad}${AFTER_KEY}: 0\n` : afterAtRoot ? `${AFTER_KEY}: 0\n` : '';
  const framed = parseFramed(prefix + text.slice(span.context, span.end) + suffix, parsing);
  if (framed === undefined) return undefined;
  let map = framed.root;
  if (indent > 0) {
    const [wrap, ...rest] = map.items;
    if (!wrap || !hasKey(wrap, WRAP_KEY) || !isMap(wrap.value) || rest.length !== (afterAtRoot ? 1 : 0))
      return undefined;
    if (afterAtRoot && !hasKey(rest[0], AFTER_KEY)) return undefined;
    map = wrap.value;
  }
  const from = place.first ? 0 : 1;
  const to = place.lastInParent ? map.items.length : map.items.length - 1;
  if (!place.first && !hasKey(map.items[0], BEFORE_KEY)) return undefined;
  if (!place.lastInParent && !hasKey(map.items[to], AFTER_KEY)) return undefined;
  if (from >= to) return undefined;
  const delta = span.context - prefix.length;
  const pairs: Pair[] = [];
  for (let i = from; i < to; i++) {
    const copy = cloneShifted(map.items[i], delta, parsing.schema);
    if (copy === undefined) return undefined;
    pairs.push(copy as Pair);
  }
  return { pairs, doc: framed.doc, root: framed.root, map, delta };
}

/** The cached parse of a framed text when it is one clean document whose root is a mapping; undefined otherwise. */
function parseFramed(framed: string, { cache, options }: Parsing): Framed | undefined {
  let parsed = cache.get(framed);
  if (parsed === undefined) {
    const docs = parseDocuments(framed, options);
    const doc = docs.length === 1 ? docs[0] : undefined;
    parsed = doc && doc.errors.length === 0 && doc.warnings.length === 0 && isMap(doc.contents) ? doc : null;
    cache.set(framed, parsed);
  }
  // Only documents whose contents passed isMap are cached as non-null.
  return parsed ? { doc: parsed, root: parsed.contents as YAMLMap.Parsed } : undefined;
}

function lineStart(lines: ScannedLines, text: string, line: number): number {
  return lines.starts[line] ?? text.length;
}

/** The first of the blank and comment lines directly above `line` (the line itself when there are none). */
function gapStart(lines: ScannedLines, line: number): number {
  let at = line;
  while (at > 0 && (lines.kind[at - 1] === BLANK || lines.kind[at - 1] === COMMENT)) at--;
  return at;
}

function hasKey(pair: unknown, key: string): boolean {
  return pair instanceof Object && 'key' in pair && isScalar(pair.key) && pair.key.value === key;
}

/** `key:` with nothing after it (no anchor or tag either, which would apply to the mapping below in the whole file). */
function isEmptyValue(value: unknown): boolean {
  return (
    isScalar(value) &&
    value.value === null &&
    value.source === '' &&
    value.anchor === undefined &&
    value.tag === undefined
  );
}

/**
 * Whether keys are scalars, none repeated: segments are parsed apart, so a key repeated across two of them is not seen
 * by the parser's own check. Stricter than yaml's equality (a repeated `.nan` counts here), which only sends such a text
 * to the whole-file parse.
 */
function uniqueScalarKeys(pairs: readonly Pair[]): boolean {
  const seen = new Set<unknown>();
  for (const pair of pairs) {
    if (!isScalar(pair.key) || seen.has(pair.key.value)) return false;
    seen.add(pair.key.value);
  }
  return true;
}
