// Local actions (`uses: ./path`) and local reusable workflows (`uses: ./.github/workflows/x.yml`) read from the
// workspace, so their inputs can be checked like those of published actions. Reads are cached by modification time.
import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { pathExists } from '../files/pathExists';

export interface DeclaredInput {
  readonly required: boolean;
  readonly hasDefault: boolean;
}

export interface LocalInterface {
  readonly file: string;
  readonly inputs: ReadonlyMap<string, DeclaredInput>;
  /** Secrets a reusable workflow declares; undefined for actions. */
  readonly secrets?: ReadonlyMap<string, { readonly required: boolean }>;
  readonly outputs: readonly string[];
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

function readCached(file: string, read: (doc: unknown) => LocalInterface | undefined): LocalInterface | undefined | 'absent' {
  let mtimeMs: number;
  try {
    const st = statSync(file);
    if (!st.isFile()) return 'absent';
    mtimeMs = st.mtimeMs;
  } catch {
    return 'absent';
  }
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
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
}

function readInputs(raw: unknown): Map<string, DeclaredInput> {
  const inputs = new Map<string, DeclaredInput>();
  for (const [name, spec] of Object.entries(record(raw) ?? {})) {
    const s = record(spec);
    inputs.set(name, { required: s?.['required'] === true, hasDefault: s !== undefined && 'default' in s });
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
      return { file, inputs: readInputs(d?.['inputs']), outputs: Object.keys(record(d?.['outputs']) ?? {}) };
    });
    if (found === 'absent') continue;
    return found ? { status: 'found', iface: found } : { status: 'unknown' };
  }
  try {
    if (statSync(path.join(dir, 'Dockerfile')).isFile()) return { status: 'unknown' };
  } catch {
    // no Dockerfile either
  }
  return { status: 'missing', tried: [...tried, path.join(dir, 'Dockerfile')] };
}

export function lookupReusableWorkflow(root: string | undefined, uses: string): LocalLookup {
  if (root === undefined) return { status: 'no-workspace' };
  const file = path.join(root, uses.replace(/@.*$/, ''));
  const found = readCached(file, (doc) => {
    const on = record(record(doc)?.['on']);
    const call = on ? record(on['workflow_call']) ?? (('workflow_call' in on) ? {} : undefined) : undefined;
    if (!call) return undefined;
    const secrets = new Map<string, { required: boolean }>();
    for (const [name, spec] of Object.entries(record(call['secrets']) ?? {})) secrets.set(name, { required: record(spec)?.['required'] === true });
    return { file, inputs: readInputs(call['inputs']), secrets, outputs: Object.keys(record(call['outputs']) ?? {}) };
  });
  if (found === 'absent') return { status: 'missing', tried: [file] };
  return found ? { status: 'found', iface: found } : { status: 'unknown' };
}
