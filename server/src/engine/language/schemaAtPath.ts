// The schema that applies at a YAML path, following mapping properties, `additional` entries, list items and the
// first option of a oneOf that can contain the next segment.
import { chooseMapping } from '../schema/mappingChoice';
import { propertySchema, type MappingSchema, type Schema } from '../schema/schema';
import type { PathSegment } from './yamlPaths';

function step(schema: Schema, segment: PathSegment): Schema | undefined {
  switch (schema.type) {
    case 'mapping': {
      if (typeof segment !== 'string') return undefined;
      const declared = schema.properties?.[segment];
      if (declared !== undefined) return propertySchema(declared).schema;
      return schema.additional;
    }
    case 'sequence':
      return typeof segment === 'number' ? schema.items : undefined;
    case 'oneOf': {
      for (const option of schema.options) {
        if (
          (typeof segment === 'number' && option.type === 'sequence') ||
          (typeof segment === 'string' && option.type === 'mapping')
        ) {
          const next = step(option, segment);
          if (next) return next;
        }
      }
      return undefined;
    }
    case 'string':
    case 'number':
    case 'boolean':
    case 'null':
    case 'any':
      return undefined;
  }
}

export function schemaAtPath(root: Schema, path: readonly PathSegment[]): Schema | undefined {
  let current: Schema | undefined = root;
  for (const segment of path) {
    if (!current) return undefined;
    current = step(current, segment);
  }
  return current;
}

/**
 * The mapping schema at a path (looking through oneOf), for key completion. Where the mapping may have several shapes
 * (a step runs a command or an action), the keys already `present` pick one as the validator does; with too few keys
 * to tell, the keys of all the shapes still possible are offered.
 */
export function mappingAtPath(
  root: Schema,
  path: readonly PathSegment[],
  present: readonly string[] = [],
): MappingSchema | undefined {
  const schema = schemaAtPath(root, path);
  if (!schema) return undefined;
  if (schema.type === 'mapping') return schema;
  if (schema.type !== 'oneOf') return undefined;
  const shapes = schema.options.filter((o): o is MappingSchema => o.type === 'mapping');
  if (shapes.length <= 1) return shapes[0];
  const choice = chooseMapping(present, shapes);
  if (choice.chosen) return choice.chosen;
  // Merged without `required`: no one key is required before the shape is known.
  const properties = Object.fromEntries(
    choice.candidates.flatMap((s) => Object.entries(s.properties ?? {}).map(([k, v]) => [k, propertySchema(v).schema])),
  );
  return { type: 'mapping', properties };
}

/** Allowed literal values at a path (enums, booleans), for value completion. */
export function valuesAtPath(root: Schema, path: readonly PathSegment[]): { value: string; description?: string }[] {
  const schema = schemaAtPath(root, path);
  const out: { value: string; description?: string }[] = [];
  const add = (s: Schema): void => {
    if (s.type === 'string' && s.enum) for (const v of s.enum) out.push({ value: v });
    else if (s.type === 'boolean') out.push({ value: 'true' }, { value: 'false' });
    else if (s.type === 'oneOf') s.options.forEach(add);
  };
  if (schema) add(schema);
  return out;
}
