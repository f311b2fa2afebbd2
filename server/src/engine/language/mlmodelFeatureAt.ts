// Which model input feature the cursor is on in an MLmodel: an item of `metadata.feature_names`, or a column's
// `"name": "..."` inside a column-based `signature.inputs` JSON string. Used by the hover that shows the feature's
// importance from the model's SHAP report.
import type { Position } from '../findings';
import { isScalar, scalarText, type Node } from '../yaml/nodes';
import type { ParsedYaml } from '../yaml/parsedYaml';
import { nodeAt } from './yamlPaths';

export interface FeatureAt {
  readonly feature: string;
  readonly range: { readonly start: Position; readonly end: Position };
}

const NAME_IN_JSON = /"name"\s*:\s*"((?:[^"\\]|\\.)*)"/g;

export function mlmodelFeatureAt(yaml: ParsedYaml, position: Position): FeatureAt | undefined {
  const offset = yaml.lines.offsetAt(position);
  const doc = yaml.documents[0];
  if (!doc) return undefined;
  const at = nodeAt(doc, offset);
  if (!at || at.onKey) return undefined;
  const node = at.node as Node | null;
  const range = node?.range;
  if (!range) return undefined;
  const [first, second] = at.path;
  if (first === 'metadata' && second === 'feature_names' && at.path.length === 3) {
    const feature = scalarText(node);
    return feature === undefined ? undefined : { feature, range: yaml.lines.range(range[0], range[1]) };
  }
  if (first === 'signature' && second === 'inputs' && isScalar(node) && typeof node.value === 'string') {
    // Matched in the source text itself, so the offsets are the document's (MLflow writes these as single-quoted scalars).
    const source = yaml.text.slice(range[0], range[1]);
    for (const match of source.matchAll(NAME_IN_JSON)) {
      const start = range[0] + match.index;
      const end = start + match[0].length;
      if (offset >= start && offset <= end && match[1] !== undefined) {
        return { feature: JSON.parse(`"${match[1]}"`) as string, range: yaml.lines.range(start, end) };
      }
    }
  }
  return undefined;
}
