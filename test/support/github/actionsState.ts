// The stand-in's world: repositories, workflows, runs, jobs, steps and logs, with scenario controls that move runs through
// their life (queued -> in_progress -> completed), fail jobs, re-run and cancel them the way GitHub does. Replies are built
// from the examples in GitHub's OpenAPI description (as templates) with our state written over them; the HTTP layer then
// validates each reply against the description's schemas.
import { createHash } from 'node:crypto';
import { loadSlice } from './openApiValidator';

export type Status = 'queued' | 'in_progress' | 'completed';

export interface StepState {
  readonly number: number;
  readonly name: string;
  status: Status;
  conclusion: string | null;
  started_at: string | null;
  completed_at: string | null;
}

export interface JobState {
  readonly id: number;
  readonly runId: number;
  readonly runAttempt: number;
  readonly name: string;
  status: Status;
  conclusion: string | null;
  readonly createdAt: string;
  startedAt: string;
  completedAt: string | null;
  steps: StepState[];
  log: string;
}

export interface RunState {
  readonly id: number;
  readonly repoKey: string;
  readonly workflowId: number;
  readonly runNumber: number;
  runAttempt: number;
  readonly event: string;
  status: Status;
  conclusion: string | null;
  readonly headBranch: string;
  readonly headSha: string;
  readonly displayTitle: string;
  readonly actor: string;
  readonly createdAt: string;
  updatedAt: string;
  runStartedAt: string;
  /** Jobs of every attempt; the latest attempt's are the ones with runAttempt === run.runAttempt. */
  jobs: JobState[];
}

export interface WorkflowState {
  readonly id: number;
  readonly repoKey: string;
  readonly name: string;
  readonly path: string;
}

export interface RepoState {
  readonly id: number;
  readonly owner: string;
  readonly name: string;
  readonly defaultBranch: string;
}

export interface NewRun {
  readonly workflowId: number;
  readonly branch?: string;
  readonly headSha?: string;
  readonly event?: string;
  readonly title?: string;
  readonly actor?: string;
  /** ISO creation time, for history in the past; now when absent. */
  readonly createdAt?: string;
  /** Job names with their step names. */
  readonly jobs: readonly { readonly name: string; readonly steps: readonly string[] }[];
}

/** Why a request for a state change is refused, in GitHub's words. */
export class ActionRefused extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

type Json = Record<string, unknown>;

function template(name: string): Json {
  const example = loadSlice().components['examples']?.[name];
  return structuredClone((example?.['value'] ?? {}) as Json);
}

const TEMPLATES = {
  rateLimit: template('rate-limit-overview'),
  run: template('workflow-run'),
  job: template('job'),
  workflow: template('workflow'),
  repo: template('full-repository-default-response'),
};

export class ActionsState {
  readonly repos = new Map<string, RepoState>();
  readonly workflows = new Map<number, WorkflowState>();
  readonly runs = new Map<number, RunState>();
  private nextId = 1000;
  private readonly runNumbers = new Map<number, number>();
  /** Set inside `at`: the time state changes are stamped with. */
  private pinnedMs: number | undefined;

  constructor(private readonly now: () => number) {}

  private iso(): string {
    return new Date(this.pinnedMs ?? this.now()).toISOString().replace(/\.\d{3}Z$/, 'Z');
  }

  /** Runs `change` as if it happened at `ms`, so scenarios can lay down past runs with real durations. */
  at<T>(ms: number, change: () => T): T {
    this.pinnedMs = ms;
    try {
      return change();
    } finally {
      this.pinnedMs = undefined;
    }
  }

  addRepo(owner: string, name: string, defaultBranch = 'main'): RepoState {
    const repo = { id: this.nextId++, owner, name, defaultBranch };
    this.repos.set(`${owner}/${name}`.toLowerCase(), repo);
    return repo;
  }

  repo(owner: string, name: string): RepoState | undefined {
    return this.repos.get(`${owner}/${name}`.toLowerCase());
  }

  addWorkflow(owner: string, repo: string, name: string, path: string): WorkflowState {
    const workflow = { id: this.nextId++, repoKey: `${owner}/${repo}`.toLowerCase(), name, path };
    this.workflows.set(workflow.id, workflow);
    return workflow;
  }

