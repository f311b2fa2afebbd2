// A small schema language for the YAML files we check. Smaller than JSON Schema on purpose: it says what the tools
// (GitHub, GitLab, DVC, MLflow, KServe) accept, carries docs for hover and completion, and knows about `${{ }}`
// expressions, which may stand in for any scalar where the tool evaluates them.

export interface Documented {
  /** Markdown shown on hover and in completion. */
  readonly description?: string;
  /** The tool reads this value before evaluating expressions, so `${{ }}` is not allowed here (e.g. `on`). */
  readonly literalOnly?: boolean;
}

export interface StringSchema extends Documented {
  readonly type: 'string';
  readonly enum?: readonly string[];
  /** Why a value failed `pattern`, phrased as what is expected (e.g. "a job id: letters, digits, `-` or `_`"). */
  readonly pattern?: { readonly regex: RegExp; readonly expected: string };
  /** Numbers and booleans are accepted and read as strings (GitHub does for env values). */
  readonly coerceScalars?: boolean;
  /** An empty value is read as the empty string (GitHub reads `name:` as `''`) instead of being a missing value. */
  readonly nullAsEmpty?: boolean;
  /** The empty string is not allowed (GitHub's `require-non-empty`). */
  readonly nonEmpty?: boolean;
}

export interface NumberSchema extends Documented {
  readonly type: 'number';
  readonly integer?: boolean;
  readonly min?: number;
  readonly max?: number;
}

export interface BooleanSchema extends Documented {
  readonly type: 'boolean';
}

export interface NullSchema extends Documented {
  readonly type: 'null';
}

export interface PropertySchema {
  readonly schema: Schema;
  readonly required?: boolean;
}

export interface MappingSchema extends Documented {
  readonly type: 'mapping';
  readonly properties?: Readonly<Record<string, Schema | PropertySchema>>;
  /** Schema for keys not listed in `properties`; absent means such keys are unknown (an error). */
  readonly additional?: Schema;
  /** Pattern for keys accepted through `additional`. */
  readonly keyPattern?: { readonly regex: RegExp; readonly expected: string };
  /** Name of what this mapping is, for messages ("job", "step"). */
  readonly title?: string;
  /** At least one of these keys must be present (e.g. a step needs `run` or `uses`). */
  readonly requireOneOf?: readonly string[];
  /** These keys may not appear together. */
  readonly exclusive?: readonly (readonly string[])[];
  /** The tool ignores unknown keys here instead of failing: report them as warnings. */
  readonly ignoresUnknownKeys?: boolean;
  /** An empty value (`workflow_dispatch:`) is accepted as an empty mapping. */
  readonly nullable?: boolean;
  /** Keys that differ only in case are the same key (GitHub: `FOO` and `foo` in `env`), so repeating one is an error. */
  readonly caseInsensitiveKeys?: boolean;
  /** The tool rejects a file with no content at all (GitHub: a workflow file must hold a mapping). */
  readonly rejectsEmptyFile?: boolean;
}

export interface SequenceSchema extends Documented {
  readonly type: 'sequence';
  readonly items: Schema;
  readonly minItems?: number;
}

/**
 * The first option whose type matches the node decides; used for "string or list of strings" and similar. When several
 * options are mappings (a step that runs a command or an action), the keys decide, as in GitHub's parser: a key that
 * is required by exactly one option (`run`, `uses`) picks it, else each key narrows the options to those that have it.
 */
export interface OneOfSchema extends Documented {
  readonly type: 'oneOf';
  readonly options: readonly Schema[];
}

export interface AnySchema extends Documented {
  readonly type: 'any';
}

export type Schema =
  StringSchema | NumberSchema | BooleanSchema | NullSchema | MappingSchema | SequenceSchema | OneOfSchema | AnySchema;

export function propertySchema(entry: Schema | PropertySchema): PropertySchema {
  return 'schema' in entry ? entry : { schema: entry };
}

// Builders keep the schema files short and readable.
export const str = (description?: string, extra: Omit<StringSchema, 'type' | 'description'> = {}): StringSchema =>
  description === undefined ? { type: 'string', ...extra } : { type: 'string', description, ...extra };
export const enumOf = (values: readonly string[], description?: string): StringSchema =>
  str(description, { enum: values });
export const num = (description?: string, extra: Omit<NumberSchema, 'type' | 'description'> = {}): NumberSchema =>
  description === undefined ? { type: 'number', ...extra } : { type: 'number', description, ...extra };
export const bool = (description?: string): BooleanSchema =>
  description === undefined ? { type: 'boolean' } : { type: 'boolean', description };
export const any = (description?: string): AnySchema =>
  description === undefined ? { type: 'any' } : { type: 'any', description };
export const seq = (
  items: Schema,
  description?: string,
  extra: Omit<SequenceSchema, 'type' | 'items' | 'description'> = {},
): SequenceSchema =>
  description === undefined
    ? { type: 'sequence', items, ...extra }
    : { type: 'sequence', items, description, ...extra };
export const oneOf = (options: readonly Schema[], description?: string): OneOfSchema =>
  description === undefined ? { type: 'oneOf', options } : { type: 'oneOf', options, description };
export const map = (
  properties: Readonly<Record<string, Schema | PropertySchema>>,
  extra: Omit<MappingSchema, 'type' | 'properties'> = {},
): MappingSchema => ({ type: 'mapping', properties, ...extra });
export const mapOf = (additional: Schema, extra: Omit<MappingSchema, 'type' | 'additional'> = {}): MappingSchema => ({
  type: 'mapping',
  additional,
  ...extra,
});
export const required = (schema: Schema): PropertySchema => ({ schema, required: true });
export const stringOrList = (description?: string): OneOfSchema => oneOf([str(), seq(str())], description);
