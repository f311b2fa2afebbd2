// The fairness gate for an MLmodel (rule mlflow-model-fairness): run the model on the declared data and turn each
// exceeded limit into a finding on the line of that limit, so the editor and `preflight check` in CI both show it.
// A gate that cannot run (no data, no label column, unreadable model) is a finding too: a silent pass would lie.
import type { Range, RuleFinding } from '../../findings';
import { asMap, getEntry, nodeRange, type Node } from '../../yaml/nodes';
import type { ParsedYaml } from '../../yaml/parsedYaml';
import { fairnessGateCache, type FairnessGateCache } from './fairnessGateCache';
import { parseModelExplainConfig } from './modelExplainConfig';

function path(
  root: Node | null | undefined,
  keys: readonly string[],
): { key: Node | null; value: Node | null } | undefined {
  let node = root ?? null;
  let entry: { key: Node | null; value: Node | null } | undefined;
  for (const key of keys) {
    const map = asMap(node);
    const found = map ? getEntry(map, key) : undefined;
    if (!found) return undefined;
    entry = { key: found.keyNode, value: found.value };
    node = found.value;
  }
  return entry;
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
  const fairnessKey = path(root, ['metadata', 'preflight', 'fairness'])?.key;
  const at = (keys: readonly string[]): Range =>
    nodeRange(yaml.lines, path(root, ['metadata', 'preflight', 'fairness', ...keys])?.key ?? fairnessKey);
  const finding = (message: string, range: Range): RuleFinding => ({ message, range });
  if (config.modelPath === undefined)
    return [
      finding(
        'fairness is declared but the MLmodel names no ONNX file (flavors.onnx.data); only ONNX models can be checked',
        at([]),
      ),
    ];
  if (config.dataPath === undefined)
    return [
      finding(
        'fairness is declared but no data to check it on: add metadata.preflight.data (a CSV or Parquet file with the label and sensitive columns)',
        at([]),
      ),
    ];
  const result = await cache.report({ ...config, modelPath: config.modelPath, dataPath: config.dataPath });
  if (!result.ok) return [finding(`fairness could not be checked: ${result.error}`, at([]))];
  const findings: RuleFinding[] = result.report.notes.map((note) =>
    finding(`fairness could not be checked: ${note}`, at([])),
  );
  for (const report of result.report.fairness ?? []) {
    const dp = report.demographicParityDifference;
    if (dp > report.thresholds.demographicParity) {
      findings.push(
        finding(
          report.violations.find((v) => v.includes('demographic parity')) ??
            `${report.sensitiveFeature}: demographic parity difference ${dp.toFixed(3)} exceeds ${report.thresholds.demographicParity}`,
          at(['max_demographic_parity_difference']),
        ),
      );
    }
    const eo = report.equalOpportunityDifference;
    if (eo !== null && eo > report.thresholds.equalOpportunity) {
      findings.push(
        finding(
          report.violations.find((v) => v.includes('equal opportunity')) ??
            `${report.sensitiveFeature}: equal opportunity difference ${eo.toFixed(3)} exceeds ${report.thresholds.equalOpportunity}`,
          at(['max_equal_opportunity_difference']),
        ),
      );
    }
  }
  return findings;
}
