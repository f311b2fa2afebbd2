// Where GitHub's workflow syntax lets an expression use which contexts, read from the `context` lists of the template
// schema (workflowSyntax.json) the way GitHub's template reader does: a definition's contexts add to those of the
// definition it is reached from (`step-env` under a step adds to nothing; `container-env` under `container` inherits the
// container's), and a one-of passes its own on to each alternative. A value reached with no context at all is read
// literally: `${{ }}` there is not evaluated. Walking is by path (mapping keys and sequence indices), which tells at each
// level whether the node is a mapping or a sequence, so one-of alternatives are narrowed the same way the reader does.
import { WORKFLOW_SYNTAX, propertyType, type TemplateDefinition, type TemplateSchema } from './templateSchema';

/** One concrete (non one-of) definition reached along a path, with the contexts accumulated on the way. */
export interface SchemaLeaf {
  /** Definition name; 'any' for the reader's built-in "anything" (values under a `${{ }}` key, matrix rows). */
  readonly name: string;
  readonly definition: TemplateDefinition;
  readonly context: readonly string[];
}

/** The alternatives a node at some path may match. */
export class SchemaCursor {
  private readonly keyCache = new Map<string, SchemaCursor | undefined>();
  private itemCache: SchemaCursor | undefined | null = null;

  constructor(
    private readonly schema: TemplateSchema,
    readonly leaves: readonly SchemaLeaf[],
    readonly looseKey = false,
  ) {}

  /** The value under `key` of a mapping here; undefined when no alternative is a mapping that allows the key. */
  child(key: string): SchemaCursor | undefined {
    if (this.keyCache.has(key)) return this.keyCache.get(key);
    const leaves: SchemaLeaf[] = [];
    let loose = false;
    for (const leaf of this.leaves) {
      if (leaf.name === 'any') {
        leaves.push(leaf);
        continue;
      }
      const mapping = leaf.definition.mapping;
      if (!mapping) continue;
      const property = mapping.properties?.[key];
      if (property !== undefined) leaves.push(...expand(this.schema, propertyType(property), leaf.context));
      else if (mapping['loose-value-type'] !== undefined) {
        loose = true;
        leaves.push(...expand(this.schema, mapping['loose-value-type'], leaf.context));
      }
    }
    const cursor = leaves.length > 0 ? new SchemaCursor(this.schema, leaves, loose) : undefined;
    this.keyCache.set(key, cursor);
    return cursor;
  }

  /** The items of a sequence here. */
  item(): SchemaCursor | undefined {
    if (this.itemCache !== null) return this.itemCache;
    const leaves = this.leaves.flatMap((leaf) => {
      if (leaf.name === 'any') return [leaf];
      const itemType = leaf.definition.sequence?.['item-type'];
      return itemType === undefined ? [] : expand(this.schema, itemType, leaf.context);
    });
    this.itemCache = leaves.length > 0 ? new SchemaCursor(this.schema, leaves) : undefined;
    return this.itemCache;
  }

  /** Contexts and functions allowed in an expression written at this node (the union over its alternatives). */
  context(): readonly string[] {
    const seen = new Map<string, string>();
    for (const leaf of this.leaves)
      for (const c of leaf.context) if (!seen.has(c.toLowerCase())) seen.set(c.toLowerCase(), c);
    return [...seen.values()];
  }

  /** Contexts allowed in a `${{ }}` written as a mapping key here (GitHub reads the key with the mapping's contexts). */
  keyContext(): readonly string[] {
    const seen = new Map<string, string>();
    for (const leaf of this.leaves) {
      if (!leaf.definition.mapping && leaf.name !== 'any') continue;
      for (const c of leaf.context) if (!seen.has(c.toLowerCase())) seen.set(c.toLowerCase(), c);
    }
    return [...seen.values()];
  }

  /** The value under a `${{ }}` key: anything, with the mapping's contexts. */
  expressionKeyValue(): SchemaCursor {
    return new SchemaCursor(this.schema, [anyLeaf(this.keyContext())]);
  }

  /** True when a scalar (string, number, boolean or null) is one of the alternatives. */
  acceptsScalar(): boolean {
    return this.leaves.some((l) => l.name === 'any' || isScalarDefinition(l.definition));
  }

  acceptsMapping(): boolean {
    return this.leaves.some((l) => l.name === 'any' || l.definition.mapping !== undefined);
  }

  acceptsSequence(): boolean {
    return this.leaves.some((l) => l.name === 'any' || l.definition.sequence !== undefined);
  }

  /** Keys the mapping alternatives allow, or undefined when one of them takes any key. */
  mappingKeys(): readonly string[] | undefined {
    const keys: string[] = [];
    for (const leaf of this.leaves) {
      if (leaf.name === 'any') return undefined;
      const mapping = leaf.definition.mapping;
      if (!mapping) continue;
      if (mapping['loose-key-type'] !== undefined) return undefined;
      keys.push(...Object.keys(mapping.properties ?? {}));
    }
    return keys;
  }
}

function isScalarDefinition(d: TemplateDefinition): boolean {
  return d.string !== undefined || d.boolean !== undefined || d.number !== undefined || d.null !== undefined;
}

function anyLeaf(context: readonly string[]): SchemaLeaf {
  return { name: 'any', definition: {}, context };
}

function merge(parent: readonly string[], own: readonly string[] | undefined): readonly string[] {
  if (!own || own.length === 0) return parent;
  const seen = new Set(parent.map((c) => c.toLowerCase()));
  return [...parent, ...own.filter((c) => !seen.has(c.toLowerCase()))];
}

/** A definition with its one-of alternatives flattened, each carrying the contexts met on the way. */
function expand(schema: TemplateSchema, name: string, parentContext: readonly string[], depth = 0): SchemaLeaf[] {
  // The reader's built-in types (`any`, `string`, `mapping`, ...) may not be in the file's definitions.
  const definition = schema.definitions[name];
  if (!definition)
    return [
      name === 'string' || name === 'boolean' || name === 'number' || name === 'null'
        ? { name, definition: { [name]: {} }, context: parentContext }
        : anyLeaf(parentContext),
    ];
  const context = merge(parentContext, definition.context);
  const oneOf = definition['one-of'];
  if (oneOf && depth < 8) return oneOf.flatMap((n) => expand(schema, n, context, depth + 1));
  return [{ name, definition, context }];
}

let workflowRoot: SchemaCursor | undefined;

/** The workflow file's root (`workflow-root`). */
export function workflowRootCursor(): SchemaCursor {
  workflowRoot ??= new SchemaCursor(WORKFLOW_SYNTAX, expand(WORKFLOW_SYNTAX, 'workflow-root', []));
  return workflowRoot;
}

/** `hashFiles(1,255)` -> ['hashFiles', 255]; a plain context name -> undefined. */
export function functionEntry(entry: string): [name: string, maxArgs: number] | undefined {
  const match = /^([A-Za-z_][\w-]*)\((\d+),(\d+|MAX)\)$/.exec(entry);
  if (!match?.[1] || match[3] === undefined) return undefined;
  return [match[1], match[3] === 'MAX' ? Number.MAX_SAFE_INTEGER : Number(match[3])];
}
