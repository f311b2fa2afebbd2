// Inputs and outputs of popular actions, bundled so checks work offline (data/popularActions.json; refresh with
// scripts/refreshActionMetadata.mjs). Versions are keyed by major ranges ("2-6") because inputs change across majors
// (docker/build-push-action v1 and v2+ share almost nothing).
import data from './data/popularActions.json';

export interface InputSpec {
  readonly required?: boolean;
  readonly deprecated?: boolean;
}

export interface ActionVersionMetadata {
  readonly inputs: Readonly<Record<string, InputSpec>>;
  readonly outputs: readonly string[];
}

interface ActionEntry {
  readonly latest: string;
  readonly versions: Readonly<Record<string, ActionVersionMetadata>>;
  readonly retired?: Readonly<Record<string, string>>;
  /** Release tag -> the commit it named when the data was refreshed (only tags whose SHA was seen, never guessed). */
  readonly pins?: Readonly<Record<string, string>>;
}

const ACTIONS = (data as unknown as { actions: Readonly<Record<string, ActionEntry>> }).actions;

function inRange(range: string, major: number): boolean {
  const [lo, hi] = range.split('-').map(Number);
  return lo !== undefined && major >= lo && major <= (hi ?? lo);
}

export function knownAction(name: string): ActionEntry | undefined {
  return ACTIONS[name.toLowerCase()];
}

/** Metadata for a major version; for branches and SHAs only when every version shares one definition. */
export function metadataFor(name: string, major: number | undefined): ActionVersionMetadata | undefined {
  const entry = knownAction(name);
  if (!entry) return undefined;
  const ranges = Object.entries(entry.versions);
  if (major === undefined) return ranges.length === 1 ? ranges[0]?.[1] : undefined;
  return ranges.find(([range]) => inRange(range, major))?.[1];
}

/** Why a major version no longer works, when GitHub has retired it. */
export function retiredReason(name: string, major: number | undefined): string | undefined {
  const entry = knownAction(name);
  if (!entry?.retired || major === undefined) return undefined;
  return Object.entries(entry.retired).find(([range]) => inRange(range, major))?.[1];
}

export interface ActionPin {
  /** The release tag the SHA belongs to, e.g. `v4.2.2` (what the pinned line's comment keeps). */
  readonly tag: string;
  readonly sha: string;
}

/** Numeric parts of a `v1.2.3` tag or ref; undefined for anything else (branches, `latest`). */
function versionParts(ref: string): number[] | undefined {
  return /^v?\d+(?:\.\d+){0,2}$/.test(ref) ? ref.replace(/^v/, '').split('.').map(Number) : undefined;
}

/**
 * The commit to pin `name@ref` to: the exact tag when known, else the newest known release under a moving tag (`v4`,
 * `v4.2`). Branches and unknown versions get none, since a release SHA would silently change what runs. Sub-path actions
 * (`actions/cache/restore`) share their repository's tags.
 */
export function pinFor(name: string, ref: string): ActionPin | undefined {
  const repo = name.toLowerCase().split('/').slice(0, 2).join('/');
  const pins = knownAction(repo)?.pins;
  const wanted = versionParts(ref);
  if (!pins || !wanted) return undefined;
  let best: { tag: string; sha: string; parts: number[] } | undefined;
  for (const [tag, sha] of Object.entries(pins)) {
    const parts = versionParts(tag);
    if (!parts || wanted.some((p, i) => parts[i] !== p)) continue;
    if (!best || compareParts(parts, best.parts) > 0) best = { tag, sha, parts };
  }
  return best && { tag: best.tag, sha: best.sha };
}

function compareParts(a: readonly number[], b: readonly number[]): number {
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const d = (a[i] ?? 0) - (b[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}
