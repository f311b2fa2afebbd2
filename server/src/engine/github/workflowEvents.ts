// The events that can trigger a workflow and their activity types, read from GitHub's own definitions
// (syntax/workflowSyntax.json): the keys of the `on` mapping, and each event's `<event>-activity-type` allowed values.
import { propertyType, templateDefinition, WORKFLOW_SYNTAX } from './syntax/templateSchema';

const ON_MAPPING = templateDefinition(WORKFLOW_SYNTAX, 'on-mapping-strict').mapping?.properties ?? {};

/** Every event a workflow may name under `on`, sorted. */
export const EVENT_NAMES: readonly string[] = Object.keys(ON_MAPPING).sort();

/**
 * The activity types (`types:`) an event accepts, or undefined when it takes none or any (`repository_dispatch` takes
 * the caller's own names). Read from the event's mapping: its `types` property names a one-of of an allowed-values
 * definition and a list of it.
 */
export function activityTypes(event: string): readonly string[] | undefined {
  const property = ON_MAPPING[event];
  if (property === undefined) return undefined;
  for (const option of templateDefinition(WORKFLOW_SYNTAX, propertyType(property))['one-of'] ?? []) {
    const types = WORKFLOW_SYNTAX.definitions[option]?.mapping?.properties?.['types'];
    if (types === undefined) continue;
    return allowedValues(propertyType(types));
  }
  return undefined;
}

function allowedValues(name: string): readonly string[] | undefined {
  const definition = WORKFLOW_SYNTAX.definitions[name];
  if (!definition) return undefined;
  if (definition['allowed-values']) return definition['allowed-values'];
  for (const option of definition['one-of'] ?? []) {
    const found = allowedValues(option);
    if (found) return found;
  }
  return undefined;
}

/** The keys an event's mapping form accepts (`branches`, `paths`, `types`, ...); empty for an unknown event. */
export function eventKeys(event: string): ReadonlySet<string> {
  const property = ON_MAPPING[event];
  if (property === undefined) return new Set();
  const name = propertyType(property);
  const options = templateDefinition(WORKFLOW_SYNTAX, name)['one-of'] ?? [name];
  return new Set(
    options.flatMap((option) => Object.keys(WORKFLOW_SYNTAX.definitions[option]?.mapping?.properties ?? {})),
  );
}
