// The fairness gate for an MLmodel (rule mlflow-model-fairness): run the model on the declared data and turn each
// limit not met into a finding on the line of that limit (or of `fairness:` for a default limit), so the editor and
// `preflight check` in CI both show it. A gate that cannot run (no data, no label column, a model that cannot be
// scored), a metric that cannot be measured, and scores whose meaning is in doubt are findings too: a silent pass
// would lie. Settings of the wrong type are reported by the MLmodel schema on their own lines, not here again.
import type { Range, RuleFinding } from '../../findings';
import { asMap, getEntry, nodeRange, type Node } from '../../yaml/nodes';
import type { ParsedYaml } from '../../yaml/parsedYaml';
import { fairnessGateCache, type FairnessGateCache } from './fairnessGateCache';
import { parseModelExplainConfig } from './modelExplainConfig';

function keyAt(root: Node | null | undefined, keys: readonly string[]): Node | null | undefined {
  let node = root ?? null;
  let key: Node | null | undefined;
  for (const k of keys) {
    const map = asMap(node);
    const found = map ? getEntry(map, k) : undefined;
    if (!found) return undefined;
    key = found.keyNode;
    node = found.value;
  }
  return key;
}

/** Findings of the gate for the MLmodel `file` whose current text is `yaml`; model runs are shared through `cache`. */
export async function fairnessFindings(
  file: string,
  yaml: ParsedYaml,
  cache: FairnessGateCache = fairnessGateCache,
): Promise<RuleFinding[]> {
  const config = parseModelExplainConfig(yaml.text, file);
  if (!config.fairness) return [];
  const root = (yaml.documents[0]?.contents ?? null) as Node | null;
  const preflight = ['metadata', 'preflight'];
  const fairnessKey = keyAt(root, [...preflight, 'fairness']);
  /** The line of the first of `keys` (each a path under metadata.preflight) the file spells, else of `fairness:`. */
  const at = (...keys: readonly (readonly string[])[]): Range => {
    for (const k of keys) {
      const node = keyAt(root, [...preflight, ...k]);
      if (node) return nodeRange(yaml.lines, node);
    }
    return nodeRange(yaml.lines, fairnessKey);
  };
  const finding = (message: string, range: Range = at()): RuleFinding => ({ message, range });
  if (config.modelPath === undefined)
    return [
      finding(
        'fairness is declared but the MLmodel names no ONNX file (flavors.onnx.data); only ONNX models can be checked',
      ),
    ];
  if (config.dataPath === undefined)
    return [
      finding(
        'fairness is declared but no data to check it on: add metadata.preflight.data (a CSV or Parquet file with the label and sensitive columns)',
      ),
    ];
  let result: Awaited<ReturnType<FairnessGateCache['report']>>;
  try {
    result = await cache.report({ ...config, modelPath: config.modelPath, dataPath: config.dataPath });
  } catch (error) {
    return [finding(`fairness could not be checked: ${error instanceof Error ? error.message : String(error)}`)];
  }
  if (!result.ok) return [finding(`fairness could not be checked: ${result.error}`)];
  const { report } = result;
  const reportedBySchema = new Set(config.problems);
  const findings: RuleFinding[] = report.notes
    .filter((note) => !reportedBySchema.has(note))
    .map((note) => finding(`fairness could not be checked: ${note}`));
  const problem = report.fairnessDecision?.problem;
  if (problem !== undefined) findings.push(finding(problem, at(['score_space'], ['decision_threshold'])));
  for (const feature of report.fairness ?? []) {
    for (const v of feature.violations) findings.push(finding(v.message, at(['fairness', v.setting])));
  }
  return findings;
}