  /** A new run, queued, with its jobs and steps queued. */
  addRun(spec: NewRun): RunState {
    const workflow = this.workflows.get(spec.workflowId);
    if (!workflow) throw new Error(`no workflow ${spec.workflowId}`);
    const runNumber = (this.runNumbers.get(workflow.id) ?? 0) + 1;
    this.runNumbers.set(workflow.id, runNumber);
    const now = spec.createdAt ?? this.iso();
    const run: RunState = {
      id: this.nextId++,
      repoKey: workflow.repoKey,
      workflowId: workflow.id,
      runNumber,
      runAttempt: 1,
      event: spec.event ?? 'push',
      status: 'queued',
      conclusion: null,
      headBranch: spec.branch ?? 'main',
      headSha: spec.headSha ?? createHash('sha1').update(`commit ${this.nextId}`).digest('hex'),
      displayTitle: spec.title ?? `Commit ${runNumber}`,
      actor: spec.actor ?? 'octocat',
      createdAt: now,
      updatedAt: now,
      runStartedAt: now,
      jobs: [],
    };
    run.jobs = spec.jobs.map((j) => this.newJob(run, j.name, j.steps));
    this.runs.set(run.id, run);
    return run;
  }

  private newJob(run: RunState, name: string, stepNames: readonly string[]): JobState {
    return {
      id: this.nextId++,
      runId: run.id,
      runAttempt: run.runAttempt,
      name,
      status: 'queued',
      conclusion: null,
      createdAt: this.iso(),
      startedAt: this.iso(),
      completedAt: null,
      steps: stepNames.map((s, i) => ({
        number: i + 1,
        name: s,
        status: 'queued',
        conclusion: null,
        started_at: null,
        completed_at: null,
      })),
      log: '',
    };
  }

  run(id: number): RunState {
    const run = this.runs.get(id);
    if (!run) throw new ActionRefused(404, 'Not Found');
    return run;
  }

  latestJobs(run: RunState): JobState[] {
    return run.jobs.filter((j) => j.runAttempt === run.runAttempt);
  }

  job(id: number): { run: RunState; job: JobState } {
    for (const run of this.runs.values()) {
      const job = run.jobs.find((j) => j.id === id);
      if (job) return { run, job };
    }
    throw new ActionRefused(404, 'Not Found');
  }

  /** queued -> in_progress: every queued job starts, its first step runs. */
  startRun(runId: number): void {
    const run = this.run(runId);
    const now = this.iso();
    run.status = 'in_progress';
    run.runStartedAt = now;
    run.updatedAt = now;
    for (const job of this.latestJobs(run)) {
      if (job.status !== 'queued') continue;
      job.status = 'in_progress';
      job.startedAt = now;
      const first = job.steps[0];
      if (first) Object.assign(first, { status: 'in_progress', started_at: now });
      job.log += `${now} ##[group]Run ${job.name}\n`;
    }
  }

  /**
   * Completes one job: every step succeeds up to `failStep` (1-based), which fails; later steps are skipped. `output`
   * gives steps (by name) the lines they print, in place of "ok"; a failing step's are followed by GitHub's error line.
   */
  finishJob(
    runId: number,
    jobName: string,
    failStep?: number,
    output: Readonly<Record<string, readonly string[]>> = {},
  ): void {
    const run = this.run(runId);
    const job = this.latestJobs(run).find((j) => j.name === jobName);
    if (!job) throw new Error(`no job ${jobName} in run ${runId}`);
    const now = this.iso();
    let failed = false;
    for (const step of job.steps) {
      if (step.status === 'completed') continue;
      const fails = failStep !== undefined && step.number === failStep;
      Object.assign(step, {
        status: 'completed',
        started_at: step.started_at ?? now,
        completed_at: now,
        conclusion: failed ? 'skipped' : fails ? 'failure' : 'success',
      });
      if (!failed) {
        const printed = output[step.name] ?? (fails ? [] : ['ok']);
        const lines = [...printed, ...(fails ? ['##[error]Process completed with exit code 1.'] : [])];
        job.log += `${now} ##[group]${step.name}\n${lines.map((line) => `${now} ${line}\n`).join('')}${now} ##[endgroup]\n`;
      }
      if (fails) failed = true;
    }
    job.status = 'completed';
    job.conclusion = failed ? 'failure' : 'success';
    job.completedAt = now;
    run.updatedAt = now;
    this.settleRun(run);
  }

