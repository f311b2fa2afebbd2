// Completion for schema'd files: keys of the mapping under the cursor (with docs), allowed values (enums, booleans,
// events), and workflow references: job ids in `needs`, runner labels, popular actions, and expression contexts.
// dvc.yaml lists and `${}` are completed first by dvcCompletion.ts, which falls back to the schema here.
import { knownAction } from '../github/actionMetadata';
import { workflowModel, type JobModel, type WorkflowModel } from '../github/workflowModel';
import { eventPayloadProperties } from '../github/eventPayloads';
import { FIXED_PROPERTIES, JOB_RESULT_PROPERTIES, STEP_PROPERTIES } from '../expressions/contextProperties';
import { FUNCTION_NAMES, functionSpec } from '../expressions/functions';
import { stepOutputsOf } from '../expressions/stepOutputs';
import { parseFile, schemaOf, type FileKind } from '../kinds';
import type { Position, Range } from '../findings';
import { GITHUB_HOSTED_LABELS } from '../rules/workflow/runnerLabel';
import { propertySchema, type Schema } from '../schema/schema';
import { scalarText, type Node } from '../yaml/nodes';
import type { ParsedYaml } from '../yaml/parsedYaml';
import { actionInputCompletions } from './actionInputCompletion';
import { dvcCompletions } from './dvcCompletion';
import { mappingAtPath, valuesAtPath } from './schemaAtPath';
import { collectMaps, mapAtColumn, type PathSegment } from './yamlPaths';
import popular from '../github/data/popularActions.json';

export type CompletionKind = 'property' | 'value' | 'reference' | 'context' | 'function';

export interface CompletionEntry {
  readonly label: string;
  readonly kind: CompletionKind;
  readonly detail?: string;
  readonly documentation?: string;
  readonly insertText?: string;
  /**
   * The text the entry replaces: what was typed of it. Needed when that holds characters the editor ends words at (the
   * `/` of `data/prep`); absent means the word at the cursor.
   */
  readonly replace?: Range;
}

const EXPRESSION_CONTEXTS: readonly [string, string][] = [
  ['github', 'The workflow run and the event that triggered it.'],
  ['env', 'Environment variables set in the workflow, job or step.'],
  ['vars', 'Configuration variables of the repository, environment or organization.'],
  ['job', 'The current job (container, services, status).'],
  ['jobs', 'Outputs of the jobs of a reusable workflow.'],
  ['steps', 'Outputs and outcomes of the steps with an id that ran before this one.'],
  ['runner', 'The runner executing the job (os, arch, temp, tool_cache).'],
  ['secrets', 'Secrets available to this run.'],
  ['strategy', 'The matrix strategy of the job.'],
  ['matrix', 'The matrix values of this leg of the job.'],
  ['needs', 'Outputs and results of the jobs this job needs.'],
  ['inputs', 'Inputs of a reusable or manually dispatched workflow.'],
];

function describe(schema: Schema | undefined): string | undefined {
  return schema?.description;
}

function keyCompletions(root: Schema, path: readonly PathSegment[], present: ReadonlySet<string>): CompletionEntry[] {
  const mapping = mappingAtPath(root, path, [...present]);
  if (!mapping?.properties) return [];
  return Object.entries(mapping.properties)
    .filter(([key]) => !present.has(key))
    .map(([key, entry]) => {
      const p = propertySchema(entry);
      const doc = describe(p.schema);
      return {
        label: key,
        kind: 'property' as const,
        insertText: `${key}: `,
        ...(p.required ? { detail: 'required' } : {}),
        ...(doc ? { documentation: doc } : {}),
      };
    });
}

function valueCompletions(
  ctx: { kind: FileKind; yaml: ParsedYaml },
  root: Schema,
  path: readonly PathSegment[],
): CompletionEntry[] {
  const key = path[path.length - 1];
  if (ctx.kind === 'github-workflow') {
    const model = workflowModel(ctx.yaml);
    if (key === 'needs' && path[0] === 'jobs') {
      const current = path[1];
      return (model?.jobs ?? [])
        .filter((j) => j.id !== current)
        .map((j) => ({ label: j.id, kind: 'reference' as const, ...(j.name ? { detail: j.name } : {}) }));
    }
    if (key === 'runs-on')
      return GITHUB_HOSTED_LABELS.map((l) => ({ label: l, kind: 'value' as const, detail: 'GitHub-hosted runner' }));
    if (key === 'uses' && path.includes('steps')) {
      const actions = (popular as unknown as { actions: Record<string, { latest: string }> }).actions;
      return Object.keys(actions).map((name) => ({
        label: `${name}@${knownAction(name)?.latest ?? ''}`,
        kind: 'reference' as const,
        detail: 'action',
      }));
    }
  }
  return valuesAtPath(root, path).map((v) => ({ label: v.value, kind: 'value' as const }));
}

