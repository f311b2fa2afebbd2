// YAML anchors and aliases in workflows. GitHub accepts anchors (`&name`) and aliases (`*name`) since August 2025, as
// YAML 1.2 defines them: an alias stands for a copy of the anchored node. YAML 1.1's merge key `<<: *defaults` is not
// part of YAML 1.2 and GitHub does not support it: `<<` is read as an ordinary key, which no workflow section accepts.
// An alias inside the node its anchor marks would be an infinitely deep value.
import { isAlias, isCollection, isNode, isPair, type Alias, type Document } from 'yaml';
import type { RuleFinding } from '../../findings';
import { isScalar, nodeRange, type Node } from '../../yaml/nodes';
import { cleanDocuments } from '../../yaml/parsedYaml';
import type { Rule } from '../rule';

interface AnchorUse {
  /** Each `&name`, at the offset where it is written. */
  readonly anchors: { readonly name: string; readonly offset: number }[];
  readonly aliases: { readonly alias: Alias; readonly offset: number; readonly recursive: boolean }[];
  readonly mergeKeys: Node[];
}

const memo = new WeakMap<Document.Parsed, AnchorUse>();

function anchorUse(text: string, doc: Document.Parsed): AnchorUse {
  const cached = memo.get(doc);
  if (cached) return cached;
  const use: AnchorUse = { anchors: [], aliases: [], mergeKeys: [] };
  // A walk of our own rather than yaml's visit(), which builds a frozen copy of the path for every node: this rule ran
  // on every file and cost more than all its findings together. `ancestors` is pushed and popped along the walk.
  const ancestors: unknown[] = [];
  const walk = (node: unknown): void => {
    if (isAlias(node)) {
      const target = node.resolve(doc);
      use.aliases.push({
        alias: node,
        offset: node.range?.[0] ?? 0,
        recursive: target !== undefined && ancestors.includes(target),
      });
      return;
    }
    if (!isNode(node)) return;
    if (node.anchor)
      use.anchors.push({ name: node.anchor, offset: anchorOffset(text, node.anchor, node.range?.[0] ?? 0) });
    if (!isCollection(node)) return;
    ancestors.push(node);
    for (const item of node.items) {
      if (isPair(item)) {
        const key = item.key as Node | null;
        if (isScalar(key) && key.value === '<<' && key.type === 'PLAIN') use.mergeKeys.push(key);
        walk(item.key);
        walk(item.value);
      } else {
        walk(item);
      }
    }
    ancestors.pop();
  };
  walk(doc.contents);
  memo.set(doc, use);
  return use;
}

/** Where `&name` is written: before the node's own range (on the line above for a block collection). */
function anchorOffset(text: string, name: string, nodeStart: number): number {
  const at = text.lastIndexOf(`&${name}`, nodeStart);
  return at >= 0 ? at : nodeStart;
}

export const yamlMergeKey: Rule = {
  id: 'yaml-merge-key',
  kinds: ['github-workflow'],
  defaultSeverity: 'error',
  docs: {
    title: 'YAML merge key `<<` in a workflow',
    description:
      'GitHub reads workflows as YAML 1.2, which has anchors and aliases but no merge key: `<<: *defaults` is a key ' +
      'named `<<`, and GitHub rejects the workflow. Alias the whole mapping instead (`env: *defaults`), or write the keys out.',
  },
  check(ctx) {
    return cleanDocuments(ctx.parsed).flatMap((doc) =>
      anchorUse(ctx.parsed.text, doc).mergeKeys.map((key) => ({
        message:
          "GitHub does not support the YAML merge key '<<': it is read as a key named '<<' and the workflow is rejected. " +
          'Alias the whole mapping (`env: *defaults`) or write the keys out.',
        range: nodeRange(ctx.parsed.lines, key),
      })),
    );
  },
};

export const yamlRecursiveAlias: Rule = {
  id: 'yaml-recursive-alias',
  kinds: ['github-workflow'],
  defaultSeverity: 'error',
  docs: {
    title: 'An alias refers to the node that contains it',
    description:
      'An alias `*name` inside the node its anchor `&name` marks stands for a value that contains itself, without ' +
      'end. GitHub cannot expand it: the part is dropped or the workflow is rejected. Refer to an anchor outside the node.',
  },
  check(ctx) {
    return cleanDocuments(ctx.parsed).flatMap((doc) =>
      anchorUse(ctx.parsed.text, doc)
        .aliases.filter((a) => a.recursive)
        .map((a) => ({
          message:
            `The alias '*${a.alias.source}' is inside the node its anchor marks, so it stands for a value that contains itself without end. ` +
            'Refer to an anchor outside this node.',
          range: nodeRange(ctx.parsed.lines, a.alias as unknown as Node),
        })),
    );
  },
};

export const yamlUnusedAnchor: Rule = {
  id: 'yaml-unused-anchor',
  kinds: ['github-workflow'],
  defaultSeverity: 'info',
  docs: {
    title: 'An anchor no alias uses',
    description:
      'An anchor `&name` that no alias `*name` refers to is accepted by GitHub and changes nothing; it may be left ' +
      'over from an edit, or the alias meant for it may refer to a later anchor of the same name.',
  },
  check(ctx) {
    const findings: RuleFinding[] = [];
    for (const doc of cleanDocuments(ctx.parsed)) {
      const { anchors, aliases } = anchorUse(ctx.parsed.text, doc);
      for (const [i, anchor] of anchors.entries()) {
        // An alias refers to the nearest anchor of its name before it.
        const redefined = anchors.slice(i + 1).find((a) => a.name === anchor.name);
        const used = aliases.some(
          (a) =>
            a.alias.source === anchor.name && a.offset > anchor.offset && (!redefined || a.offset < redefined.offset),
        );
        if (used) continue;
        const later = redefined
          ? ` (it is defined again on line ${ctx.parsed.lines.positionAt(redefined.offset).line + 1}, and aliases after that refer to the later one)`
          : '';
        findings.push({
          message: `No alias uses the anchor '&${anchor.name}'${later}. GitHub accepts it; it changes nothing.`,
          range: ctx.parsed.lines.range(anchor.offset, anchor.offset + anchor.name.length + 1),
        });
      }
    }
    return findings;
  },
};
