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
