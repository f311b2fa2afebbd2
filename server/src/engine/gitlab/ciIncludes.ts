// Local includes of a .gitlab-ci.yml, read from the repository (paths are relative to its root, with or without a
// leading `/`; `*` and `**` wildcards as GitLab expands them), recursively. Only a saved file inside a git checkout is
// resolved; anything we cannot read (remote, template, project and component includes, variables, `$[[ inputs ]]`
// templating) makes the result incomplete, and rules that need the whole configuration then stay silent. Reads are
// cached by modification time.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parseAllDocuments } from 'yaml';
import { RESERVED_TOP_LEVEL } from './gitlabKeywords';
import { classifyInclude, configDocument } from './gitlabModel';
import { statOrUndefined } from '../files/pathExists';

/** A job as seen in an included file: enough to resolve `extends`, `needs` and stages. */
export interface IncludedJob {
  readonly name: string;
  readonly keys: ReadonlySet<string>;
  readonly extends: readonly string[];
  readonly stage: string | undefined;
}

export interface IncludedConfig {
  /** Every include was local and readable, recursively. */
  readonly complete: boolean;
  readonly jobs: ReadonlyMap<string, IncludedJob>;
  /** `stages` of the last included file that sets it. */
  readonly stages: readonly string[] | undefined;
  /** The files read (absolute paths), in include order. */
  readonly files: readonly string[];
}

/** The git checkout holding a saved file; undefined for unsaved buffers and loose copies. */
export function repositoryRoot(checked: string): string | undefined {
  const file = path.resolve(checked); // the CLI passes paths as the user typed them
  if (statOrUndefined(file)?.isFile() !== true) return undefined;
  for (let dir = path.dirname(file); ; dir = path.dirname(dir)) {
    if (statOrUndefined(path.join(dir, '.git')) !== undefined) return dir;
    if (path.dirname(dir) === dir) return undefined;
  }
}

