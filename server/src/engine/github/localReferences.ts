// Local actions (`uses: ./path`) and local reusable workflows (`uses: ./.github/workflows/x.yml`) read from the
// workspace, so their inputs can be checked like those of published actions. Reads are cached by modification time.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { pathExists, statOrUndefined } from '../files/pathExists';
import { metadataForRef } from './actionMetadata';
import { parseActionRef } from './actionRef';

export interface DeclaredInput {
  readonly required: boolean;
  readonly hasDefault: boolean;
  /** The action's own `deprecationMessage`, when it has one. */
  readonly deprecationMessage?: string;
}

export interface LocalInterface {
  readonly file: string;
  readonly inputs: ReadonlyMap<string, DeclaredInput>;
  /** Secrets a reusable workflow declares; undefined for actions. */
  readonly secrets?: ReadonlyMap<string, { readonly required: boolean }>;
  readonly outputs: readonly string[];
  /** `runs.using` of an action (`node20`, `composite`, `docker`), as written. */
  readonly using?: string;
  /** The parsed action.yml, for checks of the action's own metadata. */
  readonly manifest?: Readonly<Record<string, unknown>>;
}

export type LocalLookup =
  | { readonly status: 'found'; readonly iface: LocalInterface }
  | { readonly status: 'missing'; readonly tried: readonly string[] }
  /** A Docker action: inputs are not declared in a way we can check, or the file does not parse. */
  | { readonly status: 'unknown' }
  /** The checked file is not on disk (an unsaved buffer, a test): nothing can be said. */
  | { readonly status: 'no-workspace' };

/**
 * The repository root of a workflow file: the folder holding `.github/workflows/`, when it is a git checkout. Without
 * `.git` the file is a loose copy (an attachment, a corpus), where missing neighbours say nothing about the repository.
 */
export function repositoryRootOf(workflowPath: string): string | undefined {
  const normalized = workflowPath.replace(/\\/g, '/');
  const m = /^(.*)\/\.github\/workflows\/[^/]+$/.exec(normalized);
  if (!m) return undefined;
  const root = m[1] === '' ? '/' : (m[1] ?? '');
  return pathExists(path.join(root, '.git')) ? root : undefined;
}

const cache = new Map<string, { mtimeMs: number; value: LocalInterface | undefined }>();

function readCached(
  file: string,
  read: (doc: unknown) => LocalInterface | undefined,
): LocalInterface | undefined | 'absent' {
  const st = statOrUndefined(file);
  if (!st?.isFile()) return 'absent';
  const mtimeMs = st.mtimeMs;
  const hit = cache.get(file);
  if (hit?.mtimeMs === mtimeMs) return hit.value;
  let value: LocalInterface | undefined;
  try {
    value = read(parse(readFileSync(file, 'utf8')) as unknown);
  } catch {
    value = undefined; // a file that does not parse is reported when it is checked itself
  }
  cache.set(file, { mtimeMs, value });
  return value;
}

function record(value: unknown): Record<string, unknown> | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : undefined;
}

function readInputs(raw: unknown): Map<string, DeclaredInput> {
  const inputs = new Map<string, DeclaredInput>();
  for (const [name, spec] of Object.entries(record(raw) ?? {})) {
    const s = record(spec);
    const deprecation = s?.['deprecationMessage'];
    inputs.set(name, {
      required: s?.['required'] === true,
      hasDefault: s !== undefined && 'default' in s,
      ...(typeof deprecation === 'string' ? { deprecationMessage: deprecation.trim() } : {}),
    });
  }
  return inputs;
}

export function lookupLocalAction(root: string | undefined, uses: string): LocalLookup {
  if (root === undefined) return { status: 'no-workspace' };
  const dir = path.join(root, uses);
  const tried = ['action.yml', 'action.yaml'].map((f) => path.join(dir, f));
  for (const file of tried) {
    const found = readCached(file, (doc) => {
      const d = record(doc);
      if (!d) return undefined;
      const using = record(d['runs'])?.['using'];
      return {
        file,
        inputs: readInputs(d['inputs']),
        outputs: Object.keys(record(d['outputs']) ?? {}),
        ...(typeof using === 'string' ? { using } : {}),
        manifest: d,
      };
    });
    if (found === 'absent') continue;
    return found ? { status: 'found', iface: found } : { status: 'unknown' };
  }
  if (statOrUndefined(path.join(dir, 'Dockerfile'))?.isFile() === true) return { status: 'unknown' };
  return { status: 'missing', tried: [...tried, path.join(dir, 'Dockerfile')] };
}

export function lookupReusableWorkflow(root: string | undefined, uses: string): LocalLookup {
  if (root === undefined) return { status: 'no-workspace' };
  const file = path.join(root, uses.replace(/@.*$/, ''));
  const found = readCached(file, (doc) => {
    const on = record(record(doc)?.['on']);
    const call = on ? (record(on['workflow_call']) ?? ('workflow_call' in on ? {} : undefined)) : undefined;
    if (!call) return undefined;
    const secrets = new Map<string, { required: boolean }>();
    for (const [name, spec] of Object.entries(record(call['secrets']) ?? {}))
      secrets.set(name, { required: record(spec)?.['required'] === true });
    return { file, inputs: readInputs(call['inputs']), secrets, outputs: Object.keys(record(call['outputs']) ?? {}) };
  });
  if (found === 'absent') return { status: 'missing', tried: [file] };
  return found ? { status: 'found', iface: found } : { status: 'unknown' };
}

export interface KnownOutputs {
  readonly names: readonly string[];
  /** False when the ref may name a release newer than the data (`v4`), which could declare more outputs. */
  readonly complete: boolean;
  /** Where the names come from, for messages: a file, or the release and date of the bundled data. */
  readonly source: string;
}

/**
 * Output names of what `uses` names, for expression checks of `steps.<id>.outputs` and `needs.<job>.outputs`: a local
 * action's or local reusable workflow's declared outputs, or a popular action's recorded outputs for that version.
 * Undefined when unknown (a Docker action without action.yml, an action the bundled data lacks, a branch), where any
 * output name must be accepted.
 */
export function actionOutputs(root: string | undefined, uses: string, isJob = false): KnownOutputs | undefined {
  const ref = parseActionRef(uses);
  if (ref.kind === 'local') {
    const lookup = isJob ? lookupReusableWorkflow(root, ref.path) : lookupLocalAction(root, ref.path);
    return lookup.status === 'found'
      ? { names: lookup.iface.outputs, complete: true, source: lookup.iface.file }
      : undefined;
  }
  if (ref.kind !== 'remote' || isJob) return undefined;
  const known = metadataForRef(ref.name, ref.ref);
  if (!known) return undefined;
  return {
    names: known.metadata.outputs,
    complete: known.coverage === 'exact',
    source: `${ref.name} ${known.metadata.release} (data of ${known.recordedAt})`,
  };
}