  /** in_progress -> completed: every unfinished job completes; the named ones fail at their last step. */
  completeRun(runId: number, failJobs: readonly string[] = []): void {
    const run = this.run(runId);
    if (run.status === 'queued') this.startRun(runId);
    for (const job of this.latestJobs(run)) {
      if (job.status !== 'completed')
        this.finishJob(runId, job.name, failJobs.includes(job.name) ? job.steps.length : undefined);
    }
  }

  /** Moves one job's current step forward (the next step starts), so in-progress runs change between polls. */
  advanceStep(runId: number, jobName: string): void {
    const run = this.run(runId);
    const job = this.latestJobs(run).find((j) => j.name === jobName);
    if (!job) throw new Error(`no job ${jobName} in run ${runId}`);
    const now = this.iso();
    const current = job.steps.find((s) => s.status === 'in_progress');
    if (current) Object.assign(current, { status: 'completed', conclusion: 'success', completed_at: now });
    const next = job.steps.find((s) => s.status === 'queued');
    if (next) Object.assign(next, { status: 'in_progress', started_at: now });
    run.updatedAt = now;
  }

  private settleRun(run: RunState): void {
    const jobs = this.latestJobs(run);
    if (!jobs.every((j) => j.status === 'completed')) return;
    run.status = 'completed';
    run.conclusion = jobs.some((j) => j.conclusion === 'failure')
      ? 'failure'
      : jobs.some((j) => j.conclusion === 'cancelled')
        ? 'cancelled'
        : 'success';
    run.updatedAt = this.iso();
  }

  /** POST .../cancel: 409 when the run already completed. */
  cancel(runId: number): void {
    const run = this.run(runId);
    if (run.status === 'completed') throw new ActionRefused(409, 'Cannot cancel a workflow run that is completed.');
    const now = this.iso();
    for (const job of this.latestJobs(run)) {
      if (job.status === 'completed') continue;
      job.status = 'completed';
      job.conclusion = 'cancelled';
      job.completedAt = now;
      for (const step of job.steps)
        if (step.status !== 'completed')
          Object.assign(step, { status: 'completed', conclusion: 'cancelled', completed_at: now });
    }
    run.status = 'completed';
    run.conclusion = 'cancelled';
    run.updatedAt = now;
  }

  /**
   * A new attempt of a completed run. `which` picks the jobs that run again; the others are carried into the new attempt
   * with their results, as GitHub shows them.
   */
  rerun(runId: number, which: (job: JobState) => boolean): void {
    const run = this.run(runId);
    if (run.status !== 'completed') throw new ActionRefused(403, 'This workflow is already running');
    const previous = this.latestJobs(run);
    if (!previous.some(which)) throw new ActionRefused(403, 'There are no failed jobs to re-run');
    run.runAttempt++;
    const now = this.iso();
    for (const old of previous) {
      const job = this.newJob(
        run,
        old.name,
        old.steps.map((s) => s.name),
      );
      if (!which(old)) {
        Object.assign(job, {
          status: old.status,
          conclusion: old.conclusion,
          startedAt: old.startedAt,
          completedAt: old.completedAt,
          log: old.log,
        });
        job.steps = old.steps.map((s) => ({ ...s }));
      }
      run.jobs.push(job);
    }
    run.status = 'queued';
    run.conclusion = null;
    run.runStartedAt = now;
    run.updatedAt = now;
  }

  // ---- replies in GitHub's shape -------------------------------------------------------------------------------

