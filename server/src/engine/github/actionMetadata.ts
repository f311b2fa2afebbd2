// Inputs, outputs and runtimes of popular actions per major version, bundled so checks work offline
// (data/popularActions.json, written by scripts/refreshActionMetadata.mjs from each major's newest release). The data
// ages: a moving ref like `v4` may point to a release newer than the one the data was read from, so callers ask how far
// the data covers a ref (`coverage`) before calling an unknown input an error.
import data from './data/popularActions.json';
import { isFullSha } from './actionRef';

export interface InputSpec {
  readonly required?: boolean;
  /** The action's own `deprecationMessage`, when it has one. */
  readonly deprecationMessage?: string;
}

export interface ActionVersionMetadata {
  /** The release tag this major's data was read from (its newest release on `recordedAt`). */
  readonly release: string;
  /** `runs.using` of that release (`node20`, `docker`, `composite`); absent for the old runner plugins. */
  readonly using?: string;
  readonly inputs: Readonly<Record<string, InputSpec>>;
  readonly outputs: readonly string[];
}

interface ActionEntry {
  readonly latest: string;
  /** When the data was read (YYYY-MM-DD). */
  readonly recordedAt: string;
  readonly majors: Readonly<Record<string, ActionVersionMetadata>>;
  /** Major range ("1-3") -> why GitHub turned it off. */
  readonly retired?: Readonly<Record<string, string>>;
  /** Release tag -> the commit it named when the data was refreshed (only tags whose SHA was seen, never guessed). */
  readonly pins?: Readonly<Record<string, string>>;
  /**
   * Set (to the action's own words, from its documentation) when the action reads inputs its action.yml does not
   * declare: GitHub passes every `with:` key on, so none of them is unknown there.
   */
  readonly undeclaredInputs?: string;
}

interface RetiredRuntime {
  /** What GitHub did, with dates, as a clause for messages. */
  readonly retired: string;
  readonly severity: 'warning' | 'info' | 'hint';
}

const DATA = data as unknown as {
  actions: Readonly<Record<string, ActionEntry>>;
  retiredRuntimes: Readonly<Record<string, RetiredRuntime | string>>;
};
const ACTIONS = DATA.actions;

/** What GitHub did with a retired JavaScript runtime (`node16`); undefined for current ones, `docker` and `composite`. */
export function retiredRuntime(using: string): RetiredRuntime | undefined {
  const found = DATA.retiredRuntimes[using.toLowerCase()];
  return typeof found === 'object' ? found : undefined;
}

export function knownAction(name: string): ActionEntry | undefined {
  return ACTIONS[name.toLowerCase()];
}

/** Metadata of a major version (the newest release of that major when the data was read). */
export function metadataFor(name: string, major: number | undefined): ActionVersionMetadata | undefined {
  return major === undefined ? undefined : knownAction(name)?.majors[String(major)];
}

/**
 * How far the data speaks for a ref. `exact`: every release the ref can name is the recorded release or older (`v4.2.2`,
 * `v4.2` when v4.4.0 was read, a SHA of a known release), so an input the data lacks does not exist there. `may-be-newer`:
 * the ref moves (`v4`, `release/v1`) and may name a release published after the data was read.
 */
export type Coverage = 'exact' | 'may-be-newer';

export interface RefMetadata {
  readonly metadata: ActionVersionMetadata;
  readonly recordedAt: string;
  readonly coverage: Coverage;
  /** Why any input name is valid for this action (see ActionEntry.undeclaredInputs). */
  readonly undeclaredInputs?: string | undefined;
}

/**
 * Numeric parts of a `v1.2.3` tag or ref; undefined for anything else (branches, `latest`). A trailing `.x` (the
 * `v2.x` branches some actions move like a major tag) names the same releases as the shorter version.
 */
function versionParts(ref: string): number[] | undefined {
  const version = ref.replace(/(?:\.x)+$/i, '');
  return /^v?\d+(?:\.\d+){0,2}$/.test(version) ? version.replace(/^v/, '').split('.').map(Number) : undefined;
}

/** Metadata for `name@ref`: by version (`v4`, `v4.2.1`, `release/v1`) or by the SHA of a known release tag. */
export function metadataForRef(name: string, ref: string): RefMetadata | undefined {
  const entry = knownAction(name);
  if (!entry) return undefined;
  const pinnedTag = isFullSha(ref) ? pinnedTagOf(name, ref) : undefined;
  const wanted = versionParts(pinnedTag ?? ref.replace(/^release\//, ''));
  const major = wanted?.[0];
  if (!wanted || major === undefined) return undefined;
  const metadata = entry.majors[String(major)];
  if (!metadata) return undefined;
  const recorded = versionParts(metadata.release) ?? [];
  // A ref of full length names one release; a shorter one names the newest release with that prefix, which is covered only
  // when the recorded release is already past that prefix (v4.2 when v4.4.0 was read).
  const exact =
    !ref.startsWith('release/') &&
    (wanted.length === 3
      ? compareParts(wanted, recorded) <= 0
      : wanted.length > 1 && compareParts(wanted, recorded.slice(0, wanted.length)) < 0);
  return {
    metadata,
    recordedAt: entry.recordedAt,
    coverage: exact ? 'exact' : 'may-be-newer',
    undeclaredInputs: entry.undeclaredInputs,
  };
}

/** Why a major version no longer works, when GitHub has retired it. */
export function retiredReason(name: string, major: number | undefined): string | undefined {
  const entry = knownAction(name);
  if (!entry?.retired || major === undefined) return undefined;
  return Object.entries(entry.retired).find(([range]) => inRange(range, major))?.[1];
}

function inRange(range: string, major: number): boolean {
  const [lo, hi] = range.split('-').map(Number);
  return lo !== undefined && major >= lo && major <= (hi ?? lo);
}

export interface ActionPin {
  /** The release tag the SHA belongs to, e.g. `v4.2.2` (what the pinned line's comment keeps). */
  readonly tag: string;
  readonly sha: string;
}

/** Pins live on the repository's entry: sub-path actions (`actions/cache/restore`) share their repository's tags. */
function pinsOf(name: string): Readonly<Record<string, string>> | undefined {
  return knownAction(name.toLowerCase().split('/').slice(0, 2).join('/'))?.pins;
}

function pinnedTagOf(name: string, sha: string): string | undefined {
  return Object.entries(pinsOf(name) ?? {}).find(([, s]) => s === sha.toLowerCase())?.[0];
}

/**
 * The commit to pin `name@ref` to: the exact tag when known, else the newest known release under a moving tag (`v4`,
 * `v4.2`). Branches and unknown versions get none, since a release SHA would silently change what runs.
 */
export function pinFor(name: string, ref: string): ActionPin | undefined {
  const pins = pinsOf(name);
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