/** Names written after `context.` anywhere in the text (`secrets.PYPI_TOKEN`): what the repository's runs define. */
function namesUsedIn(text: string, context: 'secrets' | 'vars'): string[] {
  const names = new Set<string>();
  for (const m of text.matchAll(new RegExp(`\\b${context}\\.([A-Za-z_][A-Za-z0-9_]*)`, 'g'))) if (m[1]) names.add(m[1]);
  return [...names].sort();
}

const names = (labels: Iterable<string>, detail: string, kind: CompletionKind = 'reference'): CompletionEntry[] =>
  [...new Set(labels)].filter((l) => l !== '').map((label) => ({ label, kind, detail }));

/** `env.*` in scope at `path`: the workflow's env, the job's, and the step's own (later ones shadow earlier ones). */
function envNames(model: WorkflowModel | undefined, job: JobModel | undefined, path: readonly PathSegment[]): string[] {
  const stepIndex = path[2] === 'steps' && typeof path[3] === 'number' ? path[3] : undefined;
  const step = stepIndex === undefined ? undefined : job?.steps[stepIndex];
  return [...(model?.env ?? []), ...(job?.env ?? []), ...(step?.env ?? [])].map((e) => e.key ?? '');
}

function expressionCompletions(
  ctx: { yaml: ParsedYaml; path: string | undefined },
  beforeCursor: string,
  path: readonly PathSegment[],
): CompletionEntry[] {
  const m = /([A-Za-z_][\w-]*(?:\.[A-Za-z_*][\w-]*)*)\.?$/.exec(beforeCursor);
  const chain = m?.[1] ?? '';
  const dotted = beforeCursor.endsWith('.');
  const parts = chain.split('.');
  const model = workflowModel(ctx.yaml);
  const job = path[0] === 'jobs' && typeof path[1] === 'string' ? model?.jobsById.get(path[1]) : undefined;
  if (!dotted || parts.length === 0) {
    return [
      ...EXPRESSION_CONTEXTS.map(([label, documentation]) => ({ label, kind: 'context' as const, documentation })),
      ...FUNCTION_NAMES.map((name) => ({
        label: name,
        kind: 'function' as const,
        detail: functionSpec(name)?.signature ?? name,
      })),
    ];
  }
  const [head, second] = parts;
  if (head === 'github' && second === 'event' && parts.length >= 2) {
    return eventPayloadProperties([...(model?.events.keys() ?? [])], parts.slice(2)).map((p) => ({
      label: p.name,
      kind: 'property' as const,
      detail: `github.event of ${p.events.join(', ')}`,
      ...(p.description === undefined ? {} : { documentation: p.description }),
    }));
  }
  if (parts.length === 1) {
    const fixed = FIXED_PROPERTIES[head ?? ''];
    if (fixed) return names(fixed, `${head ?? ''} context`, 'property');
    switch (head ?? '') {
      case 'matrix':
        return job?.matrixKeys !== undefined && job.matrixKeys !== 'dynamic'
          ? [...job.matrixKeys].map((k) => ({ label: k, kind: 'reference' as const, detail: 'matrix variable' }))
          : [];
      case 'steps': {
        const stepIndex: number = typeof path[3] === 'number' ? path[3] : Infinity;
        return (job?.steps ?? [])
          .filter((s) => s.id && s.index < stepIndex)
          .map((s) => ({ label: s.id?.name ?? '', kind: 'reference' as const, ...(s.name ? { detail: s.name } : {}) }));
      }
      case 'needs':
        return (job?.needs ?? []).map((n) => ({ label: n.name, kind: 'reference' as const, detail: 'needed job' }));
      case 'inputs':
        return [...(model?.inputs.values() ?? [])].map((i) => ({
          label: i.name,
          kind: 'reference' as const,
          ...(i.type ? { detail: i.type } : {}),
        }));
      case 'env':
        return names(envNames(model, job, path), 'environment variable in scope');
      case 'secrets':
        return names(
          ['GITHUB_TOKEN', ...(model?.secretsDeclared ?? []), ...namesUsedIn(ctx.yaml.text, 'secrets')],
          'secret',
        );
      case 'vars':
        return names(namesUsedIn(ctx.yaml.text, 'vars'), 'configuration variable used in this workflow');
      default:
        return [];
    }
  }
  if (parts.length === 2 && head === 'needs' && second)
    return names(JOB_RESULT_PROPERTIES, `of job '${second}'`, 'property');
  if (parts.length === 3 && head === 'needs' && second && parts[2] === 'outputs') {
    return (model?.jobsById.get(second)?.outputs ?? [])
      .filter((o) => o.key)
      .map((o) => ({ label: o.key ?? '', kind: 'reference' as const, detail: 'job output' }));
  }
  if (parts.length === 2 && head === 'steps') return names(STEP_PROPERTIES, `of step '${second ?? ''}'`, 'property');
  if (parts.length === 3 && head === 'steps' && second && parts[2] === 'outputs') {
    const uses = job?.steps.find((s) => s.id?.name === second)?.uses?.name;
    const declared = uses === undefined ? undefined : stepOutputsOf(uses, ctx.path);
    return declared ? names(declared.outputs, `output of ${declared.action}`) : [];
  }
  return [];
}

