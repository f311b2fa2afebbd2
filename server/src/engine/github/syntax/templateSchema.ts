// Typed access to GitHub's own syntax definitions (copied from @actions/workflow-parser by
// scripts/generateGithubSyntax.mjs). They are "template schemas": named definitions, each a mapping, sequence, string,
// boolean, number, null or one-of; a property names the definition of its value. `context` lists the expression
// contexts and functions allowed in a value (a definition without one is read literally: no `${{ }}`).
import actionSyntax from './actionSyntax.json';
import workflowSyntax from './workflowSyntax.json';

export interface TemplatePropertyObject {
  readonly type: string;
  readonly required?: boolean;
  readonly description?: string;
}
/** A property's value: the name of a definition, or that name with `required` and a description. */
export type TemplateProperty = string | TemplatePropertyObject;

export interface TemplateDefinition {
  readonly description?: string;
  /** Contexts (`github`) and functions with their arity (`hashFiles(1,255)`) allowed in the value. */
  readonly context?: readonly string[];
  readonly mapping?: {
    readonly properties?: Readonly<Record<string, TemplateProperty>>;
    /** Keys not listed in `properties` are allowed when these are set (e.g. `env`: any name, a string value). */
    readonly 'loose-key-type'?: string;
    readonly 'loose-value-type'?: string;
  };
  readonly sequence?: { readonly 'item-type': string };
  readonly string?: {
    readonly constant?: string;
    readonly 'require-non-empty'?: boolean;
    readonly 'is-expression'?: boolean;
  };
  readonly boolean?: Record<string, never>;
  readonly number?: Record<string, never>;
  readonly null?: Record<string, never>;
  readonly 'allowed-values'?: readonly string[];
  readonly 'one-of'?: readonly string[];
}

export interface TemplateSchema {
  /** Where the definitions came from, so messages and tests can say how old they are. */
  readonly source: { readonly package: string; readonly version: string; readonly file: string };
  readonly version: string;
  readonly definitions: Readonly<Record<string, TemplateDefinition>>;
}

export const WORKFLOW_SYNTAX = workflowSyntax as unknown as TemplateSchema;
export const ACTION_SYNTAX = actionSyntax as unknown as TemplateSchema;

/** The definition called `name`; throws on a name the schema does not define (a bug in our reading, not user input). */
export function templateDefinition(schema: TemplateSchema, name: string): TemplateDefinition {
  const found = schema.definitions[name];
  if (!found) throw new Error(`${schema.source.file} defines no '${name}'`);
  return found;
}

export function propertyType(property: TemplateProperty): string {
  return typeof property === 'string' ? property : property.type;
}
