// Lookups into parameter data (params.yaml, `vars`) read as plain values: the dot-separated keys of a stage's `params:`
// and the paths of `${}` both walk mappings by key and lists by index.
import type { PathSegment } from './interpolation';

export type Lookup =
  | { readonly found: true; readonly value: unknown }
  /** `depth` segments resolved; `available` are the keys that exist where the next one was expected. */
  | { readonly found: false; readonly depth: number; readonly available: readonly string[] };

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function lookupPath(data: unknown, path: readonly PathSegment[]): Lookup {
  let current = data;
  for (const [depth, segment] of path.entries()) {
    if (Array.isArray(current)) {
      const index = typeof segment === 'number' ? segment : /^\d+$/.test(segment) ? Number(segment) : -1;
      if (index < 0 || index >= current.length) return { found: false, depth, available: [] };
      current = current[index] as unknown;
    } else if (isRecord(current)) {
      const key = String(segment);
      if (!Object.hasOwn(current, key)) return { found: false, depth, available: Object.keys(current) };
      current = current[key];
    } else {
      return { found: false, depth, available: [] };
    }
  }
  return { found: true, value: current };
}

/**
 * Whether a dot-separated params key (`train.lr`) exists. DVC compares keys against the file flattened with dots, so a
 * key that itself contains a dot (`{"model.name": x}`) matches too: every split of the key into existing keys counts.
 */
export function hasDottedKey(data: unknown, key: string): boolean {
  if (key === '') return true;
  if (!isRecord(data)) return false;
  if (Object.hasOwn(data, key)) return true;
  // Longest head first, cutting at dots from the right; string offsets rather than split/join, as this runs per key.
  for (let dot = key.lastIndexOf('.'); dot !== -1; dot = dot === 0 ? -1 : key.lastIndexOf('.', dot - 1)) {
    const head = key.slice(0, dot);
    if (Object.hasOwn(data, head) && hasDottedKey(data[head], key.slice(dot + 1))) return true;
  }
  return false;
}

/** Deep merge as DVC merges params files and `vars`: mappings merge, anything else is replaced. */
export function mergeInto(into: Record<string, unknown>, from: Record<string, unknown>): void {
  for (const [key, value] of Object.entries(from)) {
    const existing = into[key];
    if (isRecord(existing) && isRecord(value)) {
      const copy = { ...existing };
      mergeInto(copy, value);
      into[key] = copy;
    } else {
      into[key] = value;
    }
  }
}
