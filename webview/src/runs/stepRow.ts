// A step of a job: status, number, name and duration. The failed step is highlighted; activating any step opens the
// workflow file at the line that defines it.
import type { StepView } from '../../../protocol/runsView.js';
import { codicon, h, setCodicon, setText } from '../dom.js';
import { elapsed, isFailed, statusLook } from './runPresentation.js';
import { TreeRow, type ActionHandler } from './treeRow.js';

export class StepRow extends TreeRow {
  private readonly icon = codicon('blank', 'status-icon');
  private readonly number = h('span', { className: 'step-number' });
  private readonly name = h('span', { className: 'row-name' });
  private readonly duration = h('span', { className: 'duration' });
  private step: StepView | undefined;

  constructor(
    readonly runId: number,
    readonly jobId: number,
    readonly stepNumber: number,
    parent: TreeRow,
    private readonly onAction: ActionHandler,
  ) {
    super(`step:${jobId}:${stepNumber}`, 3, 'step-row', parent);
    this.element.append(this.icon, this.number, this.name, this.duration, codicon('go-to-file', 'step-goto'));
    this.element.title = 'Go to this step in the workflow file';
  }

  update(step: StepView, now: number): void {
    this.step = step;
    const look = statusLook(step.status, step.conclusion);
    setCodicon(this.icon, look.icon, `status-icon tone-${look.tone}${look.spin ? ' codicon-modifier-spin' : ''}`);
    setText(this.number, String(step.number));
    setText(this.name, step.name);
    this.element.classList.toggle(
      'failed-step',
      step.status === 'completed' && isFailed(step.conclusion) && step.conclusion !== 'cancelled',
    );
    this.element.classList.toggle('skipped', step.conclusion === 'skipped');
    this.tick(now);
    this.setLabel(
      `Step ${step.number}: ${step.name}, ${look.label}${this.duration.textContent ? `, ${this.duration.textContent}` : ''}`,
    );
  }

  tick(now: number): void {
    if (this.step) setText(this.duration, elapsed(this.step.startedAt, this.step.completedAt, this.step.status, now));
  }

  activate(): void {
    this.onAction({ type: 'openStep', runId: this.runId, jobId: this.jobId, stepNumber: this.stepNumber });
  }
}
