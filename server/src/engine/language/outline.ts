// Document outline: for workflows, triggers and jobs with their steps; for every other kind, the top two levels of keys
// (DVC stages, MLproject entry points, GitLab jobs).
import { workflowModel } from '../github/workflowModel';
import type { Range } from '../findings';
import type { FileKind } from '../kinds';
import { entries, isMap, nodeRange, type Node } from '../yaml/nodes';
import type { ParsedYaml } from '../yaml/parsedYaml';

export interface OutlineSymbol {
  readonly name: string;
  readonly detail?: string;
  readonly kind: 'object' | 'event' | 'function' | 'field';
  /** Whole extent of the entry. */
  readonly range: Range;
  /** The part to highlight (the key). */
  readonly selectionRange: Range;
  readonly children: readonly OutlineSymbol[];
}

function span(yaml: ParsedYaml, key: Node | null, value: Node | null): Range {
  const start = key?.range?.[0] ?? value?.range?.[0] ?? 0;
  const end = value?.range?.[1] ?? key?.range?.[1] ?? start;
  return yaml.lines.range(start, end);
}

export function outline(yaml: ParsedYaml, kind: FileKind): OutlineSymbol[] {
  const doc = yaml.documents[0];
  if (!doc || !isMap(doc.contents)) return [];
  const model = kind === 'github-workflow' ? workflowModel(yaml) : undefined;
  return entries(doc.contents)
    .filter((e) => e.key !== undefined)
    .map((e): OutlineSymbol => {
      const base = {
        name: e.key ?? '',
        range: span(yaml, e.keyNode, e.value),
        selectionRange: nodeRange(yaml.lines, e.keyNode),
      };
      if (model && e.key === 'jobs') {
        return {
          ...base,
          kind: 'object',
          children: model.jobs.map((job) => ({
            name: job.id,
            ...(job.name ? { detail: job.name } : {}),
            kind: 'function' as const,
            range: span(yaml, job.keyNode, job.node),
            selectionRange: nodeRange(yaml.lines, job.keyNode),
            children: job.steps.map((s) => ({
              name: s.name ?? s.id?.name ?? s.uses?.name ?? `step ${s.index + 1}`,
              ...(s.uses ? { detail: s.uses.name } : {}),
              kind: 'field' as const,
              range: nodeRange(yaml.lines, s.node),
              selectionRange: nodeRange(yaml.lines, s.node),
              children: [],
            })),
          })),
        };
      }
      if (model && e.key === 'on') {
        return {
          ...base,
          kind: 'event',
          children: [...model.events.keys()].map((name) => ({
            name,
            kind: 'event' as const,
            range: base.range,
            selectionRange: base.selectionRange,
            children: [],
          })),
        };
      }
      const children = isMap(e.value)
        ? entries(e.value)
            .filter((c) => c.key !== undefined)
            .map((c) => ({
              name: c.key ?? '',
              kind: 'field' as const,
              range: span(yaml, c.keyNode, c.value),
              selectionRange: nodeRange(yaml.lines, c.keyNode),
              children: [],
            }))
        : [];
      return { ...base, kind: 'object', children };
    });
}
