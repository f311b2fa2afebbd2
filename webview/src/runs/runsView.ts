// The Runs tab: the branch and repository, when the list was last confirmed, a state message when there is one, and the
// tree of runs -> jobs -> steps. Rows are keyed (run id, job id, step number) and updated in place; a one-second tick
// refreshes only texts (running durations, "5 min ago"), so nothing moves while you read or navigate.
import type { JobView, RunsMessage, RunView } from '../../../protocol/runsView.js';
import type { RunAction } from '../../../protocol/webview.js';
import { codicon, h, setAttr, setText } from '../dom.js';
import { JobRow } from './jobRow.js';
import { isFailed, relativeTime } from './runPresentation.js';
import { RunRow } from './runRow.js';
import { RunsStateView, stateText } from './runsStateView.js';
import { RunsTree } from './runsTree.js';
import { StepRow } from './stepRow.js';
import { PlaceholderRow, type TreeRow } from './treeRow.js';

export interface RunsViewCallbacks {
  readonly onAction: (action: RunAction) => void;
  readonly onSignIn: () => void;
  /** The user opened or closed a row: the page saves the choice so it survives the panel being hidden. */
  readonly onExpansionChange: (expanded: Readonly<Record<string, boolean>>) => void;
}

/**
 * Until the user says otherwise: the newest run open when the list is first drawn, and inside open runs the jobs that are
 * running or failed (so the failed step is in view). Once opened by default a row stays open: a job finishing, or a new
 * run arriving above, never folds away what the user is looking at.
 */
/** " · 2 runs left out" after the update time when GitHub listed runs Preflight could not read; nothing otherwise. */
function leftOutText(leftOut: number | undefined): string {
  return leftOut ? ` · ${leftOut} run${leftOut === 1 ? '' : 's'} left out` : '';
}

function leftOutTitle(leftOut: number): string {
  return `GitHub listed ${leftOut} run${leftOut === 1 ? '' : 's'} without the fields Preflight reads (an id, a creation time); ${leftOut === 1 ? 'it is' : 'they are'} not shown`;
}

function defaultJobExpanded(job: JobView): boolean {
  return (
    job.status === 'in_progress' ||
    (job.status === 'completed' && isFailed(job.conclusion) && job.conclusion !== 'cancelled')
  );
}

export class RunsView {
  readonly element: HTMLElement;
  private readonly branch = h('span', { className: 'branch-name', testId: 'runs-branch' });
  private readonly repository = h('span', { className: 'repository', testId: 'runs-repository' });
  private readonly updated = h('span', { className: 'updated', testId: 'runs-updated', attrs: { 'aria-live': 'off' } });
  private readonly updatedIcon = codicon('sync', 'updated-icon');
  private readonly loading = h(
    'div',
    { className: 'runs-loading', testId: 'runs-loading' },
    h('vscode-progress-ring', { className: 'status-ring', attrs: { 'aria-label': 'Loading' } }),
    h('span', { text: 'Loading workflow runs…' }),
  );
  private readonly stateView: RunsStateView;
  private readonly tree: RunsTree;
  private readonly runRows = new Map<number, RunRow>();
  private readonly jobRows = new Map<number, JobRow>();
  private readonly stepRows = new Map<string, StepRow>();
  private readonly placeholders = new Map<number, PlaceholderRow>();
  private expanded: Record<string, boolean>;
  private message: RunsMessage | undefined;
  /** The newest run opens by itself only on the first list drawn. */
  private firstList = true;
  /** Whether the editor has a language model: until the host says so, no AI action is offered. */
  private languageModel = false;

  constructor(
    private readonly callbacks: RunsViewCallbacks,
    expanded: Readonly<Record<string, boolean>> = {},
  ) {
    this.expanded = { ...expanded };
    this.stateView = new RunsStateView(callbacks.onSignIn);
    this.tree = new RunsTree((row, expand) => {
      this.toggle(row, expand);
    });
    this.element = h(
      'section',
      { className: 'runs', testId: 'runs-view' },
      h(
        'div',
        { className: 'runs-toolbar' },
        h('span', { className: 'branch' }, codicon('git-branch', 'branch-icon'), this.branch),
        this.repository,
        h('span', { className: 'updated-wrap' }, this.updatedIcon, this.updated),
      ),
      this.stateView.element,
      this.loading,
      this.tree.element,
    );
    this.tree.element.hidden = true;
    window.setInterval(() => {
      this.tick(Date.now());
    }, 1000);
  }

  render(message: RunsMessage): void {
    this.message = message;
    this.draw(Date.now());
  }

  /** A language model came or went: "Explain failure (AI)" is offered only while one is there. */
  setLanguageModelAvailable(available: boolean): void {
    if (available === this.languageModel) return;
    this.languageModel = available;
    this.draw(Date.now());
  }

  private draw(now: number): void {
    const message = this.message;
    if (!message) return;
    setText(this.branch, message.branch ?? 'no branch');
    setText(this.repository, message.repository ?? '');
    const { state, runs } = message;
    const signedOutOrNoRepo = state.kind === 'signedOut' || state.kind === 'noRemote';
    const shown = signedOutOrNoRepo ? [] : runs;
    this.stateView.update(state.kind, stateText(state, message, now), shown.length > 0);
    this.loading.hidden = !(state.kind === 'loading' && shown.length === 0);
    this.tree.element.hidden = shown.length === 0;
    this.tree.show(this.visibleRows(shown, now));
    this.tick(now);
  }

