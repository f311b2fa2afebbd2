// From what GitHub's Actions API reports about a run back to the workflow file: which `jobs:` entry an API job is (for
// lenses, risk and conclusions), and the line of a job or step (so clicking a failed step opens the file there). GitHub
// names a job by its `name:` with expressions evaluated, else by its id, adding " (matrix values)" when a matrix job's
// name spells no matrix value, or "caller / called" for a reusable workflow's jobs. It numbers steps its own way: 1 is
// "Set up job", then "Initialize containers" for a job with a container or services, then any "Pre …" steps, the
// workflow's steps, the "Post …" steps, "Stop containers" and "Complete job". A step without `name:` is titled
// "Run <uses>" or "Run <first line of the script>". Pure: a parsed file in, a position (or an error that says why) out.
import type { Position } from '../findings';
import { extractExpressions } from '../expressions/extract';
import { matrixValues, nameMatcher, type NameMatcher } from '../expressions/nameTemplate';
import { workflowModel, type JobModel, type StepModel } from '../github/workflowModel';
import { nodeRange } from '../yaml/nodes';
import type { ParsedYaml } from '../yaml/parsedYaml';

/** A step as the API gives it: its number (1-based, "Set up job" is 1) and, when known, its name. */
export interface RunStepRef {
  readonly number: number;
  /** Pins the step even when "Pre …" or container steps shift the numbering. */
  readonly name?: string;
}

export type RunLocation =
  | {
      readonly kind: 'step';
      readonly position: Position;
      readonly jobId: string;
      /** 0-based index into the job's `steps:`. */
      readonly stepIndex: number;
      /** A "Post …"/"Pre …" step: the position is the step it belongs to. */
      readonly post: boolean;
      /** 'number' when the step name was unknown or matched no step (the file may have changed since the run). */
      readonly matchedBy: 'name' | 'number';
    }
  | {
      readonly kind: 'job';
      readonly position: Position;
      readonly jobId: string;
      /**
       * 'job': no step was asked for; 'setup': one of GitHub's own steps around the workflow's; 'reusable': the job calls
       * a reusable workflow, whose steps live in the other file; 'unmatched': no step of the file has that name or number.
       */
      readonly reason: 'job' | 'setup' | 'reusable' | 'unmatched';
    };

export type RunLocationResult =
  { readonly ok: true; readonly location: RunLocation } | { readonly ok: false; readonly error: string };

/** Which `jobs:` entry an API job name is; build once per workflow model and ask for each API job. */
export type RunJobFinder = (apiJobName: string) => JobModel | undefined;

/** Steps GitHub adds around the workflow's own; they belong to the job as a whole. */
const SYNTHETIC_STEPS = new Set([
  'Set up job',
  'Complete job',
  'Initialize containers',
  'Stop containers',
  'Set up runner',
  'Complete runner',
]);

interface PreparedJob {
  readonly job: JobModel;
  readonly matrix: ReadonlyMap<string, readonly unknown[]> | undefined;
  readonly matcher: NameMatcher;
  /**
   * The name with any matrix value allowed: a leg of a run from before the matrix changed (Python 3.10 since dropped).
   * Only for a name with text of its own: `${{ matrix.config.name }}` alone would match every job.
   */
  readonly stale: NameMatcher | undefined;
}

interface JobCandidate {
  readonly job: PreparedJob;
  /**
   * 4: literal name or id, 3: a matrix-resolved template, 2: a template with free text, 1: a matrix value the file no
   * longer lists, 0: via a "caller / called" prefix.
   */
  readonly strength: number;
}

/** Text outside the `${{ }}` of a name, other than spaces. */
function hasOwnText(template: string): boolean {
  let from = 0;
  for (const e of extractExpressions(template).expressions) {
    if (/\S/.test(template.slice(from, e.start))) return true;
    from = e.end;
  }
  return /\S/.test(template.slice(from));
}

function prepare(job: JobModel): PreparedJob {
  const matrix = matrixValues(job.node);
  const name = job.name ?? job.id;
  const matcher = nameMatcher(name, matrix);
  return {
    job,
    matrix,
    matcher,
    stale: matcher.usesMatrix && matrix !== undefined && hasOwnText(name) ? nameMatcher(name, undefined) : undefined,
  };
}

function matchJob(jobs: readonly PreparedJob[], shown: string): JobCandidate | undefined {
  const candidates: JobCandidate[] = [];
  for (const prepared of jobs) {
    const { job, matcher } = prepared;
    if (job.id === shown) {
      candidates.push({ job: prepared, strength: 4 });
      continue;
    }
    const strength = matcher.exact ? (matcher.usesMatrix ? 3 : 4) : 2;
    if (matcher.test(shown)) {
      candidates.push({ job: prepared, strength });
      continue;
    }
    if (prepared.stale?.test(shown)) {
      candidates.push({ job: prepared, strength: 1 });
      continue;
    }
    // "test (3.11, ubuntu-latest)": GitHub adds the matrix values when the name does not spell them.
    const suffixed = /^(.*) \(.*\)$/s.exec(shown);
    if (
      job.matrixKeys !== undefined &&
      !matcher.usesMatrix &&
      suffixed?.[1] !== undefined &&
      (matcher.test(suffixed[1]) || job.id === suffixed[1])
    ) {
      candidates.push({ job: prepared, strength });
    }
  }
  candidates.sort((a, b) => b.strength - a.strength);
  if (candidates[0]) return candidates[0];
  // "build / test": a job of the reusable workflow that a job of this file calls.
  const slash = shown.indexOf(' / ');
  if (slash > 0) {
    const caller = matchJob(jobs, shown.slice(0, slash));
    if (caller) return { job: caller.job, strength: 0 };
  }
  return undefined;
}

