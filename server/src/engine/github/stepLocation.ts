// Where a job step seen in the Actions API is defined in the workflow file. The API names jobs as GitHub displays them
// (`name:` with expressions evaluated, or the job id, plus " (matrix values)" for matrix jobs without a matrix in the
// name, or "caller / called" for reusable workflows) and numbers steps its own way: 1 is "Set up job", then
// "Initialize containers" for container/service jobs, then the workflow's steps, then post steps, "Stop containers" and
// "Complete job". Pure: text in, 0-based line (or a clear error) out.
import { parseYaml, type ParsedYaml } from '../yaml/parsedYaml';
import { nameMatcher, matrixValues, type NameMatcher } from '../expressions/nameTemplate';
import { workflowModel, type JobModel, type StepModel } from './workflowModel';

export interface StepQuery {
  /** The job's name as the API gives it, or its id key in the workflow. */
  readonly jobName: string;
  /** The API's step number (1-based, "Set up job" is 1). */
  readonly stepNumber: number;
  /** The API's step name, when known: it pins the step even when pre-steps shift the numbering. */
  readonly stepName?: string;
}

export type StepLocation =
  | {
    readonly kind: 'step';
    readonly line: number;
    readonly jobId: string;
    /** 0-based index into the job's `steps:`. */
    readonly stepIndex: number;
    /** A "Post …"/"Pre …" step: the line is the step it belongs to. */
    readonly post: boolean;
    /** 'number' when the step name was unknown or matched no step (the file may have changed since the run). */
    readonly matchedBy: 'name' | 'number';
  }
  | { readonly kind: 'job'; readonly line: number; readonly jobId: string; readonly reason: 'setup' | 'reusable' | 'unmatched' };

export type StepLocationResult = { readonly ok: true; readonly location: StepLocation } | { readonly ok: false; readonly error: string };

/** Steps GitHub adds around the workflow's own; they belong to the job as a whole. */
const SYNTHETIC_STEPS = new Set(['Set up job', 'Complete job', 'Initialize containers', 'Stop containers', 'Set up runner', 'Complete runner']);

function lineOf(yaml: ParsedYaml, node: { range?: [number, number, number] | null } | null | undefined): number {
  const start = node?.range?.[0];
  return start === undefined ? 0 : yaml.lines.positionAt(start).line;
}

function hasContainers(job: JobModel): boolean {
  return job.node.items.some((pair) => {
    const key = (pair.key as { value?: unknown } | null)?.value;
    return key === 'container' || key === 'services';
  });
}

/** How GitHub titles a step without `name:`: "Run <uses>" or "Run <first line of the script>". */
function displayName(step: StepModel): string | undefined {
  if (step.name !== undefined) return step.name;
  if (step.uses) return `Run ${step.uses.name}`;
  const script = typeof step.run?.value === 'string' ? step.run.value : undefined;
  const first = script?.split(/\r?\n/).find((l) => l.trim() !== '');
  return first === undefined ? undefined : `Run ${first.trim()}`;
}

interface JobCandidate {
  readonly job: JobModel;
  /** 3: literal name or id, 2: a matrix-resolved template, 1: a template with free text, 0: via a "caller / called" prefix. */
  readonly strength: number;
}

function jobMatchers(job: JobModel): { matcher: NameMatcher; hasMatrix: boolean } {
  const matrix = matrixValues(job.node);
  return { matcher: nameMatcher(job.name ?? job.id, matrix), hasMatrix: job.matrixKeys !== undefined };
}

function matchJob(jobs: readonly JobModel[], shown: string): JobCandidate | undefined {
  const candidates: JobCandidate[] = [];
  for (const job of jobs) {
    if (job.id === shown) { candidates.push({ job, strength: 3 }); continue; }
    const { matcher, hasMatrix } = jobMatchers(job);
    const strength = matcher.exact ? (matcher.usesMatrix ? 2 : 3) : 1;
    if (matcher.test(shown)) { candidates.push({ job, strength }); continue; }
    // "test (3.11, ubuntu-latest)": GitHub adds the matrix values when the name does not spell them.
    const suffixed = /^(.*) \(.*\)$/s.exec(shown);
    if (hasMatrix && !matcher.usesMatrix && suffixed?.[1] !== undefined && (matcher.test(suffixed[1]) || job.id === suffixed[1])) {
      candidates.push({ job, strength });
    }
  }
  candidates.sort((a, b) => b.strength - a.strength);
  if (candidates[0]) return candidates[0];
  // "build / test": a job calling a reusable workflow, whose own steps live in the other file.
  const slash = shown.indexOf(' / ');
  if (slash > 0) {
    const caller = matchJob(jobs, shown.slice(0, slash));
    if (caller) return { job: caller.job, strength: 0 };
  }
  return undefined;
}

function matchStep(yaml: ParsedYaml, job: JobModel, query: StepQuery): StepLocation {
  const jobLine = lineOf(yaml, job.keyNode);
  const offset = 1 + (hasContainers(job) ? 1 : 0);
  const byNumber = query.stepNumber - 1 - offset;
  const name = query.stepName;
  if (name !== undefined && SYNTHETIC_STEPS.has(name)) return { kind: 'job', line: jobLine, jobId: job.id, reason: 'setup' };
  if (name !== undefined) {
    const matrix = matrixValues(job.node);
    const post = /^(?:Post|Pre) (.*)$/s.exec(name);
    const wanted = post?.[1] ?? name;
    const matches = job.steps.filter((s) => {
      const display = displayName(s);
      return display !== undefined && nameMatcher(display, matrix).test(wanted);
    });
    // Several steps can share a title ("Run actions/checkout@v4" twice): the number decides between them.
    const best = matches.sort((a, b) => Math.abs(a.index - byNumber) - Math.abs(b.index - byNumber))[0];
    if (best) return { kind: 'step', line: lineOf(yaml, best.node), jobId: job.id, stepIndex: best.index, post: post !== null, matchedBy: 'name' };
  }
  const step = byNumber >= 0 ? job.steps[byNumber] : undefined;
  if (step) return { kind: 'step', line: lineOf(yaml, step.node), jobId: job.id, stepIndex: step.index, post: false, matchedBy: 'number' };
  return { kind: 'job', line: jobLine, jobId: job.id, reason: byNumber < 0 ? 'setup' : 'unmatched' };
}

export function locateStep(text: string, query: StepQuery): StepLocationResult {
  const yaml = parseYaml(text);
  const broken = yaml.documents.flatMap((d) => d.errors)[0];
  if (broken) {
    const line = broken.linePos?.[0]?.line;
    return { ok: false, error: `the workflow file does not parse${line ? ` (line ${line})` : ''}: fix its YAML first` };
  }
  const model = workflowModel(yaml);
  if (!model || model.jobs.length === 0) return { ok: false, error: 'the workflow file has no jobs: add a `jobs:` mapping' };
  const match = matchJob(model.jobs, query.jobName);
  if (!match) {
    const known = model.jobs.map((j) => (j.name ? `${j.id} ("${j.name}")` : j.id)).join(', ');
    return { ok: false, error: `no job named "${query.jobName}" in this workflow (jobs: ${known}); the file may have changed since the run` };
  }
  if (match.strength === 0 || match.job.uses) {
    return { ok: true, location: { kind: 'job', line: lineOf(yaml, match.job.keyNode), jobId: match.job.id, reason: 'reusable' } };
  }
  return { ok: true, location: matchStep(yaml, match.job, query) };
}