  /** Updates every row from the message and returns the rows to show, in order; forgets rows whose data is gone. */
  private visibleRows(runs: readonly RunView[], now: number): TreeRow[] {
    const rows: TreeRow[] = [];
    const seenJobs = new Set<number>();
    const seenSteps = new Set<string>();
    runs.forEach((run, index) => {
      const runRow =
        this.runRows.get(run.id) ??
        this.addRow(
          this.runRows,
          run.id,
          new RunRow(
            run.id,
            (r) => {
              this.toggle(r, !r.expanded);
            },
            this.callbacks.onAction,
          ),
        );
      const runOpen = this.openState(runRow.key, this.firstList && index === 0);
      runRow.update(run, now, runOpen);
      runRow.setPosition(index + 1, runs.length);
      rows.push(runRow);
      for (const job of run.jobs ?? []) seenJobs.add(job.id);
      if (!runOpen) return;
      if (run.jobs === null || run.jobs.length === 0) {
        const placeholder =
          this.placeholders.get(run.id) ??
          this.addRow(this.placeholders, run.id, new PlaceholderRow(`jobs:${run.id}`, 2, runRow));
        placeholder.update(run.jobs === null ? 'Loading jobs…' : 'No jobs in this run');
        rows.push(placeholder);
        return;
      }
      for (const [jobIndex, job] of run.jobs.entries()) {
        const jobRow =
          this.jobRows.get(job.id) ??
          this.addRow(
            this.jobRows,
            job.id,
            new JobRow(
              run.id,
              job.id,
              runRow,
              (r) => {
                this.toggle(r, !r.expanded);
              },
              this.callbacks.onAction,
            ),
          );
        const jobOpen = this.openState(jobRow.key, defaultJobExpanded(job));
        jobRow.update(job, now, jobOpen, this.languageModel);
        jobRow.setPosition(jobIndex + 1, run.jobs.length);
        rows.push(jobRow);
        for (const step of job.steps) seenSteps.add(`${job.id}:${step.number}`);
        if (!jobOpen) continue;
        for (const [stepIndex, step] of job.steps.entries()) {
          const key = `${job.id}:${step.number}`;
          const stepRow =
            this.stepRows.get(key) ??
            this.addRow(this.stepRows, key, new StepRow(run.id, job.id, step.number, jobRow, this.callbacks.onAction));
          stepRow.update(step, now);
          stepRow.setPosition(stepIndex + 1, job.steps.length);
          rows.push(stepRow);
        }
      }
    });
    if (runs.length > 0) this.firstList = false;
    const runIds = new Set(runs.map((r) => r.id));
    // Open/closed choices of runs and jobs that are gone are forgotten, so the saved state stays small.
    this.expanded = Object.fromEntries(
      Object.entries(this.expanded).filter(([key]) => {
        const [kind, id] = key.split(':');
        return (kind === 'run' ? runIds : seenJobs).has(Number(id));
      }),
    );
    for (const id of this.runRows.keys())
      if (!runIds.has(id)) {
        this.runRows.delete(id);
        this.placeholders.delete(id);
      }
    for (const id of this.jobRows.keys()) if (!seenJobs.has(id)) this.jobRows.delete(id);
    for (const key of this.stepRows.keys()) if (!seenSteps.has(key)) this.stepRows.delete(key);
    return rows;
  }

  /** The user's choice for a row, else its default; a default "open" is remembered so it sticks. */
  private openState(key: string, openByDefault: boolean): boolean {
    const chosen = this.expanded[key];
    if (chosen !== undefined) return chosen;
    if (openByDefault) this.expanded[key] = true;
    return openByDefault;
  }

  private addRow<K, R extends TreeRow>(map: Map<K, R>, key: K, row: R): R {
    map.set(key, row);
    this.tree.register(row);
    return row;
  }

  private toggle(row: TreeRow, expand: boolean): void {
    if (!row.expandable || row.expanded === expand) return;
    this.expanded = { ...this.expanded, [row.key]: expand };
    this.callbacks.onExpansionChange(this.expanded);
    this.draw(Date.now());
  }

  private tick(now: number): void {
    const message = this.message;
    const updatedAt = message?.updatedAt;
    // Runs kept from an earlier session: said quietly in the same place (same width, nothing moves), until fresh ones come.
    const cached = message?.cached === true;
    const refreshing = cached && message.state.kind === 'loading';
    this.element.toggleAttribute('data-cached', cached);
    this.updatedIcon.classList.toggle('codicon-modifier-spin', refreshing);
    if (cached)
      setText(
        this.updated,
        refreshing ? 'Cached · refreshing…' : `Cached, ${updatedAt ? relativeTime(updatedAt, now) : 'age unknown'}`,
      );
    else
      setText(
        this.updated,
        `${updatedAt ? `Updated ${relativeTime(updatedAt, now)}` : 'Not updated yet'}${leftOutText(message?.leftOut)}`,
      );
    if (updatedAt) {
      const at = new Date(Date.parse(updatedAt));
      const why = message.leftOut ? `; ${leftOutTitle(message.leftOut)}` : '';
      setAttr(
        this.updated,
        'title',
        cached
          ? `Runs kept from an earlier session, last confirmed current at ${at.toLocaleString()}`
          : `Last confirmed current at ${at.toLocaleTimeString()}${why}`,
      );
    }
    for (const row of this.runRows.values()) row.tick(now);
    for (const row of this.jobRows.values()) row.tick(now);
    for (const row of this.stepRows.values()) row.tick(now);
    // A rate-limit countdown is text in the state message: redraw just that.
    if (message?.state.kind === 'rateLimited')
      this.stateView.update(
        'rateLimited',
        stateText(message.state, message, now),
        this.stateView.element.classList.contains('banner'),
      );
  }
}
