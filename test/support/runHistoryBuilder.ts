// Builds run histories in the GitHub API's shapes for tests: each run is described by its jobs' start offsets and
// durations (seconds after the run was created), so expected answers can be worked out by hand from the same numbers.
import type { WorkflowJob, WorkflowRun, WorkflowStep } from '../../shared/githubApi';

export interface StepSpec {
  readonly name: string;
  readonly seconds: number;
  readonly cacheHit?: boolean;
}

export interface JobSpec {
  readonly name: string;
  /** Seconds after the run's creation the job started. */
  readonly start: number;
  readonly seconds: number;
  /** Seconds the job waited between creation and start (created_at = start − queue). */
  readonly queue?: number;
  readonly conclusion?: string;
  readonly labels?: readonly string[];
  readonly steps?: readonly StepSpec[];
  readonly attempt?: number;
}

export interface RunSpec {
  /** Seconds after the history's start the run was created. */
  readonly at: number;
  readonly jobs: readonly JobSpec[];
  readonly branch?: string;
  readonly event?: string;
  readonly path?: string;
}

const iso = (ms: number): string => new Date(ms).toISOString().replace('.000Z', 'Z');

export class HistoryBuilder {
  readonly runs: WorkflowRun[] = [];
  readonly jobs: WorkflowJob[] = [];
  private nextJobId = 1000;

  constructor(private readonly origin = Date.UTC(2026, 0, 5, 9, 0, 0)) {}

  run(spec: RunSpec): number {
    const id = this.runs.length + 1;
    const created = this.origin + spec.at * 1000;
    const end = Math.max(created, ...spec.jobs.map((j) => created + (j.start + j.seconds) * 1000));
    const failed = spec.jobs.some((j) => (j.conclusion ?? 'success') === 'failure');
    this.runs.push({
      id,
      name: 'CI',
      run_number: id,
      run_attempt: 1,
      event: spec.event ?? 'push',
      status: 'completed',
      conclusion: failed ? 'failure' : 'success',
      workflow_id: 7,
      path: spec.path ?? '.github/workflows/ci.yml',
      head_branch: spec.branch ?? 'main',
      head_sha: `sha${id}`,
      created_at: iso(created),
      updated_at: iso(end),
      run_started_at: iso(created),
      html_url: `https://github.com/o/r/actions/runs/${id}`,
    });
    for (const j of spec.jobs) {
      const started = created + j.start * 1000;
      let stepStart = started;
      const steps: WorkflowStep[] = (j.steps ?? []).map((s, i) => {
        const step = {
          name: s.name,
          status: 'completed' as const,
          conclusion: 'success',
          number: i + 1,
          started_at: iso(stepStart),
          completed_at: iso(stepStart + s.seconds * 1000),
          ...(s.cacheHit === undefined ? {} : { outputs: { 'cache-hit': String(s.cacheHit) } }),
        };
        stepStart += s.seconds * 1000;
        return step;
      });
      this.jobs.push({
        id: this.nextJobId++,
        run_id: id,
        run_attempt: j.attempt ?? 1,
        name: j.name,
        status: 'completed',
        conclusion: j.conclusion ?? 'success',
        created_at: iso(started - (j.queue ?? 0) * 1000),
        started_at: iso(started),
        completed_at: iso(started + j.seconds * 1000),
        html_url: null,
        head_sha: `sha${id}`,
        labels: j.labels ?? ['ubuntu-latest'],
        steps,
      });
    }
    return id;
  }
}
