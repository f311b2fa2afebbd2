// From what GitHub reports about a run (a job's display name, a step's number and name) back to the workflow file: the
// line that defines that job or step, so clicking a step (or its error) in the panel opens the file there. GitHub names
// jobs by `name:` (expressions evaluated, a matrix adds " (a, b)", reusable calls read "caller / called"), else by id;
// steps by `name:`, else "Run <uses>" or "Run <first line of run>", numbered from 1 with "Set up job" first.
import type { Position } from '../../findings';
import { nodeRange } from '../../yaml/nodes';
import type { ParsedYaml } from '../../yaml/parsedYaml';
import { workflowModel, type JobModel, type StepModel } from '../workflowModel';

export interface RunStepRef {
  readonly number: number;
  readonly name: string;
}

const MATRIX_SUFFIX = /\s\([^()]*\)$/;

/** `name:` with `${{ }}` parts as wildcards, anchored. */
function nameTemplate(name: string): RegExp {
  const parts = name.split(/\$\{\{.*?\}\}/).map((p) => p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  return new RegExp(`^${parts.join('.*?')}$`);
}

function jobMatches(job: JobModel, shown: string): boolean {
  if (shown === job.id || shown === job.name) return true;
  return job.name !== undefined && job.name.includes('${{') && nameTemplate(job.name).test(shown);
}

/** The job GitHub shows as `apiJobName`, trying the name as is, without a matrix suffix, then the caller of a reusable workflow. */
export function findRunJob(jobs: readonly JobModel[], apiJobName: string): JobModel | undefined {
  const candidates = [apiJobName, apiJobName.replace(MATRIX_SUFFIX, ''), apiJobName.split(' / ')[0] ?? apiJobName];
  for (const shown of candidates) {
    const found = jobs.find((j) => jobMatches(j, shown));
    if (found) return found;
  }
  return undefined;
}

function shownStepName(step: StepModel): string | undefined {
  if (step.name !== undefined) return step.name;
  if (step.uses) return `Run ${step.uses.name}`;
  const script = typeof step.run?.value === 'string' ? step.run.value : undefined;
  const firstLine = script?.split('\n').find((l) => l.trim() !== '')?.trim();
  return firstLine === undefined ? undefined : `Run ${firstLine}`;
}

/** The step by its shown name; else by position (GitHub's step 1 is "Set up job", so step n is the (n-1)th of the file). */
export function findRunStep(job: JobModel, step: RunStepRef): StepModel | undefined {
  const byName = job.steps.filter((s) => {
    const shown = shownStepName(s);
    return shown === step.name || (s.name !== undefined && s.name.includes('${{') && nameTemplate(s.name).test(step.name));
  });
  if (byName.length === 1) return byName[0];
  if (/^(Set up job|Complete job|Post |Stop containers|Initialize containers)/.test(step.name)) return undefined;
  const byNumber = job.steps.find((s) => s.index === step.number - 2);
  return byName.length > 1 ? (byName.find((s) => s === byNumber) ?? byName[0]) : byNumber;
}

/** 0-based position of the step's definition, else its job's key; undefined when the workflow has no such job. */
export function locateRunStep(yaml: ParsedYaml, apiJobName: string, step?: RunStepRef): Position | undefined {
  const model = workflowModel(yaml);
  const job = model ? findRunJob(model.jobs, apiJobName) : undefined;
  if (!job) return undefined;
  const found = step ? findRunStep(job, step) : undefined;
  return nodeRange(yaml.lines, found ? found.node : job.keyNode).start;
}

/** 0-based line of the first `##[error]` in a job log (where the panel reveals a failed job's log), if any. */
export function firstErrorLine(log: string): number | undefined {
  const lines = log.split('\n');
  const index = lines.findIndex((l) => l.includes('##[error]'));
  return index === -1 ? undefined : index;
}
