// A workflow run: status, workflow name and number, commit title, then a line of who/what/when, its duration and attempt,
// and the run-level actions. Two lines of fixed height, so new data never changes the row's size.
import type { RunView } from '../../../protocol/runsView.js';
import { codicon, h, setCodicon, setText } from '../dom.js';
import { elapsed, eventLabel, isFailed, notStarted, relativeTime, statusLook } from './runPresentation.js';
import { TreeRow, type ActionButton, type ActionHandler } from './treeRow.js';

export class RunRow extends TreeRow {
  private readonly chevron = codicon('chevron-right', 'chevron');
  private readonly icon = codicon('blank', 'status-icon');
  private readonly workflow = h('span', { className: 'workflow-name', testId: 'workflow-name' });
  private readonly number = h('span', { className: 'run-number' });
  private readonly title = h('span', { className: 'run-title', testId: 'run-title' });
  private readonly attempt = h('vscode-badge', { className: 'attempt', testId: 'attempt' });
  private readonly duration = h('span', { className: 'duration', testId: 'run-duration' });
  private readonly event = h('span', { className: 'meta-item', testId: 'run-event' });
  private readonly actor = h('span', { className: 'meta-item actor', testId: 'run-actor' });
  private readonly sha = h('span', { className: 'meta-item sha' });
  private readonly when = h('span', { className: 'meta-item when', testId: 'run-when' });
  private readonly conclusion = h('span', { className: 'meta-item conclusion', testId: 'run-conclusion' });
  private readonly rerunFailed: ActionButton;
  private readonly rerunAll: ActionButton;
  private readonly cancel: ActionButton;
  private run: RunView | undefined;

  constructor(
    readonly runId: number,
    private readonly onToggle: (row: RunRow) => void,
    onAction: ActionHandler,
  ) {
    super(`run:${runId}`, 1, 'run-row', undefined);
    this.rerunFailed = this.addButton('debug-rerun', 'Re-run failed jobs', 'rerun-failed', () => {
      onAction({ type: 'rerunFailed', runId });
    });
    this.rerunAll = this.addButton('refresh', 'Re-run all jobs', 'rerun-run', () => {
      onAction({ type: 'rerunRun', runId });
    });
    this.cancel = this.addButton('stop-circle', 'Cancel run', 'cancel-run', () => {
      onAction({ type: 'cancelRun', runId });
    });
    this.element.classList.add('run');
    this.element.append(
      this.chevron,
      this.icon,
      h(
        'span',
        { className: 'run-body' },
        h('span', { className: 'run-line' }, this.workflow, this.number, this.title),
        h('span', { className: 'run-meta' }, this.conclusion, this.event, this.actor, this.sha, this.when),
      ),
      h('span', { className: 'run-side' }, this.attempt, this.duration),
      this.actionBar,
    );
  }

  override get expandable(): boolean {
    return true;
  }

  update(run: RunView, now: number, expanded: boolean): void {
    this.run = run;
    const look = statusLook(run.status, run.conclusion);
    setCodicon(this.icon, look.icon, `status-icon tone-${look.tone}${look.spin ? ' codicon-modifier-spin' : ''}`);
    setCodicon(this.chevron, expanded ? 'chevron-down' : 'chevron-right', 'chevron');
    this.setExpanded(expanded);
    setText(this.workflow, run.workflowName);
    setText(this.number, `#${run.runNumber}`);
    setText(this.title, run.title);
    setText(this.conclusion, look.label);
    this.conclusion.className = `meta-item conclusion tone-${look.tone}`;
    setText(this.event, eventLabel(run.event));
    setText(this.actor, run.actor ?? '');
    this.actor.hidden = run.actor === null;
    setText(this.sha, run.headSha.slice(0, 7));
    setText(this.attempt, `attempt ${run.attempt}`);
    // Only a re-run has attempts worth mentioning; the badge keeps its space so durations stay aligned.
    this.attempt.classList.toggle('invisible', run.attempt <= 1);
    this.element.title = `${run.workflowName} #${run.runNumber}: ${run.title}`;
    const completed = run.status === 'completed';
    this.rerunFailed.show(completed && isFailed(run.conclusion));
    this.rerunAll.show(completed);
    this.cancel.show(!completed);
    this.tick(now);
    const attempt = run.attempt > 1 ? `, attempt ${run.attempt}` : '';
    this.setLabel(
      `${run.workflowName} run ${run.runNumber}, ${look.label}: ${run.title}, ${eventLabel(run.event)}${run.actor ? ` by ${run.actor}` : ''}${attempt}`,
    );
  }

  tick(now: number): void {
    const run = this.run;
    if (!run) return;
    // A run's own started/updated times bound it: while it runs it is still going at `now`.
    const end = run.status === 'completed' ? run.updatedAt : null;
    const waiting = notStarted(run.status);
    this.duration.classList.toggle('not-started', waiting);
    setText(
      this.duration,
      waiting
        ? statusLook(run.status, run.conclusion).label
        : elapsed(run.startedAt ?? run.createdAt, end, run.status, now),
    );
    setText(this.when, relativeTime(run.createdAt, now));
    this.when.title = new Date(Date.parse(run.createdAt)).toLocaleString();
  }

  activate(): void {
    this.onToggle(this);
  }
}
