// GitHub's template definitions (workflowSyntax.json, actionSyntax.json) turned into our Schema, so that one walker
// (schema/validateSchema.ts), hover and completion read GitHub's own structure instead of a retyped copy. The rules of
// reading are those of @actions/workflow-parser's template reader:
// - a definition is a mapping, sequence, string, boolean, number, null, one-of, or a list of allowed values;
// - `${{ }}` is allowed where the definition or one of its parents lists a `context`; elsewhere the value is literal;
// - an empty value is read as the empty string where a string is expected (so `name:` is fine, `runs-on:` is not, as
//   `runs-on` requires a non-empty string); keys are compared without case, so `FOO` and `foo` are the same key.
// What GitHub's JSON cannot say comes in as overlays, each named by the definition it applies to.
import type {
  MappingSchema,
  NumberSchema,
  PropertySchema,
  Schema,
  SequenceSchema,
  StringSchema,
} from '../../schema/schema';
import { propertyType, templateDefinition, type TemplateDefinition, type TemplateSchema } from './templateSchema';

export interface SchemaOverlays {
  /** Names for messages ("job", "run step"), by definition name. */
  readonly titles?: Readonly<Record<string, string>>;
  /** Docs we add where GitHub's definition has none, by definition name. */
  readonly descriptions?: Readonly<Record<string, string>>;
  /** Patterns for the keys of loose mappings, by definition name (job ids). */
  readonly keyPatterns?: Readonly<Record<string, { readonly regex: RegExp; readonly expected: string }>>;
  /** Definitions left out wherever they appear (features behind a flag GitHub has not turned on). */
  readonly omitDefinitions?: ReadonlySet<string>;
  /** Properties left out, by mapping definition name. */
  readonly omitProperties?: Readonly<Record<string, readonly string[]>>;
  /** Keys that may not appear together, in any mapping that has both (`branches` and `branches-ignore`). */
  readonly exclusiveKeys?: readonly (readonly [string, string])[];
  /** Mapping definitions whose unknown keys the tool ignores (reported as warnings), by name. */
  readonly ignoresUnknownKeys?: ReadonlySet<string>;
  /** Properties GitHub requires beyond those the JSON marks, by mapping definition name. */
  readonly requiredProperties?: Readonly<Record<string, readonly string[]>>;
  /** Properties the JSON marks required that the tool does not require when it runs the file, by definition name. */
  readonly optionalProperties?: Readonly<Record<string, readonly string[]>>;
  /** Definitions we read differently from the JSON, each with the reason where it is set. */
  readonly replaceDefinitions?: Readonly<Record<string, TemplateDefinition>>;
  /** Limits on a property's value GitHub applies when it runs the workflow, by `definition.property`. */
  readonly numberLimits?: Readonly<Record<string, Pick<NumberSchema, 'min' | 'integer'>>>;
  /** Lists GitHub refuses when empty although the JSON allows it, with the fewest items, by `definition.property`. */
  readonly minItems?: Readonly<Record<string, number>>;
  /** Mapping definitions whose file may not be empty (the root of a workflow). */
  readonly rejectsEmptyFile?: ReadonlySet<string>;
}

/** Definitions the template reader knows without their being written in the file (and `any`, which takes anything). */
const BUILT_IN: Readonly<Record<string, TemplateDefinition>> = {
  null: { null: {} },
  boolean: { boolean: {} },
  number: { number: {} },
  string: { string: {} },
  sequence: { sequence: { 'item-type': 'any' } },
  mapping: { mapping: { 'loose-key-type': 'string', 'loose-value-type': 'any' } },
  'non-empty-string': { string: { 'require-non-empty': true } },
  'sequence-of-non-empty-string': { sequence: { 'item-type': 'non-empty-string' } },
};

export function templateToSchema(syntax: TemplateSchema, root: string, overlays: SchemaOverlays = {}): Schema {
  return new Converter(syntax, overlays).convert(root, false);
}

class Converter {
  private readonly done = new Map<string, Schema>();
  private readonly converting = new Set<string>();

  constructor(
    private readonly syntax: TemplateSchema,
    private readonly overlays: SchemaOverlays,
  ) {}

  /** `inExpressionContext`: a parent lists contexts, so `${{ }}` is allowed here too (the reader passes them down). */
  convert(name: string, inExpressionContext: boolean): Schema {
    if (name === 'any' && !this.syntax.definitions[name]) return { type: 'any' };
    const definition = this.definition(name);
    const expressions = inExpressionContext || (definition.context?.length ?? 0) > 0;
    const key = `${name}|${String(expressions)}`;
    const known = this.done.get(key);
    if (known) return known;
    // GitHub's recursive definitions (parallel steps) are behind a flag we leave out; a cycle here is a bug in the overlays.
    if (this.converting.has(key)) throw new Error(`${this.syntax.source.file}: '${name}' refers to itself`);
    this.converting.add(key);
    const schema = this.build(name, definition, expressions);
    this.converting.delete(key);
    this.done.set(key, schema);
    return schema;
  }

  private definition(name: string): TemplateDefinition {
    return (
      this.overlays.replaceDefinitions?.[name] ??
      this.syntax.definitions[name] ??
      BUILT_IN[name] ??
      templateDefinition(this.syntax, name)
    );
  }

