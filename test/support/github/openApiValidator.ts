// Checks the stand-in's replies against the committed slice of GitHub's official OpenAPI description, so the stand-in
// cannot drift from what GitHub really sends. OpenAPI 3.0 is not quite JSON Schema: `nullable: true` is rewritten into a
// null-admitting type, GitHub's custom formats are registered as no-ops, and components load under an absolute $id so
// `#/components/...` references resolve (GITHUB-API.md).
import Ajv, { type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import fs from 'node:fs';
import path from 'node:path';
import { REPO_ROOT } from '../paths';

export const SLICE_PATH = path.join(REPO_ROOT, 'test', 'support', 'github', 'actionsOpenApi.slice.json');
const SLICE_ID = 'https://preflight.invalid/actions-openapi-slice.json';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type JsonObject = { [key: string]: Json };

export interface OpenApiSlice {
  readonly provenance: {
    readonly package: string;
    readonly version: string;
    readonly sha256: string;
    readonly operations: readonly string[];
  };
  readonly paths: Record<string, Record<string, JsonObject>>;
  readonly components: Record<string, Record<string, JsonObject>>;
}

export function loadSlice(): OpenApiSlice {
  return JSON.parse(fs.readFileSync(SLICE_PATH, 'utf8')) as OpenApiSlice;
}

function isObject(value: Json | undefined): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** OpenAPI 3.0 `nullable` -> JSON Schema: `type: [T, 'null']`, null in enums, and `anyOf` around refs / compositions. */
function rewriteNullable(value: Json): Json {
  if (Array.isArray(value)) return value.map(rewriteNullable);
  if (!isObject(value)) return value;
  const out: JsonObject = {};
  for (const [key, child] of Object.entries(value)) {
    if (key === 'example' || key === 'examples') continue; // examples are data, not schema (and some are invalid)
    out[key] =
      key === '$ref' && typeof child === 'string' ? child.replace(/^#/, `${SLICE_ID}#`) : rewriteNullable(child);
  }
  if (out['nullable'] !== true) {
    delete out['nullable'];
    return out;
  }
  delete out['nullable'];
  if (typeof out['type'] === 'string') {
    out['type'] = [out['type'], 'null'];
    if (Array.isArray(out['enum']) && !out['enum'].includes(null)) out['enum'] = [...out['enum'], null];
    return out;
  }
  // A nullable $ref / allOf / oneOf / anyOf: accept null beside the whole schema.
  return { anyOf: [out, { type: 'null' }] };
}

/** Finds the path template (`/repos/{owner}/{repo}/...`) a concrete path matches. */
function matchRoute(templates: readonly string[], pathname: string): string | undefined {
  const parts = pathname.split('/');
  return templates.find((t) => {
    const tParts = t.split('/');
    return tParts.length === parts.length && tParts.every((p, i) => p.startsWith('{') || p === parts[i]);
  });
}

export class OpenApiValidator {
  private readonly ajv: Ajv;
  private readonly compiled = new Map<string, ValidateFunction>();
  private readonly slice: OpenApiSlice;

  constructor(slice: OpenApiSlice = loadSlice()) {
    this.slice = slice;
    this.ajv = new Ajv({ strict: false, allErrors: true });
    addFormats(this.ajv);
    for (const format of ['int32', 'int64', 'double', 'binary', 'repo.nwo', 'timestamp'])
      this.ajv.addFormat(format, true);
    this.ajv.addSchema({ $id: SLICE_ID, components: rewriteNullable(slice.components) }, SLICE_ID);
  }

  /** The operationId the slice defines for a method and concrete path, if any. */
  operationFor(method: string, pathname: string): string | undefined {
    const route = matchRoute(Object.keys(this.slice.paths), pathname);
    const op = route === undefined ? undefined : this.slice.paths[route]?.[method.toLowerCase()];
    const id = op?.['operationId'];
    return typeof id === 'string' ? id : undefined;
  }

  /**
   * Validates a JSON reply. Statuses the operation declares use its schema; other error statuses use GitHub's generic
   * error shape (basic-error). Returns a description of every violation, empty when the reply is valid.
   */
  check(method: string, pathname: string, status: number, body: unknown): string[] {
    const route = matchRoute(Object.keys(this.slice.paths), pathname);
    const op = route === undefined ? undefined : this.slice.paths[route]?.[method.toLowerCase()];
    if (route === undefined || op === undefined) return [`${method} ${pathname} is not an operation in the slice`];
    let schemaRef: string | undefined;
    const responses = op['responses'];
    const declared = isObject(responses) ? responses[String(status)] : undefined;
    if (isObject(declared)) {
      const ref = declared['$ref'];
      schemaRef =
        typeof ref === 'string'
          ? `${ref}/content/application~1json/schema`
          : `#/paths/${route.replaceAll('~', '~0').replaceAll('/', '~1')}/${method.toLowerCase()}/responses/${status}/content/application~1json/schema`;
      const content = typeof ref === 'string' ? undefined : declared['content'];
      if (typeof ref !== 'string' && !isObject(content))
        return body === undefined ? [] : [`${method} ${route} ${status} declares no body`];
    } else if (status >= 400) {
      schemaRef = '#/components/schemas/basic-error';
    } else {
      return [`${method} ${route} does not declare status ${status}`];
    }
    const validate = this.compile(schemaRef, route, method.toLowerCase(), status);
    if (validate(body)) return [];
    return (validate.errors ?? []).map(
      (e) => `${method} ${route} ${status}: ${e.instancePath || '(root)'} ${e.message ?? 'invalid'}`,
    );
  }

  private compile(schemaRef: string, route: string, method: string, status: number): ValidateFunction {
    const cached = this.compiled.get(schemaRef);
    if (cached) return cached;
    let schema: Json;
    if (schemaRef.startsWith('#/components/')) {
      const [, , section, name, ...rest] = schemaRef.split('/');
      let node: Json | undefined = this.slice.components[section ?? '']?.[name ?? ''];
      for (const part of rest)
        node = isObject(node) ? node[part.replaceAll('~1', '/').replaceAll('~0', '~')] : undefined;
      schema = rewriteNullable(node ?? {});
    } else {
      const responses = this.slice.paths[route]?.[method]?.['responses'];
      const response = isObject(responses) ? responses[String(status)] : undefined;
      const content = isObject(response) ? response['content'] : undefined;
      const json = isObject(content) ? content['application/json'] : undefined;
      schema = rewriteNullable(isObject(json) ? (json['schema'] ?? {}) : {});
    }
    const validate = this.ajv.compile(schema as object);
    this.compiled.set(schemaRef, validate);
    return validate;
  }
}
