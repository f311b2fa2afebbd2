// Graph messages built by the real engine from the example repository: the CI workflow's job graph with the latest
// run's outcome and typical durations, and the DVC pipeline's stage graph.
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { GraphMessage } from '../../protocol/webview';
import { dvcProjectOf } from '../../server/src/engine/dvc/dvcFiles';
import { dvcPipelineModel } from '../../server/src/engine/dvc/dvcModel';
import { jobDurations } from '../../server/src/engine/insights/durations';
import { annotateJobGraph } from '../../server/src/engine/insights/jobGraphRunData';
import { dvcGraphSpec, graphMessage, jobGraphSpec } from '../../server/src/engine/insights/pipelineGraphs';
import { buildRunHistory } from '../../server/src/engine/history/runHistory';
import { workflowContext } from '../../server/src/engine/insights/workflowContext';
import { parseYaml } from '../../server/src/engine/yaml/parsedYaml';
import { HistoryBuilder } from '../support/runHistoryBuilder';
import { EXAMPLES } from '../support/paths';

export const CI_FILE = path.join(EXAMPLES, '.github', 'workflows', 'ci.yml');
export const DVC_FILE = path.join(EXAMPLES, 'dvc.yaml');

export function jobGraphMessage(): GraphMessage {
  const parsed = workflowContext(CI_FILE, fs.readFileSync(CI_FILE, 'utf8'));
  if (!parsed.ok) throw new Error(parsed.error);
  const ctx = parsed.value;
  const b = new HistoryBuilder();
  for (let i = 0; i < 5; i++) {
    b.run({
      at: i * 3600,
      jobs: [
        { name: 'lint', start: 0, seconds: 40 + i },
        { name: 'test (3.10)', start: 45, seconds: 200 },
        { name: 'test (3.11)', start: 45, seconds: 230, conclusion: i === 4 ? 'failure' : 'success' },
        ...(i === 4 ? [] : [{ name: 'train', start: 280, seconds: 700 }]),
      ],
    });
  }
  const history = buildRunHistory(b.runs, b.jobs);
  const latest = b.jobs.filter((j) => j.run_id === b.runs.at(-1)?.id);
  const spec = annotateJobGraph(
    jobGraphSpec(ctx.jobs, pathToFileURL(CI_FILE).href, '.github/workflows/ci.yml'),
    jobDurations(history),
    latest,
    ctx.jobIdOf,
  );
  return graphMessage(spec);
}

export function dvcGraphMessage(): GraphMessage {
  const yaml = parseYaml(fs.readFileSync(DVC_FILE, 'utf8'));
  const model = dvcPipelineModel(yaml);
  if (!model) throw new Error('examples/dvc.yaml did not parse');
  return graphMessage(
    dvcGraphSpec(
      model,
      yaml.lines,
      path.dirname(DVC_FILE),
      dvcProjectOf(DVC_FILE),
      pathToFileURL(DVC_FILE).href,
      'dvc.yaml',
    ),
  );
}