  private build(name: string, definition: TemplateDefinition, expressions: boolean): Schema {
    const description = this.overlays.descriptions?.[name] ?? definition.description;
    const common = {
      ...(description !== undefined ? { description } : {}),
      ...(expressions ? {} : { literalOnly: true }),
    };
    if (definition.mapping) return { ...this.mapping(name, definition.mapping, expressions), ...common };
    if (definition.sequence)
      return {
        type: 'sequence',
        items: this.convert(definition.sequence['item-type'], expressions),
        ...common,
      } satisfies SequenceSchema;
    if (definition['allowed-values']) return { type: 'string', enum: definition['allowed-values'], ...common };
    if (definition.string) return { ...stringSchema(definition.string), ...common };
    if (definition.boolean) return { type: 'boolean', ...common };
    if (definition.number) return { type: 'number', ...common };
    if (definition.null) return { type: 'null', ...common };
    if (definition['one-of']) return this.oneOf(definition['one-of'], expressions, common);
    throw new Error(`${this.syntax.source.file}: '${name}' has no type we read`);
  }

  private mapping(
    name: string,
    mapping: NonNullable<TemplateDefinition['mapping']>,
    expressions: boolean,
  ): MappingSchema {
    const omitted = new Set(this.overlays.omitProperties?.[name] ?? []);
    const alsoRequired = new Set(this.overlays.requiredProperties?.[name] ?? []);
    const notRequired = new Set(this.overlays.optionalProperties?.[name] ?? []);
    const properties: Record<string, PropertySchema> = {};
    for (const [key, property] of Object.entries(mapping.properties ?? {})) {
      if (omitted.has(key)) continue;
      const type = propertyType(property);
      if (this.overlays.omitDefinitions?.has(type)) continue;
      let schema = this.convert(type, expressions);
      if (typeof property !== 'string' && property.description !== undefined)
        schema = { ...schema, description: property.description };
      const limits = this.overlays.numberLimits?.[`${name}.${key}`];
      if (limits && schema.type === 'number') schema = { ...schema, ...limits };
      const fewest = this.overlays.minItems?.[`${name}.${key}`];
      if (fewest !== undefined && schema.type === 'sequence') schema = { ...schema, minItems: fewest };
      const required =
        ((typeof property !== 'string' && property.required === true) || alsoRequired.has(key)) &&
        !notRequired.has(key);
      properties[key] = required ? { schema, required: true } : { schema };
    }
    const title = this.overlays.titles?.[name] ?? titleOf(name);
    const loose = mapping['loose-value-type'];
    const keyPattern = this.overlays.keyPatterns?.[name];
    const exclusive = (this.overlays.exclusiveKeys ?? []).filter((pair) => pair.every((k) => k in properties));
    return {
      type: 'mapping',
      properties,
      title,
      caseInsensitiveKeys: true,
      ...(loose !== undefined ? { additional: this.convert(loose, expressions) } : {}),
      ...(keyPattern ? { keyPattern } : {}),
      ...(exclusive.length > 0 ? { exclusive } : {}),
      ...(this.overlays.ignoresUnknownKeys?.has(name) ? { ignoresUnknownKeys: true } : {}),
      ...(this.overlays.rejectsEmptyFile?.has(name) ? { rejectsEmptyFile: true } : {}),
    };
  }

  /**
   * The options of a one-of, as the reader sees them: nested one-ofs flattened, and the string options merged into one
   * string (a list of constants becomes an enum), since the reader tries every string definition on a string.
   */
  private oneOf(
    names: readonly string[],
    expressions: boolean,
    common: { description?: string; literalOnly?: boolean },
  ): Schema {
    const options: Schema[] = [];
    const strings: StringSchema[] = [];
    for (const option of this.flatten(names, expressions)) {
      if (option.type === 'string') strings.push(option);
      else options.push(option);
    }
    const text = mergeStrings(strings);
    if (text) options.push(text);
    const only = options.length === 1 ? options[0] : undefined;
    if (only) return { ...only, ...common };
    return { type: 'oneOf', options, ...common };
  }

  private flatten(names: readonly string[], expressions: boolean): Schema[] {
    return names
      .filter((n) => !this.overlays.omitDefinitions?.has(n))
      .flatMap((n) => {
        const definition = this.definition(n);
        if (definition['one-of'])
          return this.flatten(definition['one-of'], expressions || (definition.context?.length ?? 0) > 0);
        return [this.convert(n, expressions)];
      });
  }
}

function stringSchema(string: NonNullable<TemplateDefinition['string']>): StringSchema {
  if (string.constant !== undefined) return { type: 'string', enum: [string.constant] };
  return { type: 'string', nullAsEmpty: true, ...(string['require-non-empty'] === true ? { nonEmpty: true } : {}) };
}

/** Any free string accepts every string; otherwise the constants are the allowed values. */
function mergeStrings(strings: readonly StringSchema[]): StringSchema | undefined {
  if (strings.length === 0) return undefined;
  const free = strings.filter((s) => s.enum === undefined);
  if (free.length > 0)
    return { type: 'string', nullAsEmpty: true, ...(free.every((s) => s.nonEmpty === true) ? { nonEmpty: true } : {}) };
  return { type: 'string', enum: [...new Set(strings.flatMap((s) => s.enum ?? []))] };
}

/** `container-mapping` → `container`, `workflow-call-input-definition` → `workflow call input definition`. */
function titleOf(name: string): string {
  return name.replace(/-mapping$/, '').replace(/-/g, ' ');
}