export function runJobFinder(jobs: readonly JobModel[]): RunJobFinder {
  const prepared = jobs.map(prepare);
  // Lenses ask for the same few names once per run of the history: match each name once.
  const known = new Map<string, JobModel | undefined>();
  return (apiJobName) => {
    if (!known.has(apiJobName)) known.set(apiJobName, matchJob(prepared, apiJobName)?.job.job);
    return known.get(apiJobName);
  };
}

function hasContainers(job: JobModel): boolean {
  return job.node.items.some((pair) => {
    const key = (pair.key as { value?: unknown } | null)?.value;
    return key === 'container' || key === 'services';
  });
}

/** How GitHub titles a step: its `name:`, else "Run <uses>" or "Run <first line of the script>". */
function shownName(step: StepModel): string | undefined {
  if (step.name !== undefined) return step.name;
  if (step.uses) return `Run ${step.uses.name}`;
  const script = typeof step.run?.value === 'string' ? step.run.value : undefined;
  const first = script?.split(/\r?\n/).find((l) => l.trim() !== '');
  return first === undefined ? undefined : `Run ${first.trim()}`;
}

function matchStep(yaml: ParsedYaml, { job, matrix }: PreparedJob, step: RunStepRef): RunLocation {
  const atJob = (reason: 'setup' | 'unmatched'): RunLocation => ({
    kind: 'job',
    position: nodeRange(yaml.lines, job.keyNode).start,
    jobId: job.id,
    reason,
  });
  const atStep = (found: StepModel, post: boolean, matchedBy: 'name' | 'number'): RunLocation => ({
    kind: 'step',
    position: nodeRange(yaml.lines, found.node).start,
    jobId: job.id,
    stepIndex: found.index,
    post,
    matchedBy,
  });
  const byNumber = step.number - 2 - (hasContainers(job) ? 1 : 0);
  const name = step.name;
  if (name !== undefined && SYNTHETIC_STEPS.has(name)) return atJob('setup');
  const post = name === undefined ? null : /^(?:Post|Pre) (.*)$/s.exec(name);
  if (name !== undefined) {
    const wanted = post?.[1] ?? name;
    const matches = job.steps.filter((s) => {
      const shown = shownName(s);
      return shown !== undefined && nameMatcher(shown, matrix).test(wanted);
    });
    // Several steps can share a title ("Run actions/checkout@v4" twice): the number decides between them.
    const best = matches.sort((a, b) => Math.abs(a.index - byNumber) - Math.abs(b.index - byNumber))[0];
    if (best) return atStep(best, post !== null, 'name');
  }
  // A Post/Pre step is numbered after (or before) all the workflow's steps: its number says nothing about which.
  if (post) return atJob('unmatched');
  const found = byNumber >= 0 ? job.steps[byNumber] : undefined;
  if (found) return atStep(found, false, 'number');
  return atJob(byNumber < 0 ? 'setup' : 'unmatched');
}

/** Where the API's job (and step, if given) is defined; an error that says why when the file has no such job. */
export function locateRunStep(yaml: ParsedYaml, apiJobName: string, step?: RunStepRef): RunLocationResult {
  const model = workflowModel(yaml);
  if (!model || model.jobs.length === 0) {
    const broken = yaml.documents.flatMap((d) => d.errors)[0];
    if (!broken) return { ok: false, error: 'the workflow file has no jobs: add a `jobs:` mapping' };
    return {
      ok: false,
      error: `the workflow file does not parse (line ${yaml.lines.positionAt(broken.pos[0]).line + 1}): fix its YAML first`,
    };
  }
  const jobs = model.jobs.map(prepare);
  const match = matchJob(jobs, apiJobName);
  if (!match) {
    const known = model.jobs.map((j) => (j.name ? `${j.id} ("${j.name}")` : j.id)).join(', ');
    return {
      ok: false,
      error: `no job named "${apiJobName}" in this workflow (jobs: ${known}); the file may have changed since the run`,
    };
  }
  const { job } = match.job;
  const atJob = (reason: 'job' | 'reusable'): RunLocationResult => ({
    ok: true,
    location: { kind: 'job', position: nodeRange(yaml.lines, job.keyNode).start, jobId: job.id, reason },
  });
  if (match.strength === 0 || job.uses) return atJob('reusable');
  return step ? { ok: true, location: matchStep(yaml, match.job, step) } : atJob('job');
}
