// Which of several mapping shapes a mapping is, decided by its keys: a step runs a command (`run`) or an action
// (`uses`); a job runs steps (`runs-on`) or calls a reusable workflow (`uses`). GitHub's parser narrows the shapes key
// by key; we first look for a key that only one shape requires (`run`, `uses`, `runs-on`), so that a stray `shell` on a
// `uses:` step is reported as the stray key it is, whatever the order of the keys.
import { propertySchema, type MappingSchema } from './schema';

export interface MappingChoice {
  /** The shape the keys point to; undefined when they fit several (a step with neither `run` nor `uses`). */
  readonly chosen: MappingSchema | undefined;
  /** The key that decided, when one shape's own key decided (`run`). */
  readonly decidedBy?: string;
  /** Keys that identify another shape than the chosen one (`uses` beside `run`). */
  readonly conflicting: readonly string[];
  /** The shapes still possible (all of them, or those left by narrowing). */
  readonly candidates: readonly MappingSchema[];
}

/** Keys that shape requires and no other shape does: seeing one says which shape is meant. */
export function identifyingKeys(shape: MappingSchema, shapes: readonly MappingSchema[]): string[] {
  return Object.entries(shape.properties ?? {})
    .filter(([, entry]) => propertySchema(entry).required === true)
    .map(([key]) => key)
    .filter((key) => shapes.every((other) => other === shape || !isRequired(other, key)));
}

function isRequired(shape: MappingSchema, key: string): boolean {
  const entry = shape.properties?.[key];
  return entry !== undefined && propertySchema(entry).required === true;
}

export function hasProperty(shape: MappingSchema, key: string): boolean {
  return shape.properties?.[key] !== undefined;
}

export function chooseMapping(keys: readonly string[], shapes: readonly MappingSchema[]): MappingChoice {
  const identifiedBy = new Map<string, MappingSchema>();
  for (const shape of shapes) for (const key of identifyingKeys(shape, shapes)) identifiedBy.set(key, shape);
  const identifying = keys.filter((k) => identifiedBy.has(k));
  const first = identifying[0];
  if (first !== undefined) {
    const chosen = identifiedBy.get(first);
    return {
      chosen,
      decidedBy: first,
      conflicting: identifying.filter((k) => identifiedBy.get(k) !== chosen),
      candidates: shapes,
    };
  }
  // As GitHub's parser does: each key known to some shapes but not all keeps only the shapes that know it.
  let candidates = shapes;
  for (const key of keys) {
    const knowing = candidates.filter((s) => hasProperty(s, key));
    if (knowing.length > 0 && knowing.length < candidates.length) candidates = knowing;
  }
  return { chosen: candidates.length === 1 ? candidates[0] : undefined, conflicting: [], candidates };
}