/** A local include path that names one file we can look for (no wildcard, no variable). */
export function isCheckableLocalPath(p: string): boolean {
  return !/[*?[$]/.test(p) && p.trim() !== '';
}

/** GitLab's wildcards in `include: local`: `*` within one folder, `**` across folders (no variables, no `?` or `[`). */
function isWildcardLocalPath(p: string): boolean {
  return p.includes('*') && !/[?[$]/.test(p);
}

const MAX_WILDCARD_FILES = 2_000;
const MAX_WILDCARD_VISITS = 20_000;
/**
 * The editor asks for a file's kind (is it included?) on every check, so a `**` include would walk the tree each time;
 * an expansion is reused for a few seconds (a newly added file is picked up right after).
 */
const WILDCARD_TTL_MS = 5_000;
const wildcardCache = new Map<string, { at: number; files: string[] }>();

/** Files of the repository a wildcard include matches, sorted as GitLab includes them (by path). */
export function expandWildcard(root: string, pattern: string): string[] {
  const key = `${root}\0${pattern}`;
  const hit = wildcardCache.get(key);
  if (hit && Date.now() - hit.at < WILDCARD_TTL_MS) return hit.files;
  const relative = pattern.replace(/^\/+/, '');
  const fixed = relative.slice(0, relative.indexOf('*'));
  const base = fixed.includes('/') ? fixed.slice(0, fixed.lastIndexOf('/')) : '';
  const regex = new RegExp(
    `^${relative
      .split(/(\*\*|\*)/)
      .map((part) => (part === '**' ? '.*' : part === '*' ? '[^/]*' : part.replace(/[.+^${}()|\\]/g, '\\$&')))
      .join('')}$`,
  );
  const found: string[] = [];
  let visits = 0;
  const walk = (dir: string): void => {
    let items;
    try {
      items = readdirSync(path.join(root, dir), { withFileTypes: true });
    } catch {
      return;
    }
    for (const item of items) {
      if (
        found.length >= MAX_WILDCARD_FILES ||
        visits++ >= MAX_WILDCARD_VISITS ||
        item.name === '.git' ||
        item.name === 'node_modules'
      )
        continue;
      const rel = dir === '' ? item.name : `${dir}/${item.name}`;
      if (item.isDirectory()) walk(rel);
      else if (item.isFile() && regex.test(rel)) found.push(path.join(root, rel));
    }
  };
  walk(base);
  const files = found.sort();
  wildcardCache.set(key, { at: Date.now(), files });
  return files;
}

export function localIncludeFile(root: string, p: string): string {
  return path.join(root, p.replace(/^\/+/, ''));
}

export interface ParsedInclude {
  readonly ok: boolean;
  readonly data: Record<string, unknown>;
}

const cache = new Map<string, { mtimeMs: number; size: number; value: ParsedInclude }>();

/** A CI configuration file on disk, parsed (its configuration document, after a `spec:` header). */
export function readInclude(file: string): ParsedInclude {
  const st = statOrUndefined(file);
  if (!st?.isFile()) return { ok: false, data: {} };
  const hit = cache.get(file);
  if (hit?.mtimeMs === st.mtimeMs && hit.size === st.size) return hit.value;
  let value: ParsedInclude = { ok: false, data: {} };
  try {
    const text = readFileSync(file, 'utf8');
    const docs = parseAllDocuments(text);
    const list = Array.isArray(docs) ? docs : [];
    const doc = configDocument(list);
    const data: unknown = doc?.toJS();
    if (
      !text.includes('$[[') &&
      list.every((d) => d.errors.length === 0) &&
      typeof data === 'object' &&
      data !== null &&
      !Array.isArray(data)
    ) {
      value = { ok: true, data: data as Record<string, unknown> };
    }
  } catch {
    value = { ok: false, data: {} };
  }
  cache.set(file, { mtimeMs: st.mtimeMs, size: st.size, value });
  return value;
}

function stringList(value: unknown): string[] {
  const list: unknown[] = Array.isArray(value) ? value : value === undefined ? [] : [value];
  return list.flatMap((v): string[] => (typeof v === 'string' ? [v] : Array.isArray(v) ? stringList(v) : []));
}

function keysOf(job: Record<string, unknown>): Set<string> {
  const keys = new Set(Object.keys(job).filter((k) => k !== '<<'));
  const merged = job['<<'];
  const sources: unknown[] = Array.isArray(merged) ? merged : [merged];
  for (const source of sources) {
    if (typeof source === 'object' && source !== null) for (const k of Object.keys(source)) keys.add(k);
  }
  return keys;
}

const MAX_INCLUDES = 150;

/** The `include` value of a configuration as a list of entries. */
export function includeEntries(value: unknown): readonly unknown[] {
  return Array.isArray(value) ? value : value === undefined || value === null ? [] : [value];
}

/** `stages` as a list of names, when the configuration sets it. */
export function stagesOf(data: Readonly<Record<string, unknown>>): string[] | undefined {
  return 'stages' in data ? stringList(data['stages']) : undefined;
}

/** Merges the jobs of one configuration file over those seen so far (a later file's `stage` wins, keys add up). */
export function mergeJobs(jobs: Map<string, IncludedJob>, data: Readonly<Record<string, unknown>>): void {
  for (const [name, value] of Object.entries(data)) {
    if (RESERVED_TOP_LEVEL.has(name) || typeof value !== 'object' || value === null || Array.isArray(value)) continue;
    const job = value as Record<string, unknown>;
    const earlier = jobs.get(name);
    const keys = keysOf(job);
    for (const k of earlier?.keys ?? []) keys.add(k);
    const stage = typeof job['stage'] === 'string' ? job['stage'] : earlier?.stage;
    jobs.set(name, { name, keys, extends: [...stringList(job['extends']), ...(earlier?.extends ?? [])], stage });
  }
}

/**
 * The configuration brought in by `include` entries (the values as written in the main file). `overrides` replaces a
 * file's saved content with what the editor holds (the fragment being edited).
 */
export function resolveIncludes(
  root: string | undefined,
  includes: readonly unknown[],
  overrides: ReadonlyMap<string, Record<string, unknown>> = new Map(),
): IncludedConfig {
  const jobs = new Map<string, IncludedJob>();
  let stages: string[] | undefined;
  let complete = true;
  const visited = new Set<string>();
  const files: string[] = [];
  const visit = (entries: readonly unknown[]): void => {
    for (const entry of entries) {
      const { kind, path: p } = classifyInclude(entry);
      const wildcard = p !== undefined && isWildcardLocalPath(p);
      if (
        kind !== 'local' ||
        p === undefined ||
        root === undefined ||
        !(wildcard || isCheckableLocalPath(p)) ||
        visited.size >= MAX_INCLUDES
      ) {
        complete = false;
        continue;
      }
      for (const file of wildcard ? expandWildcard(root, p) : [localIncludeFile(root, p)]) {
        if (visited.has(file) || visited.size >= MAX_INCLUDES) continue;
        visited.add(file);
        const override = overrides.get(file);
        const parsed = override ? { ok: true, data: override } : readInclude(file);
        if (!parsed.ok) {
          complete = false;
          continue;
        }
        files.push(file);
        stages = stagesOf(parsed.data) ?? stages;
        mergeJobs(jobs, parsed.data);
        visit(includeEntries(parsed.data['include']));
      }
    }
  };
  visit(includes);
  return { complete, jobs, stages, files };
}
