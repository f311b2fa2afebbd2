// The DVC project on disk: its root, params and vars files, `.dvc` tracking files and other dvc.yaml files. Checks
// that read neighbours run only for a dvc.yaml saved inside a DVC project (a folder with `.dvc/` above it): a loose
// copy says nothing about the data around it. Reads are cached by modification time.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { isRecord } from './paramsData';
import { statOrUndefined } from '../files/pathExists';

export interface DvcProject {
  /** Folder holding `.dvc/`. */
  readonly root: string;
  /** Folder of the checked dvc.yaml (or params.yaml). */
  readonly dir: string;
}

export function isFile(p: string): boolean {
  return statOrUndefined(p)?.isFile() === true;
}

export function exists(p: string): boolean {
  return statOrUndefined(p) !== undefined;
}

/** The DVC project of a file that is saved on disk; undefined for unsaved buffers and loose copies. */
export function dvcProjectOf(checked: string): DvcProject | undefined {
  const file = path.resolve(checked); // the CLI passes paths as the user typed them
  if (!isFile(file)) return undefined;
  const dir = path.dirname(file);
  for (let current = dir; ; current = path.dirname(current)) {
    if (statOrUndefined(path.join(current, '.dvc'))?.isDirectory() === true) return { root: current, dir };
    if (path.dirname(current) === current) return undefined;
  }
}

export type DataFile =
  | { readonly status: 'ok'; readonly data: unknown }
  | { readonly status: 'missing' }
  /** A format we do not read (TOML, Python) or a file that does not parse: nothing can be said about its keys. */
  | { readonly status: 'unknown' };

// Shared answers, so that "unchanged" can be told by identity (see `sourcesUnchanged`).
const MISSING: DataFile = { status: 'missing' };
const UNKNOWN: DataFile = { status: 'unknown' };

const dataCache = new Map<string, { mtimeMs: number; size: number; value: DataFile }>();

/** A params or vars file (YAML or JSON) as plain data. */
export function readDataFile(file: string): DataFile {
  const st = statOrUndefined(file);
  if (!st?.isFile()) return MISSING;
  if (!/\.(ya?ml|json)$/i.test(file)) return UNKNOWN;
  const hit = dataCache.get(file);
  if (hit?.mtimeMs === st.mtimeMs && hit.size === st.size) return hit.value;
  let value: DataFile;
  try {
    value = { status: 'ok', data: parse(readFileSync(file, 'utf8')) as unknown };
  } catch {
    value = UNKNOWN; // reported when the file itself is checked
  }
  dataCache.set(file, { mtimeMs: st.mtimeMs, size: st.size, value });
  return value;
}

/** A path inside (or equal to) another, both absolute. */
export function isWithin(child: string, parent: string): boolean {
  const rel = path.relative(parent, child);
  return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
}

/** Outputs declared by a `.dvc` file (`dvc add`, `dvc import`), as absolute paths. */
function dvcFileOuts(file: string): string[] {
  const loaded = readDataFileAnyName(file);
  const outs = isRecord(loaded) ? loaded['outs'] : undefined;
  if (!Array.isArray(outs)) return [];
  return outs.flatMap((o: unknown) =>
    isRecord(o) && typeof o['path'] === 'string' ? [path.resolve(path.dirname(file), o['path'])] : [],
  );
}

const anyNameCache = new Map<string, { mtimeMs: number; size: number; value: unknown }>();

function readDataFileAnyName(file: string): unknown {
  const st = statOrUndefined(file);
  if (!st?.isFile()) return undefined;
  const hit = anyNameCache.get(file);
  if (hit?.mtimeMs === st.mtimeMs && hit.size === st.size) return hit.value;
  let value: unknown;
  try {
    value = parse(readFileSync(file, 'utf8')) as unknown;
  } catch {
    value = undefined;
  }
  anyNameCache.set(file, { mtimeMs: st.mtimeMs, size: st.size, value });
  return value;
}

/**
 * Whether a `.dvc` file tracks the path or a folder containing it. `dvc add data/x.csv` writes `data/x.csv.dvc`, but
 * `--file` may name it otherwise, so every `.dvc` file in the path's folders up to the root is read.
 */
export function trackedByDvcFile(project: DvcProject, target: string): boolean {
  for (let dir = path.dirname(target); isWithin(dir, project.root); dir = path.dirname(dir)) {
    let names: string[];
    try {
      names = readdirSync(dir);
    } catch {
      names = [];
    }
    for (const name of names) {
      if (!name.endsWith('.dvc')) continue;
      if (dvcFileOuts(path.join(dir, name)).some((out) => isWithin(target, out))) return true;
    }
    if (dir === project.root || path.dirname(dir) === dir) break;
  }
  return false;
}

const SKIPPED = new Set([
  'node_modules',
  '.git',
  '.dvc',
  '.venv',
  'venv',
  '__pycache__',
  '.tox',
  '.mypy_cache',
  'dist',
  'out',
]);
const MAX_ENTRIES = 20_000;

/** Every dvc.yaml in the project; undefined when the tree is too large to say. */
export function pipelineFilesIn(root: string): string[] | undefined {
  const found: string[] = [];
  let seen = 0;
  const walk = (dir: string): boolean => {
    let items;
    try {
      items = readdirSync(dir, { withFileTypes: true });
    } catch {
      return true;
    }
    for (const item of items) {
      if (++seen > MAX_ENTRIES) return false;
      if (item.isDirectory()) {
        if (SKIPPED.has(item.name) || item.name.startsWith('.')) continue;
        if (!walk(path.join(dir, item.name))) return false;
      } else if (item.name === 'dvc.yaml' || item.name === 'dvc.yml') {
        found.push(path.join(dir, item.name));
      }
    }
    return true;
  };
  return walk(root) ? found.sort() : undefined;
}

/** Another dvc.yaml as plain data (for its outputs); undefined when it does not parse. */
export function readPipelineFile(file: string): unknown {
  return readDataFileAnyName(file);
}
