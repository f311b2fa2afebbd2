// The failure-risk part of the Runs tab: for each workflow, the risk of its next run on this branch beside the live status
// of its latest run, with the top factors on expand (and in the tooltip); the explanation asked for with "why?" as a
// waterfall; and a "Model" section on how the model is doing here (modelHealthSection.ts), with a "Job model" one beside
// it while job lenses use a job model. Native <details> rows: keyboard and screen readers work as is.
import type { FailureRiskMessage, RiskExplanationView } from '../../../protocol/failureRisk.js';
import type { RunsMessage } from '../../../protocol/runsView.js';
import { codicon, h, setCodicon } from '../dom.js';
import { ModelHealthSection } from './modelHealthSection.js';
import { statusLook } from './runPresentation.js';
import { formatPoints, riskPercent, riskWaterfall } from './riskWaterfall.js';

const TOP_FACTORS = 3;

function key(view: RiskExplanationView): string {
  return `${view.workflowPath}\u0000${view.job ?? ''}`;
}

/** Words for the tooltip: the top factors, one per line. */
export function riskTooltip(view: RiskExplanationView): string {
  return [`Failure risk of the next run on ${view.branch}: ${riskPercent(view.probability)} (base rate ${riskPercent(view.baseProbability)})`,
    ...view.factors.slice(0, TOP_FACTORS).map((f) => `• ${f.reason}: ${formatPoints(f.points)}`), view.basis].join('\n');
}

export class FailureRiskView {
  readonly element: HTMLElement;
  private readonly list = h('div', { className: 'risk-list', testId: 'risk-list' });
  private readonly explanation = h('section', { className: 'risk-explanation', testId: 'risk-explanation', attrs: { 'aria-labelledby': 'risk-explanation-title', tabindex: '-1' } });
  private readonly model = new ModelHealthSection('Model', 'risk-model');
  private readonly jobModel = new ModelHealthSection('Job model', 'risk-job-model', 'jobs');
  private message: FailureRiskMessage | undefined;
  private runs: RunsMessage | undefined;
  private shown: string | undefined;
  private readonly open = new Set<string>();

  constructor() {
    this.element = h('section', { className: 'risk', testId: 'risk-view', attrs: { 'aria-label': 'Failure risk of the next runs' } },
      h('h2', { className: 'risk-heading', text: 'Next run' }), this.list, this.explanation, this.model.element, this.jobModel.element);
    this.element.hidden = true;
    this.explanation.hidden = true;
  }

  render(message: FailureRiskMessage): void {
    const focusChanged = message.focus !== null && (this.message?.focus === null || this.message?.focus === undefined || key(this.message.focus) !== key(message.focus) || this.message.focus.probability !== message.focus.probability);
    this.message = message;
    if (message.focus) this.shown = key(message.focus);
    this.draw();
    if (focusChanged) {
      this.explanation.scrollIntoView({ block: 'nearest' });
      this.explanation.focus({ preventScroll: true });
    }
  }

  /** The runs list changed: the live status beside each risk follows it. */
  setRuns(runs: RunsMessage): void {
    this.runs = runs;
    this.draw();
  }

  private draw(): void {
    const message = this.message;
    const signedIn = this.runs === undefined || (this.runs.state.kind !== 'signedOut' && this.runs.state.kind !== 'noRemote');
    this.element.hidden = !message || !signedIn || (message.workflows.length === 0 && message.monitoring === null);
    if (!message || this.element.hidden) return;
    this.list.replaceChildren(...message.workflows.map((w) => this.row(w)));
    const focus = message.focus && this.shown === key(message.focus) ? message.focus : message.workflows.find((w) => key(w) === this.shown);
    this.drawExplanation(focus);
    this.model.draw(message.monitoring);
    this.jobModel.draw(message.jobMonitoring);
  }

  private row(view: RiskExplanationView): HTMLElement {
    const latest = this.runs?.runs.find((r) => r.workflowName === view.workflowName);
    const look = latest ? statusLook(latest.status, latest.conclusion) : undefined;
    const icon = codicon('blank', 'status-icon');
    if (look) setCodicon(icon, look.icon, `status-icon tone-${look.tone}${look.spin ? ' codicon-modifier-spin' : ''}`);
    const explain = h('vscode-button', { className: 'risk-explain', testId: 'risk-explain', attrs: { secondary: '' } }, codicon('graph'), document.createTextNode(' Why?'));
    explain.addEventListener('click', () => { this.shown = key(view); this.draw(); });
    const row = h('details', { className: 'risk-row', testId: 'risk-row' },
      h('summary', { attrs: { title: riskTooltip(view) } },
        icon,
        h('span', { className: 'risk-workflow', testId: 'risk-workflow', text: view.workflowName }),
        h('span', { className: 'risk-status', text: look ? look.label : 'no run on this branch yet' }),
        h('span', { className: 'risk-value', testId: 'risk-value', text: `risk ${riskPercent(view.probability)}`, attrs: { 'aria-label': `failure risk ${riskPercent(view.probability)}` } })),
      h('ul', { className: 'risk-top', testId: 'risk-top-factors' },
        ...view.factors.slice(0, TOP_FACTORS).map((f) => h('li', {}, h('span', { className: 'factor-reason', text: f.reason }), h('span', { className: `factor-points ${f.points >= 0 ? 'up' : 'down'}`, text: formatPoints(f.points) })))),
      h('p', { className: 'risk-basis', text: view.basis }),
      explain);
    row.open = this.open.has(key(view));
    row.addEventListener('toggle', () => { if (row.open) this.open.add(key(view)); else this.open.delete(key(view)); });
    return row;
  }

  private drawExplanation(view: RiskExplanationView | undefined): void {
    this.explanation.hidden = view === undefined;
    if (!view) return;
    const close = h('vscode-button', { className: 'risk-close', attrs: { secondary: '', 'aria-label': 'Close the explanation' } }, codicon('close'));
    close.addEventListener('click', () => { this.shown = undefined; this.draw(); });
    const subject = view.job === null ? view.workflowName : `job ${view.job} of ${view.workflowName}`;
    this.explanation.replaceChildren(
      h('div', { className: 'risk-explanation-head' },
        h('h3', { text: `Why ${riskPercent(view.probability)}: ${subject}`, attrs: { id: 'risk-explanation-title' } }), close),
      riskWaterfall(view),
      h('p', { className: 'risk-basis', text: view.basis }));
  }
}
