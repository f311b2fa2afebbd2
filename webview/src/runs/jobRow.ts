// A job of a run: status, name (untrusted text from the API, set as text), duration, and its actions (re-run, log, and
// for a failed job "Explain failure" when the editor has a language model).
import type { JobView } from '../../../protocol/runsView.js';
import { codicon, h, setCodicon, setText } from '../dom.js';
import { elapsed, isFailed, notStarted, statusLook } from './runPresentation.js';
import { TreeRow, type ActionButton, type ActionHandler } from './treeRow.js';

export class JobRow extends TreeRow {
  private readonly chevron = codicon('chevron-right', 'chevron');
  private readonly icon = codicon('blank', 'status-icon');
  private readonly name = h('span', { className: 'row-name' });
  private readonly duration = h('span', { className: 'duration' });
  private readonly rerun: ActionButton;
  private readonly log: ActionButton;
  private readonly explain: ActionButton;
  private job: JobView | undefined;

  constructor(
    readonly runId: number,
    readonly jobId: number,
    parent: TreeRow,
    private readonly onToggle: (row: JobRow) => void,
    onAction: ActionHandler,
  ) {
    super(`job:${jobId}`, 2, 'job-row', parent);
    this.rerun = this.addButton('debug-rerun', 'Re-run job', 'rerun-job', () => {
      onAction({ type: 'rerunJob', runId, jobId });
    });
    this.log = this.addButton('output', 'View log', 'open-log', () => {
      onAction({ type: 'openLog', runId, jobId });
    });
    this.explain = this.addButton('sparkle', 'Explain failure (AI)', 'explain-failure', () => {
      onAction({ type: 'explainFailure', runId, jobId });
    });
    this.element.append(this.chevron, this.icon, this.name, this.duration, this.actionBar);
  }

  override get expandable(): boolean {
    return (this.job?.steps.length ?? 0) > 0;
  }

  update(job: JobView, now: number, expanded: boolean, languageModel: boolean): void {
    this.job = job;
    const look = statusLook(job.status, job.conclusion);
    setCodicon(this.icon, look.icon, `status-icon tone-${look.tone}${look.spin ? ' codicon-modifier-spin' : ''}`);
    setText(this.name, job.name);
    this.element.title = job.name;
    this.rerun.show(job.status === 'completed');
    // A job has a log once a runner picked it up.
    this.log.show(job.startedAt !== null && job.status !== 'queued' && job.status !== 'waiting');
    // Only a job that failed by itself has a failure to explain, and only a language model can explain it.
    this.explain.show(
      languageModel && job.status === 'completed' && isFailed(job.conclusion) && job.conclusion !== 'cancelled',
    );
    this.setExpanded(this.expandable ? expanded : undefined);
    this.chevron.classList.toggle('invisible', !this.expandable);
    setCodicon(
      this.chevron,
      expanded && this.expandable ? 'chevron-down' : 'chevron-right',
      `chevron${this.expandable ? '' : ' invisible'}`,
    );
    this.tick(now);
    this.setLabel(
      `Job ${job.name}, ${look.label}${this.duration.textContent && !notStarted(job.status) ? `, ${this.duration.textContent}` : ''}`,
    );
  }

  tick(now: number): void {
    const job = this.job;
    if (!job) return;
    // Waiting for a runner is not running: it says so instead of counting.
    const waiting = notStarted(job.status);
    this.duration.classList.toggle('not-started', waiting);
    setText(
      this.duration,
      waiting ? statusLook(job.status, job.conclusion).label : elapsed(job.startedAt, job.completedAt, job.status, now),
    );
  }

  activate(): void {
    if (this.expandable) this.onToggle(this);
  }
}
