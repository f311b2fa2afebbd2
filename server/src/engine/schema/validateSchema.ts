// Walks a YAML document against a Schema and reports unknown keys, wrong types or values, and missing keys, with exact
// ranges and "did you mean" fixes. Results are memoised per parse so the three rules that report them share one walk.
import type { Document } from 'yaml';
import type { Fix, Range, Severity } from '../findings';
import { closestMatch } from '../text/didYouMean';
import type { LineIndex } from '../../../../shared/lineIndex';
import {
  aliasTargets,
  entries,
  isAlias,
  isMap,
  isScalar,
  isSeq,
  nodeRange,
  type Alias,
  type MapEntry,
  type Node,
} from '../yaml/nodes';
import { readableDocuments, type ParsedYaml } from '../yaml/parsedYaml';
import { chooseMapping, hasProperty, identifyingKeys } from './mappingChoice';
import { propertySchema, type MappingSchema, type Schema, type StringSchema } from './schema';

export type SchemaIssueKind = 'unknown-key' | 'invalid-value' | 'missing-key';

export interface SchemaIssue {
  readonly kind: SchemaIssueKind;
  readonly severity?: Severity;
  readonly message: string;
  readonly range: Range;
  readonly fixes?: readonly Fix[];
}

const memo = new WeakMap<ParsedYaml, Map<Schema, SchemaIssue[]>>();

export function schemaIssues(yaml: ParsedYaml, schema: Schema): readonly SchemaIssue[] {
  let bySchema = memo.get(yaml);
  if (!bySchema) {
    bySchema = new Map();
    memo.set(yaml, bySchema);
  }
  let issues = bySchema.get(schema);
  if (!issues) {
    issues = [];
    const docs = readableDocuments(yaml);
    if (docs.length === yaml.documents.length && docs.every((d) => d.contents === null))
      checkEmptyFile(schema, yaml.lines, issues);
    for (const doc of docs) validateDocument(doc, schema, yaml.lines, issues);
    issues = withoutRepeats(issues);
    bySchema.set(schema, issues);
  }
  return issues;
}