  runJson(run: RunState, api: string): Json {
    const workflow = this.workflows.get(run.workflowId);
    const repo = this.repos.get(run.repoKey);
    const repoApi = `${api}/repos/${repo?.owner ?? 'o'}/${repo?.name ?? 'r'}`;
    const t = structuredClone(TEMPLATES.run);
    const actor = { ...(t['actor'] as Json), login: run.actor };
    return {
      ...t,
      id: run.id,
      name: workflow?.name ?? null,
      node_id: `WFR_${run.id}`,
      check_suite_id: run.id + 1,
      head_branch: run.headBranch,
      head_sha: run.headSha,
      path: workflow?.path ?? '',
      run_number: run.runNumber,
      run_attempt: run.runAttempt,
      event: run.event,
      display_title: run.displayTitle,
      status: run.status,
      conclusion: run.conclusion,
      workflow_id: run.workflowId,
      url: `${repoApi}/actions/runs/${run.id}`,
      html_url: `https://github.com/${repo?.owner ?? 'o'}/${repo?.name ?? 'r'}/actions/runs/${run.id}`,
      created_at: run.createdAt,
      updated_at: run.updatedAt,
      run_started_at: run.runStartedAt,
      actor,
      triggering_actor: actor,
      jobs_url: `${repoApi}/actions/runs/${run.id}/jobs`,
      logs_url: `${repoApi}/actions/runs/${run.id}/logs`,
      cancel_url: `${repoApi}/actions/runs/${run.id}/cancel`,
      rerun_url: `${repoApi}/actions/runs/${run.id}/rerun`,
      workflow_url: `${repoApi}/actions/workflows/${run.workflowId}`,
      previous_attempt_url:
        run.runAttempt > 1 ? `${repoApi}/actions/runs/${run.id}/attempts/${run.runAttempt - 1}` : null,
      referenced_workflows: [],
      head_commit: {
        ...(t['head_commit'] as Json),
        id: run.headSha,
        message: run.displayTitle,
        timestamp: run.createdAt,
      },
    };
  }

  jobJson(run: RunState, job: JobState, api: string): Json {
    const repo = this.repos.get(run.repoKey);
    const repoApi = `${api}/repos/${repo?.owner ?? 'o'}/${repo?.name ?? 'r'}`;
    return {
      ...structuredClone(TEMPLATES.job),
      id: job.id,
      run_id: run.id,
      run_attempt: job.runAttempt,
      run_url: `${repoApi}/actions/runs/${run.id}`,
      node_id: `J_${job.id}`,
      head_sha: run.headSha,
      head_branch: run.headBranch,
      workflow_name: this.workflows.get(run.workflowId)?.name ?? null,
      url: `${repoApi}/actions/jobs/${job.id}`,
      html_url: `https://github.com/${repo?.owner ?? 'o'}/${repo?.name ?? 'r'}/actions/runs/${run.id}/job/${job.id}`,
      check_run_url: `${repoApi}/check-runs/${job.id}`,
      name: job.name,
      status: job.status,
      conclusion: job.conclusion,
      created_at: job.createdAt,
      started_at: job.startedAt,
      completed_at: job.completedAt,
      labels: ['ubuntu-latest'],
      runner_id: job.status === 'queued' ? null : 1,
      runner_name: job.status === 'queued' ? null : 'GitHub Actions 1',
      runner_group_id: job.status === 'queued' ? null : 2,
      runner_group_name: job.status === 'queued' ? null : 'GitHub Actions',
      steps: job.steps.map((s) => ({ ...s })),
    };
  }

  workflowJson(workflow: WorkflowState, api: string): Json {
    const repo = this.repos.get(workflow.repoKey);
    return {
      ...structuredClone(TEMPLATES.workflow),
      id: workflow.id,
      node_id: `W_${workflow.id}`,
      name: workflow.name,
      path: workflow.path,
      url: `${api}/repos/${repo?.owner ?? 'o'}/${repo?.name ?? 'r'}/actions/workflows/${workflow.id}`,
      html_url: `https://github.com/${repo?.owner ?? 'o'}/${repo?.name ?? 'r'}/blob/main/${workflow.path}`,
      badge_url: `https://github.com/${repo?.owner ?? 'o'}/${repo?.name ?? 'r'}/workflows/${encodeURIComponent(workflow.name)}/badge.svg`,
    };
  }

  /** GET /rate_limit: the example's other resources, with the core limit the stand-in enforces. */
  rateLimitJson(core: { limit: number; used: number; remaining: number; reset: number }): Json {
    const resources = structuredClone(TEMPLATES.rateLimit['resources']) as Json;
    return { resources: { ...resources, core }, rate: core };
  }

  repoJson(repo: RepoState, api: string): Json {
    // The example's nested parent/source repositories lack fields their own schema requires: leave them out (a repository
    // that is not a fork has neither).
    const { parent: _parent, source: _source, template_repository: _template, ...t } = structuredClone(TEMPLATES.repo);
    return {
      ...t,
      language: 'Python',
      fork: false,
      id: repo.id,
      name: repo.name,
      full_name: `${repo.owner}/${repo.name}`,
      default_branch: repo.defaultBranch,
      url: `${api}/repos/${repo.owner}/${repo.name}`,
      html_url: `https://github.com/${repo.owner}/${repo.name}`,
    };
  }
}