const VALUE_POSITION = /^(\s*(?:-\s+)?)([A-Za-z0-9_-]+):\s+(.*)$/;
const KEY_POSITION = /^(\s*)(-\s+)?([A-Za-z0-9_-]*)$/;
const PARENT_KEY = /^(\s*)(-\s+)?([A-Za-z0-9_-]+):\s*(#.*)?$/;

/** `path` (absolute, when the document is a file) lets dvc.yaml completion read the params.yaml beside it. */
export function completeAt(
  input: { readonly text: string; readonly kind: FileKind; readonly path?: string | undefined },
  position: Position,
  parsed?: ParsedYaml,
): CompletionEntry[] {
  const root = schemaOf(input.kind);
  if (!root) return [];
  const yaml = parsed ?? parseFile(input.kind, input.text);
  if (input.kind === 'dvc-pipeline') {
    const dvc = dvcCompletions(yaml, position, input.path);
    if (dvc) return dvc;
  }
  const doc = yaml.documents[0];
  if (!doc) return keyCompletions(root, [], new Set());
  const { lines } = yaml;
  const lineText = lines.lineText(position.line);
  const before = lineText.slice(0, position.character);
  const maps = collectMaps(doc, lines);

  const pathOfKeyOnLine = (column: number, key: string): PathSegment[] | undefined => {
    const map = mapAtColumn(maps, lines, position.line, column);
    return map ? [...map.path, key] : column === 0 ? [key] : undefined;
  };

  const exprStart = before.lastIndexOf('${{');
  if (exprStart !== -1 && before.indexOf('}}', exprStart) === -1) {
    const value = VALUE_POSITION.exec(before);
    const path = value
      ? (pathOfKeyOnLine((value[1] ?? '').length, value[2] ?? '') ?? [])
      : (mapAtColumn(maps, lines, position.line, 0)?.path ?? []);
    return expressionCompletions({ yaml, path: input.path }, before.slice(exprStart + 3).trimStart(), path);
  }

  const value = VALUE_POSITION.exec(before);
  if (value && value[2] === 'if' && input.kind === 'github-workflow') {
    // A condition is an expression without `${{ }}` too (GitHub wraps it).
    const path = pathOfKeyOnLine((value[1] ?? '').length, 'if') ?? [];
    return expressionCompletions({ yaml, path: input.path }, value[3] ?? '', path);
  }
  if (value) {
    const path = pathOfKeyOnLine((value[1] ?? '').length, value[2] ?? '');
    return path ? valueCompletions({ kind: input.kind, yaml }, root, path) : [];
  }

  const key = KEY_POSITION.exec(before);
  if (!key) return [];
  const isNewItem = key[2] !== undefined;
  const column = (key[1] ?? '').length + (key[2] ?? '').length;
  const map = mapAtColumn(maps, lines, position.line, column);
  if (map && !isNewItem) {
    const present = new Set(map.map.items.map((p) => scalarText(p.key as Node | null) ?? ''));
    return actionInputCompletions(yaml, input.path, map.path, present) ?? keyCompletions(root, map.path, present);
  }
  // A new, still empty mapping: find the key it belongs to on an earlier, less indented line.
  for (let l = position.line - 1; l >= 0; l--) {
    const text = lines.lineText(l);
    if (text.trim() === '' || text.trimStart().startsWith('#')) continue;
    const indent = text.length - text.trimStart().length;
    if (indent >= column && !(isNewItem && indent === (key[1] ?? '').length && text.trimStart().startsWith('-')))
      continue;
    const parent = PARENT_KEY.exec(text);
    if (!parent) {
      if (map) return keyCompletions(root, map.path, new Set());
      return [];
    }
    const parentColumn = (parent[1] ?? '').length + (parent[2] ?? '').length;
    const parentPath =
      parentColumn === 0
        ? [parent[3] ?? '']
        : [...(mapAtColumn(maps, lines, l, parentColumn)?.path ?? []), parent[3] ?? ''];
    if (!isNewItem) {
      const inputs = actionInputCompletions(yaml, input.path, parentPath, new Set());
      if (inputs) return inputs;
    }
    return keyCompletions(root, isNewItem ? [...parentPath, 0] : parentPath, new Set());
  }
  return keyCompletions(
    root,
    [],
    new Set(maps.find((m) => m.path.length === 0)?.map.items.map((p) => scalarText(p.key as Node | null) ?? '') ?? []),
  );
}