const EXPRESSION = /\$\{\{/;

/** A file with no content where the tool requires some (GitHub: "workflow is empty"). */
function checkEmptyFile(schema: Schema, lines: LineIndex, out: SchemaIssue[]): void {
  if (schema.type !== 'mapping' || schema.rejectsEmptyFile !== true) return;
  const needed = Object.entries(schema.properties ?? {})
    .filter(([, e]) => propertySchema(e).required === true)
    .map(([k]) => `'${k}'`);
  const what = schema.title ?? 'the file';
  out.push({
    kind: 'missing-key',
    message: `${capitalize(what)} is empty${needed.length ? `: it needs ${needed.join(' and ')}` : ''}.`,
    range: lines.lineRange(0),
  });
}

/**
 * One issue per place: the node an anchor names is checked once per alias that uses it, and its problems are reported
 * where the anchor is, so each alias would report them again.
 */
function withoutRepeats(issues: readonly SchemaIssue[]): SchemaIssue[] {
  const seen = new Set<string>();
  return issues.filter((i) => {
    const key = `${i.kind}:${i.range.start.line}:${i.range.start.character}:${i.range.end.line}:${i.range.end.character}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function describeNode(node: Node | null): string {
  if (node === null) return 'empty';
  if (isMap(node)) return 'a mapping';
  if (isSeq(node)) return 'a list';
  if (isScalar(node)) {
    const v = node.value;
    if (v === null) return 'empty';
    if (typeof v === 'boolean') return `the boolean ${String(v)}`;
    if (typeof v === 'number') return `the number ${v}`;
    return typeof v === 'string' ? `the string '${v}'` : 'a value';
  }
  return 'an alias';
}

function expected(schema: Schema): string {
  switch (schema.type) {
    case 'string':
      return schema.enum ? `one of ${listValues(schema.enum)}` : schema.nonEmpty ? 'a non-empty string' : 'a string';
    case 'number':
      return schema.integer ? 'a whole number' : 'a number';
    case 'boolean':
      return 'true or false';
    case 'null':
      return 'nothing';
    case 'mapping':
      return schema.title ? `a mapping (${schema.title})` : 'a mapping';
    case 'sequence':
      return 'a list';
    case 'oneOf':
      return [...new Set(schema.options.map(expected))].join(' or ');
    case 'any':
      return 'anything';
  }
}

/** Does the node's shape fit the schema's type (ignoring the node's contents)? Used to pick a oneOf option. */
function shapeFits(node: Node | null, schema: Schema): boolean {
  switch (schema.type) {
    case 'any':
      return true;
    case 'mapping':
      return isMap(node) || (schema.nullable === true && isNull(node));
    case 'sequence':
      return isSeq(node);
    case 'oneOf':
      return schema.options.some((o) => shapeFits(node, o));
    case 'null':
      return isNull(node);
    case 'string':
      return isScalar(node) && (!isNull(node) || schema.nullAsEmpty === true);
    case 'number':
    case 'boolean':
      return isScalar(node) && !isNull(node);
  }
}

/**
 * For a scalar, the option of its own type (`true` → boolean, `3` → number), else a string option, which reads any
 * scalar as text: GitHub's reader tries the scalar as it is, then as a string.
 */
function scalarOption(node: Node | null, options: readonly Schema[]): Schema | undefined {
  if (!isScalar(node) || isNull(node)) return undefined;
  const own =
    typeof node.value === 'boolean'
      ? 'boolean'
      : typeof node.value === 'number'
        ? 'number'
        : typeof node.value === 'string'
          ? 'string'
          : undefined;
  return options.find((o) => o.type === own) ?? options.find((o) => o.type === 'string');
}

function isNull(node: Node | null): boolean {
  return node === null || (isScalar(node) && node.value === null);
}

function validateDocument(doc: Document.Parsed, schema: Schema, lines: LineIndex, out: SchemaIssue[]): void {
  const root = (doc.contents ?? null) as Node | null;
  if (root === null) return; // an empty file is reported by the kind's own rules when it matters
  // Missing top-level keys are reported on the document's first line of content.
  const start = root.range?.[0] ?? 0;
  walk(root, schema, {
    lines,
    out,
    aliases: aliasTargets(doc),
    resolving: new Set(),
    path: '',
    keyRange: () => lines.lineRange(lines.positionAt(start).line),
  });
}

interface WalkState {
  readonly lines: LineIndex;
  readonly out: SchemaIssue[];
  /** What each alias of the document stands for: an alias is checked as the node it names, as the tool reads it. */
  readonly aliases: ReadonlyMap<Alias, Node>;
  /** Aliases being followed on the way here: one met again is recursive (reported by the YAML rules), not walked. */
  readonly resolving: ReadonlySet<Alias>;
  /** Dotted path for messages, e.g. `jobs.build.steps[2]`. */
  readonly path: string;
  /**
   * Where to report a missing key: the key of the mapping being checked. Computed only when reported: a valid file has
   * thousands of keys and no findings, and converting each offset to a position showed in the profile.
   */
  readonly keyRange: () => Range;
}

function walk(node: Node | null, schema: Schema, state: WalkState): void {
  const { lines, out } = state;
  if (isAlias(node)) {
    const target = state.aliases.get(node);
    if (target === undefined) {
      out.push({
        kind: 'invalid-value',
        message: `'*${node.source}' names no anchor: define '&${node.source}' before it.`,
        range: nodeRange(lines, node),
      });
    } else if (state.resolving.has(node)) {
      out.push({
        kind: 'invalid-value',
        message: `'*${node.source}' is inside the node it names, so it never ends: the file cannot be read.`,
        range: nodeRange(lines, node),
      });
    } else {
      walk(target, schema, { ...state, resolving: new Set([...state.resolving, node]) });
    }
    return;
  }
  const where = state.path === '' ? '' : ` at '${state.path}'`;
  // A `${{ }}` value stands for whatever it evaluates to, unless the tool reads this place literally.
  if (isScalar(node) && typeof node.value === 'string' && EXPRESSION.test(node.value) && schema.type !== 'string') {
    if (schema.literalOnly)
      out.push({
        kind: 'invalid-value',
        message: `Expressions are not allowed${where}; write the value literally.`,
        range: nodeRange(lines, node),
      });
    return;
  }
  switch (schema.type) {
    case 'any':
      return;
    case 'oneOf': {
      const mappings = schema.options.filter((o): o is MappingSchema => o.type === 'mapping');
      if (isMap(node) && mappings.length > 1) {
        walkMappingChoice(node, mappings, state);
        return;
      }
      const option = scalarOption(node, schema.options) ?? schema.options.find((o) => shapeFits(node, o));
      if (option) walk(node, option, state);
      else
        out.push({
          kind: 'invalid-value',
          message: `Expected ${expected(schema)}${where}, found ${describeNode(node)}.`,
          range: rangeOf(lines, node, state),
        });
      return;
    }
    case 'mapping':
      if (isNull(node) && schema.nullable === true) return;
      if (!isMap(node)) {
        const hint = isNull(node) ? ' Give it entries or remove the key.' : '';
        out.push({
          kind: 'invalid-value',
          message: `Expected ${expected(schema)}${where}, found ${describeNode(node)}.${hint}`,
          range: rangeOf(lines, node, state),
        });
        return;
      }
      walkMapping(node, schema, state);
      return;
    case 'sequence':
      if (!isSeq(node)) {
        out.push({
          kind: 'invalid-value',
          message: `Expected a list${where}, found ${describeNode(node)}.`,
          range: rangeOf(lines, node, state),
        });
        return;
      }
      if (schema.minItems !== undefined && node.items.length < schema.minItems) {
        out.push({
          kind: 'invalid-value',
          message: `The list${where} needs at least ${schema.minItems} item${schema.minItems === 1 ? '' : 's'}.`,
          range: nodeRange(lines, node),
        });
      }
      node.items.forEach((item, i) => {
        const itemNode = (item ?? null) as Node | null;
        walk(itemNode, schema.items, {
          ...state,
          path: `${state.path}[${i}]`,
          keyRange: () => rangeOf(lines, itemNode, state),
        });
      });
      return;
    case 'null':
      if (!isNull(node))
        out.push({
          kind: 'invalid-value',
          message: `Expected no value${where}, found ${describeNode(node)}: it takes no settings.`,
          range: rangeOf(lines, node, state),
        });
      return;
    case 'string':
    case 'number':
    case 'boolean':
      checkScalar(node, schema, state);
      return;
  }
}

function rangeOf(lines: LineIndex, node: Node | null, state: WalkState): Range {
  return node?.range ? nodeRange(lines, node) : state.keyRange();
}

function checkScalar(
  node: Node | null,
  schema: Schema & { type: 'string' | 'number' | 'boolean' },
  state: WalkState,
): void {
  const { lines, out } = state;
  const where = state.path === '' ? '' : ` for '${state.path}'`;
  if (schema.type === 'string' && isNull(node) && schema.nullAsEmpty === true) {
    checkEmptyString(node, schema, state);
    return;
  }
  if (!isScalar(node) || isNull(node)) {
    out.push({
      kind: 'invalid-value',
      message: `Expected ${expected(schema)}${where}, found ${describeNode(node)}.`,
      range: rangeOf(lines, node, state),
    });
    return;
  }
  const value = node.value;
  if (typeof value === 'string' && EXPRESSION.test(value)) return; // evaluated at run time
  // Only when reported (most scalars are fine): see WalkState.keyRange.
  let known: Range | undefined;
  const range = (): Range => (known ??= nodeRange(lines, node));
  switch (schema.type) {
    case 'string': {
      if (typeof value !== 'string' && !schema.coerceScalars && schema.enum === undefined) {
        // YAML reads `on`, `yes`, `3.10` as other types; GitHub reads them as strings where a string is expected,
        // except that `3.10` becomes `3.1`. Only the lossy number case is worth a finding.
        if (typeof value === 'number' && /\.\d*0$/.test(node.source ?? '')) {
          out.push({
            kind: 'invalid-value',
            severity: 'warning',
            message: `${node.source ?? ''} is read as the number ${value}${where}; quote it to keep it as written.`,
            range: range(),
            fixes: [
              { title: `Quote '${node.source ?? ''}'`, edits: [{ range: range(), newText: `'${node.source ?? ''}'` }] },
            ],
          });
        }
        return;
      }
      const text = String(value);
      if (text === '') {
        checkEmptyString(node, schema, state);
        return;
      }
      if (schema.enum && !schema.enum.includes(text)) {
        const suggestion = closestMatch(text, schema.enum);
        out.push({
          kind: 'invalid-value',
          message: `'${text}' is not valid${where}. Expected ${expected(schema)}.${suggestion ? ` Did you mean '${suggestion}'?` : ''}`,
          range: range(),
          ...(suggestion
            ? { fixes: [{ title: `Change to '${suggestion}'`, edits: [{ range: range(), newText: suggestion }] }] }
            : {}),
        });
      } else if (schema.pattern && !schema.pattern.regex.test(text)) {
        out.push({
          kind: 'invalid-value',
          message: `'${text}' is not valid${where}: expected ${schema.pattern.expected}.`,
          range: range(),
        });
      }
      return;
    }
    case 'number': {
      const n = typeof value === 'number' ? value : Number.NaN;
      if (Number.isNaN(n)) {
        out.push({
          kind: 'invalid-value',
          message: `Expected ${expected(schema)}${where}, found ${describeNode(node)}.`,
          range: range(),
        });
      } else if (
        (schema.integer === true && !Number.isInteger(n)) ||
        (schema.min !== undefined && n < schema.min) ||
        (schema.max !== undefined && n > schema.max)
      ) {
        const bounds = [
          schema.min !== undefined ? `at least ${schema.min}` : '',
          schema.max !== undefined ? `at most ${schema.max}` : '',
        ]
          .filter(Boolean)
          .join(' and ');
        out.push({
          kind: 'invalid-value',
          message: `${n} is out of range${where}: expected ${expected(schema)}${bounds ? ` ${bounds}` : ''}.`,
          range: range(),
        });
      }
      return;
    }
    case 'boolean':
      if (typeof value !== 'boolean') {
        out.push({
          kind: 'invalid-value',
          message: `Expected true or false${where}, found ${describeNode(node)}.`,
          range: range(),
        });
      }
      return;
  }
}

/** `''` or an empty value read as `''`: fine unless the tool requires text here (or a value from a list). */
function checkEmptyString(node: Node | null, schema: StringSchema, state: WalkState): void {
  if (schema.nonEmpty !== true && schema.enum === undefined) return;
  const where = state.path === '' ? '' : ` for '${state.path}'`;
  const wanted = schema.enum ? `: expected ${expected(schema)}` : '';
  state.out.push({
    kind: 'invalid-value',
    message: `An empty value is not allowed${where}${wanted}.`,
    range: rangeOf(state.lines, node, state),
  });
}

/** A mapping that may have one of several shapes (a step that runs a command or an action): its keys decide which. */
function walkMappingChoice(node: Node, shapes: readonly MappingSchema[], state: WalkState): void {
  if (!isMap(node)) return;
  const all = entries(node);
  const keys = all.map((e) => e.key).filter((k): k is string => k !== undefined);
  const choice = chooseMapping(keys, shapes);
  if (choice.chosen) {
    const decidedBy = choice.decidedBy !== undefined ? all.find((e) => e.key === choice.decidedBy) : undefined;
    for (const key of choice.conflicting) {
      const entry = all.find((e) => e.key === key);
      if (!decidedBy || !entry) continue;
      const start = nodeRange(state.lines, decidedBy.keyNode).start;
      const end = nodeRange(state.lines, entry.keyNode).end;
      const before = start.line < end.line || (start.line === end.line && start.character <= end.character);
      state.out.push({
        kind: 'invalid-value',
        message: `'${decidedBy.key ?? ''}' and '${key}' cannot be used together at '${state.path}': '${decidedBy.key ?? ''}' makes it ${article(choice.chosen.title)}, '${key}' ${article(shapes.find((s) => identifyingKeys(s, shapes).includes(key))?.title)}.`,
        range: before
          ? { start, end }
          : { start: nodeRange(state.lines, entry.keyNode).start, end: nodeRange(state.lines, decidedBy.keyNode).end },
      });
    }
    walkMapping(node, choice.chosen, state, { siblings: shapes, skip: new Set(choice.conflicting) });
    return;
  }
  // Still ambiguous: check each key against a shape that has it, and say which keys would decide.
  const properties = Object.fromEntries(
    choice.candidates.flatMap((s) => Object.entries(s.properties ?? {}).map(([k, v]) => [k, propertySchema(v).schema])),
  );
  walkMapping(
    node,
    {
      type: 'mapping',
      properties,
      ...(choice.candidates[0]?.caseInsensitiveKeys ? { caseInsensitiveKeys: true } : {}),
    },
    state,
  );
  const deciding = choice.candidates.flatMap((s) => identifyingKeys(s, choice.candidates));
  const title = state.path === '' ? 'The mapping' : `'${state.path}'`;
  state.out.push({
    kind: 'missing-key',
    message: `${title} needs one of: ${deciding.map((k) => `'${k}'`).join(', ')}.`,
    range: state.keyRange(),
  });
}

function article(title: string | undefined): string {
  const what = title ?? 'another kind';
  return /^[aeiou]/i.test(what) ? `an ${what}` : `a ${what}`;
}

interface ShapeContext {
  /** The other shapes this mapping could have had: a key of theirs is reported as belonging there. */
  readonly siblings: readonly MappingSchema[];
  /** Keys already reported as conflicting. */
  readonly skip: ReadonlySet<string>;
}

function duplicateByCase(all: readonly MapEntry[], schema: MappingSchema, state: WalkState, title: string): void {
  const seen = new Map<string, MapEntry>();
  for (const entry of all) {
    if (entry.key === undefined) continue;
    // Declared keys are matched with their case (GitHub: "Unexpected value 'NAME'"): another spelling of one is an
    // unknown key, reported as such, not a repeat.
    if (
      schema.properties?.[entry.key] === undefined &&
      Object.keys(schema.properties ?? {}).some((k) => k.toUpperCase() === entry.key?.toUpperCase())
    )
      continue;
    const upper = entry.key.toUpperCase();
    const first = seen.get(upper);
    if (!first) {
      seen.set(upper, entry);
      continue;
    }
    if (first.key === entry.key) continue; // an exact repeat is a YAML error, reported by the YAML rules
    // No line number in the message: messages identify findings across edits (fixes are re-validated by message).
    state.out.push({
      kind: 'invalid-value',
      message: `'${entry.key}' repeats the key '${first.key ?? ''}' in ${title}: keys here are compared without case. Rename or remove one.`,
      range: nodeRange(state.lines, entry.keyNode),
    });
  }
}

function walkMapping(node: Node, schema: MappingSchema, state: WalkState, shape?: ShapeContext): void {
  const { lines, out } = state;
  if (!isMap(node)) return;
  const all = entries(node);
  const present = new Set(all.map((e) => e.key).filter((k): k is string => k !== undefined));
  const known = Object.keys(schema.properties ?? {});
  const last = state.path.slice(state.path.lastIndexOf('.') + 1);
  const title =
    state.path === ''
      ? (schema.title ?? 'the file')
      : schema.title && schema.title !== last
        ? `${schema.title} '${state.path}'`
        : `'${state.path}'`;
  /** Keys a typo probably meant: not also reported as missing. */
  const meant = new Set<string>();
  if (schema.caseInsensitiveKeys === true) duplicateByCase(all, schema, state, title);
  // A YAML merge key (`<<: *defaults`) brings in keys we do not resolve here: accept it, and do not claim keys are missing.
  const merges = present.has('<<');
  for (const entry of all) {
    if (entry.key === undefined || entry.key === '<<' || shape?.skip.has(entry.key) === true) continue;
    const childPath = state.path === '' ? entry.key : `${state.path}.${entry.key}`;
    let knownKeyRange: Range | undefined;
    const keyRange = (): Range => (knownKeyRange ??= nodeRange(lines, entry.keyNode));
    const childState = { ...state, path: childPath, keyRange };
    const declared = schema.properties?.[entry.key];
    if (declared !== undefined) {
      walk(entry.value, propertySchema(declared).schema, childState);
      continue;
    }
    if (EXPRESSION.test(entry.key)) {
      // A `${{ }}` key stands for keys known only at run time; the tool accepts it where it evaluates expressions.
      if (schema.literalOnly === true)
        out.push({
          kind: 'invalid-value',
          message: `Expressions are not allowed in keys at '${state.path}'.`,
          range: keyRange(),
        });
      continue;
    }
    if (schema.additional !== undefined) {
      if (schema.keyPattern && !schema.keyPattern.regex.test(entry.key)) {
        out.push({
          kind: 'invalid-value',
          message: `'${entry.key}' is not a valid name in ${title}: expected ${schema.keyPattern.expected}.`,
          range: keyRange(),
        });
      }
      walk(entry.value, schema.additional, childState);
      continue;
    }
    const owner = shape?.siblings.find((s) => s !== schema && hasProperty(s, entry.key ?? ''));
    if (owner) {
      const ownKey = identifyingKeys(owner, shape?.siblings ?? [])
        .map((k) => `'${k}'`)
        .join(' or ');
      out.push({
        kind: 'unknown-key',
        message: `Unknown key '${entry.key}' in ${title}: '${entry.key}' is only for ${article(owner.title)}${ownKey ? ` (one with ${ownKey})` : ''}.`,
        range: keyRange(),
      });
      continue;
    }
    const suggestion = closestMatch(
      entry.key,
      known.filter((k) => !present.has(k)),
    );
    if (suggestion) meant.add(suggestion);
    const allowed = known.length === 0 ? ' It takes no keys.' : ` Allowed: ${known.join(', ')}.`;
    const ignored = schema.ignoresUnknownKeys === true;
    out.push({
      kind: 'unknown-key',
      message: `Unknown key '${entry.key}' in ${title}${ignored ? ' (ignored)' : ''}.${suggestion ? ` Did you mean '${suggestion}'?` : allowed}`,
      range: keyRange(),
      ...(ignored ? { severity: 'warning' as const } : {}),
      ...(suggestion
        ? { fixes: [{ title: `Change to '${suggestion}'`, edits: [{ range: keyRange(), newText: suggestion }] }] }
        : {}),
    });
  }
  if (merges) return;
  for (const [key, entry] of Object.entries(schema.properties ?? {})) {
    if (propertySchema(entry).required === true && !present.has(key) && !meant.has(key)) {
      out.push({
        kind: 'missing-key',
        message: `${capitalize(title)} is missing the required key '${key}'.`,
        range: state.keyRange(),
      });
    }
  }
  if (schema.requireOneOf && !schema.requireOneOf.some((k) => present.has(k) || meant.has(k))) {
    out.push({
      kind: 'missing-key',
      message: `${capitalize(title)} needs one of: ${schema.requireOneOf.map((k) => `'${k}'`).join(', ')}.`,
      range: state.keyRange(),
    });
  }
  for (const group of schema.exclusive ?? []) {
    const found = group.filter((k) => present.has(k));
    if (found.length > 1) {
      const second = all.filter((e) => e.key !== undefined && found.includes(e.key))[1];
      out.push({
        kind: 'invalid-value',
        message: `${found.map((k) => `'${k}'`).join(' and ')} cannot be used together in ${title}.`,
        range: nodeRange(lines, second?.keyNode),
      });
    }
  }
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** Allowed values for a message: all of a short list; the first few of a long one (action icons number ~280). */
const MAX_LISTED_VALUES = 12;
function listValues(values: readonly string[]): string {
  const shown = values
    .slice(0, MAX_LISTED_VALUES)
    .map((e) => `'${e}'`)
    .join(', ');
  return values.length > MAX_LISTED_VALUES ? `${shown}, … (${values.length} values; completion lists them all)` : shown;
}
