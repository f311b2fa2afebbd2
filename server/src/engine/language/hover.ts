// Hover: the docs of the key under the cursor (from the schema), what a `uses:` action takes, and what a job in
// `needs` is. Markdown, short enough to read at a glance. dvc.yaml stages and values first: see dvcHover.ts.
import { majorOf, parseActionRef } from '../github/actionRef';
import { knownAction, metadataFor } from '../github/actionMetadata';
import { workflowModel } from '../github/workflowModel';
import type { Position, Range } from '../findings';
import { parseFile, schemaOf, type FileKind } from '../kinds';
import { ruleById } from '../rules/index';
import { nodeRange, scalarText } from '../yaml/nodes';
import type { ParsedYaml } from '../yaml/parsedYaml';
import { dvcHoverAt } from './dvcHover';
import { schemaAtPath } from './schemaAtPath';
import { nodeAt } from './yamlPaths';
import { workflowSyntaxDocs } from '../github/workflowSyntaxDocs';

export interface HoverInfo {
  readonly markdown: string;
  readonly range: Range;
}

/** `path` (absolute, when the document is a file) lets dvc.yaml hovers read the params.yaml beside it. */
export function hoverAt(
  input: { readonly text: string; readonly kind: FileKind; readonly path?: string | undefined },
  position: Position,
  parsed?: ParsedYaml,
): HoverInfo | undefined {
  const yaml = parsed ?? parseFile(input.kind, input.text);
  if (input.kind === 'dvc-pipeline') {
    const dvc = dvcHoverAt(yaml, position, input.path);
    if (dvc) return dvc;
  }
  const offset = yaml.lines.offsetAt(position);
  for (const doc of yaml.documents) {
    const at = nodeAt(doc, offset);
    if (!at) continue;
    const range = nodeRange(yaml.lines, at.node);
    const key = at.path[at.path.length - 1];
    const value = scalarText(at.node);
    if (!at.onKey && typeof key === 'string' && value !== undefined && input.kind === 'github-workflow') {
      const special = workflowValueHover(yaml, at.path, value);
      if (special) return { markdown: special, range };
    }
    if (
      at.onKey &&
      input.kind === 'github-workflow' &&
      at.path.length === 2 &&
      at.path[0] === 'jobs' &&
      typeof key === 'string'
    ) {
      const job = workflowModel(yaml)?.jobsById.get(key);
      if (job)
        return {
          markdown: jobSummary(
            job.id,
            job.name,
            job.needs.map((n) => n.name),
            job.steps.length,
          ),
          range,
        };
    }
    const root = schemaOf(input.kind);
    const schema = root ? schemaAtPath(root, at.onKey ? at.path : at.path) : undefined;
    if (schema?.description && at.onKey) {
      const docs =
        input.kind === 'github-workflow' && !schema.description.includes('](https://docs.github.com')
          ? workflowSyntaxDocs(at.path)
          : undefined;
      const link = docs ? `\n\n[GitHub's reference: \`${docs.heading}\`](${docs.url})` : '';
      return { markdown: `**${String(key)}**\n\n${schema.description}${link}`, range };
    }
  }
  return undefined;
}

function jobSummary(id: string, name: string | undefined, needs: readonly string[], steps: number): string {
  return [
    `**job \`${id}\`**${name ? ` — ${name}` : ''}`,
    '',
    needs.length ? `needs: ${needs.map((n) => `\`${n}\``).join(', ')}` : 'starts first (no `needs`)',
    `${steps} step${steps === 1 ? '' : 's'}`,
  ].join('\n\n');
}

function workflowValueHover(yaml: ParsedYaml, path: readonly (string | number)[], value: string): string | undefined {
  const key = [...path].reverse().find((p) => typeof p === 'string');
  const model = workflowModel(yaml);
  if (key === 'needs' && model) {
    const job = model.jobsById.get(value);
    return job
      ? jobSummary(
          job.id,
          job.name,
          job.needs.map((n) => n.name),
          job.steps.length,
        )
      : undefined;
  }
  if (key === 'uses') {
    const ref = parseActionRef(value);
    if (ref.kind !== 'remote') return undefined;
    const meta = metadataFor(ref.name, majorOf(ref.ref));
    const entry = knownAction(ref.name);
    if (!meta || !entry) return undefined;
    const inputs = Object.entries(meta.inputs).map(
      ([n, s]) =>
        `- \`${n}\`${s.required ? ' (required)' : ''}${s.deprecationMessage !== undefined ? ' (deprecated)' : ''}`,
    );
    return [
      `**${ref.name}@${ref.ref}** (current major: ${entry.latest})`,
      '',
      inputs.length ? `Inputs:\n${inputs.join('\n')}` : 'No inputs.',
      meta.outputs.length ? `Outputs: ${meta.outputs.map((o) => `\`${o}\``).join(', ')}` : '',
    ].join('\n\n');
  }
  return undefined;
}

/** Markdown for a rule id, for hovers on suppression comments. */
export function ruleHover(id: string): string | undefined {
  const rule = ruleById(id);
  return rule ? `**${rule.id}** — ${rule.docs.title}\n\n${rule.docs.description}` : undefined;
}
