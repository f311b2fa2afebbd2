// Where a workflow file shows failure risk: on the workflow itself (its `name:` key, else the first line) and on each
// job's key. Each subject knows which jobs of a run (as GitHub's API names them, matrix values appended) are its own.
import type { Position, Range } from '../findings';
import { workflowModel } from '../github/workflowModel';
import { runJobFinder } from '../runs/runLocations';
import { getEntry, nodeRange } from '../yaml/nodes';
import { parseYaml } from '../yaml/parsedYaml';

export interface RiskSubjectSite {
  /** null for the workflow itself. */
  readonly job: string | null;
  readonly position: Position;
  readonly range: Range;
  /** True when a job of a run, named as the API names it, is this subject's job. */
  readonly isJob: (apiJobName: string) => boolean;
}

const FIRST_LINE: Range = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };

/** The subjects of a workflow file's text, the workflow first; empty when the text is not a workflow. */
export function riskSubjectSites(text: string): RiskSubjectSite[] {
  const yaml = parseYaml(text);
  const model = workflowModel(yaml);
  if (!model) return [];
  const nameKey = getEntry(model.root, 'name')?.keyNode;
  const top = nameKey ? nodeRange(yaml.lines, nameKey) : FIRST_LINE;
  const sites: RiskSubjectSite[] = [{ job: null, position: top.start, range: top, isJob: () => false }];
  const jobOf = runJobFinder(model.jobs);
  for (const job of model.jobs) {
    const range = nodeRange(yaml.lines, job.keyNode);
    sites.push({ job: job.id, position: range.start, range, isJob: (name) => jobOf(name) === job });
  }
  return sites;
}
