// Hover on a model input feature in an MLmodel: that feature's importance (mean |SHAP|) and rank from the model's
// report, computed in the background and cached by ModelReports. A hover waits at most HOVER_BUDGET_MS; a report still
// computing is not a reason to block the editor.
import path from 'node:path';
import { mlmodelFeatureAt } from '../engine/language/mlmodelFeatureAt';
import type { Position, Range } from '../engine/findings';
import { parseModelExplainConfig } from '../engine/model/report/modelExplainConfig';
import type { ParsedYaml } from '../engine/yaml/parsedYaml';
import type { ModelReports } from './modelReports';
import { uriToPath } from './uris';

const HOVER_BUDGET_MS = 1500;

export async function modelFeatureHover(
  reports: ModelReports,
  mlmodelPath: string,
  yaml: ParsedYaml,
  position: Position,
): Promise<{ markdown: string; range: Range } | undefined> {
  const at = mlmodelFeatureAt(yaml, position);
  if (!at) return undefined;
  const config = parseModelExplainConfig(yaml.text, mlmodelPath);
  if (config.modelPath === undefined) return undefined;
  const abort = new AbortController();
  const timer = setTimeout(() => {
    abort.abort();
  }, HOVER_BUDGET_MS);
  const report = await reports.current(config.modelPath, abort.signal).finally(() => {
    clearTimeout(timer);
  });
  const explanation = report?.explanation;
  if (!report || !explanation) {
    const why = abort.signal.aborted
      ? 'still computing; hover again in a moment'
      : (report?.explanationError ?? 'no data to explain the model with: set metadata.preflight.data');
    return { markdown: `**${at.feature}**: importance unknown (${why}).`, range: at.range };
  }
  // A multiclass model's importance of a feature is its mean |SHAP| summed over the classes (as SHAP's bar plots stack it).
  const importance = explanation.features.map((feature, f) => ({
    feature,
    meanAbsShap: explanation.outputs.reduce((sum, o) => sum + (o.importance[f]?.meanAbsShap ?? 0), 0),
  }));
  const classes = explanation.outputs.length > 1 ? `, summed over ${explanation.outputs.length} classes` : '';
  const ranked = importance.sort((a, b) => b.meanAbsShap - a.meanAbsShap);
  const rank = ranked.findIndex((i) => i.feature === at.feature);
  const entry = ranked[rank];
  if (!entry)
    return {
      markdown: `**${at.feature}** is not one of the model's explained features (${explanation.features.join(', ')}).`,
      range: at.range,
    };
  const share =
    entry.meanAbsShap /
    Math.max(
      1e-12,
      ranked.reduce((s, i) => s + i.meanAbsShap, 0),
    );
  const dataName = report.dataUri ? path.basename(uriToPath(report.dataUri) ?? report.dataUri) : 'the data';
  return {
    markdown: [
      `**${at.feature}**: importance rank ${rank + 1} of ${ranked.length}`,
      `mean |SHAP| ${entry.meanAbsShap.toPrecision(3)} ${explanation.link === 'logistic' ? 'log-odds' : explanation.link === 'softmax' ? 'class score' : 'output units'}${classes} (${(share * 100).toFixed(0)}% of the total)`,
      `${explanation.method} SHAP over ${explanation.rows.length} rows of \`${dataName}\`. Run **Preflight: Explain Model** for the full view.`,
    ].join('\n\n'),
    range: at.range,
  };
}
