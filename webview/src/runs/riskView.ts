// The failure-risk part of the Runs tab: for each workflow, the risk of its next run on this branch in a pill coloured
// by how high it is, beside how its last run went, with the top factors on expand (and in the tooltip); the
// explanation asked for with "why?" as a waterfall, shown where the user looks; and a "Model" section on how the model
// is doing here (modelHealthSection.ts), with a "Job model" one beside it while job lenses use a job model. Native
// <details> rows: keyboard and screen readers work as is.
import { percentText, pointsText } from '../../../protocol/numberText.js';
import {
  bandReasonSentences,
  namedFactors,
  riskFigureText,
  riskLevel,
  type FailureRiskMessage,
  type RiskExplanationView,
  type RiskLevel,
} from '../../../protocol/failureRisk.js';
import type { RunsMessage } from '../../../protocol/runsView.js';
import { codicon, h, setCodicon } from '../dom.js';
import { ModelHealthSection } from './modelHealthSection.js';
import { statusLook } from './runPresentation.js';
import { riskWaterfall } from './riskWaterfall.js';

const TOP_FACTORS = 3;

const LEVEL_WORDS: Record<RiskLevel, string> = { low: 'low', elevated: 'elevated', high: 'high' };

function key(view: RiskExplanationView): string {
  return `${view.workflowPath}\u0000${view.job ?? ''}`;
}

/** "23%", or "elevated (15–40%)" while the risk is shown as a band. */
function figure(view: RiskExplanationView): string {
  return riskFigureText(view.probability, view.shown);
}

/** Why the risk is a band, as a paragraph; nothing for a percentage. */
function bandReasonParagraph(view: RiskExplanationView, testId?: string): HTMLElement[] {
  return bandReasonSentences(view.shown).map((text) =>
    h('p', { className: 'risk-band-reason', ...(testId ? { testId } : {}), text }),
  );
}

/** How much the model was weighed against the workflow's or job's own record (none while only the model speaks). */
function weighedParagraph(view: RiskExplanationView): HTMLElement[] {
  return view.weighed === undefined
    ? []
    : [h('p', { className: 'risk-weighed', testId: 'risk-weighed', text: view.weighed })];
}

/** Words for the tooltip: why a band rather than a figure, then the top groups of factors, one per line. */
export function riskTooltip(view: RiskExplanationView): string {
  return [
    `Failure risk of the next run on ${view.branch}: ${figure(view)} (base rate ${percentText(view.baseProbability)})`,
    ...bandReasonSentences(view.shown),
    ...view.groups.slice(0, TOP_FACTORS).map((g) => `• ${g.label}: ${pointsText(g.points)}`),
    view.basis,
  ].join('\n');
}

/** The risk as a pill whose colour says its band; the band is in its accessible name too, not only in the colour. */
function riskPill(view: RiskExplanationView): HTMLElement {
  const level = view.shown.kind === 'band' ? view.shown.level : riskLevel(view.probability);
  const text = view.shown.kind === 'band' ? `risk ${view.shown.level}` : `risk ${percentText(view.probability)}`;
  const pill = h('span', {
    className: `risk-value level-${level}`,
    testId: 'risk-value',
    text,
    attrs: { 'aria-label': `failure risk ${figure(view)}, ${LEVEL_WORDS[level]}` },
  });
  pill.dataset['level'] = level;
  return pill;
}

/** What the page remembers of "why?" across reloads (the panel unloads when hidden). */
export interface RiskFocusState {
  /** The last `focusRequest` the page acted on. */
  readonly seen: number;
  /** The user closed that explanation. */
  readonly closed: boolean;
}

export interface FailureRiskViewOptions {
  /** A new "why?" arrived: bring the Runs tab forward so the explanation is seen. */
  readonly onReveal: () => void;
  readonly onFocusState: (state: RiskFocusState) => void;
}

export class FailureRiskView {
  readonly element: HTMLElement;
  private readonly list = h('div', { className: 'risk-list', testId: 'risk-list' });
  private readonly explanation = h('section', {
    className: 'risk-explanation',
    testId: 'risk-explanation',
    attrs: { 'aria-labelledby': 'risk-explanation-title', tabindex: '-1' },
  });
  private readonly model = new ModelHealthSection('Model', 'risk-model');
  private readonly jobModel = new ModelHealthSection('Job model', 'risk-job-model', 'jobs');
  private message: FailureRiskMessage | undefined;
  private runs: RunsMessage | undefined;
  /** The key of the explanation on screen, if any. */
  private shown: string | undefined;
  private focusState: RiskFocusState;
  private readonly open = new Set<string>();

  constructor(
    private readonly options: FailureRiskViewOptions,
    saved: RiskFocusState | undefined,
  ) {
    this.focusState = saved ?? { seen: 0, closed: false };
    this.element = h(
      'section',
      { className: 'risk', testId: 'risk-view', attrs: { 'aria-labelledby': 'risk-heading' } },
      h('h2', { className: 'risk-heading', text: 'Failure risk of the next run', attrs: { id: 'risk-heading' } }),
      this.list,
      this.explanation,
      this.model.element,
      this.jobModel.element,
    );
    this.element.hidden = true;
    this.explanation.hidden = true;
  }

  render(message: FailureRiskMessage): void {
    this.message = message;
    const focus = message.focus;
    const asked = focus !== null && message.focusRequest !== this.focusState.seen;
    if (focus && asked) {
      this.shown = key(focus);
      this.setFocusState({ seen: message.focusRequest, closed: false });
    } else if (focus && this.shown === undefined && !this.focusState.closed) {
      // The page was reloaded (or the explanation refreshed) with the explanation still open: keep it, quietly.
      this.shown = key(focus);
    }
    this.draw();
    if (asked && !this.element.hidden && !this.explanation.hidden) {
      this.options.onReveal();
      this.explanation.scrollIntoView({ block: 'nearest' });
      this.explanation.focus({ preventScroll: true });
    }
  }

  /** The runs list changed: the last run's status beside each risk follows it. */
  setRuns(runs: RunsMessage): void {
    this.runs = runs;
    this.draw();
  }

  private setFocusState(state: RiskFocusState): void {
    this.focusState = state;
    this.options.onFocusState(state);
  }

  private draw(): void {
    const message = this.message;
    const signedIn =
      this.runs === undefined || (this.runs.state.kind !== 'signedOut' && this.runs.state.kind !== 'noRemote');
    this.element.hidden = !message || !signedIn || (message.workflows.length === 0 && message.monitoring === null);
    if (!message || this.element.hidden) return;
    this.list.replaceChildren(...message.workflows.map((w) => this.row(w)));
    const focus = message.focus !== null && this.shown === key(message.focus) ? message.focus : undefined;
    this.drawExplanation(
      focus ?? message.workflows.find((w) => key(w) === this.shown),
      focus !== undefined && message.focusStale,
    );
    this.model.draw(message.monitoring);
    this.jobModel.draw(message.jobMonitoring);
  }

  private row(view: RiskExplanationView): HTMLElement {
    const latest = this.runs?.runs.find((r) => r.workflowName === view.workflowName);
    const look = latest ? statusLook(latest.status, latest.conclusion) : undefined;
    const icon = codicon('blank', 'status-icon');
    if (look) setCodicon(icon, look.icon, `status-icon tone-${look.tone}${look.spin ? ' codicon-modifier-spin' : ''}`);
    const explain = h(
      'vscode-button',
      { className: 'risk-explain', testId: 'risk-explain', attrs: { secondary: '' } },
      codicon('graph'),
      document.createTextNode(' Why?'),
    );
    explain.addEventListener('click', () => {
      this.shown = key(view);
      this.draw();
    });
    // The status is the last run's, under a heading about the next one: it says so.
    const status = look ? `last run: ${look.label.toLowerCase()}` : 'no run on this branch yet';
    const row = h(
      'details',
      { className: 'risk-row', testId: 'risk-row' },
      // The pill first, so the pills form a column to run the eye down whatever the workflows' names.
      h(
        'summary',
        { attrs: { title: riskTooltip(view) } },
        riskPill(view),
        h('span', { className: 'risk-workflow', testId: 'risk-workflow', text: view.workflowName }),
        h('span', { className: 'risk-status', testId: 'risk-last-run' }, icon, document.createTextNode(status)),
      ),
      ...bandReasonParagraph(view, 'risk-band-reason'),
      h(
        'ul',
        { className: 'risk-top', testId: 'risk-top-factors' },
        ...view.groups.slice(0, TOP_FACTORS).map((g) => {
          const top = namedFactors(view.factors, g, 2);
          return h(
            'li',
            { attrs: { title: top.map((f) => `${f.reason}: ${pointsText(f.points)}`).join('\n') } },
            h('span', { className: 'factor-reason', text: g.label }),
            h('span', { className: `factor-points ${g.points >= 0 ? 'up' : 'down'}`, text: pointsText(g.points) }),
          );
        }),
      ),
      ...weighedParagraph(view),
      h('p', { className: 'risk-basis', text: view.basis }),
      explain,
    );
    row.open = this.open.has(key(view));
    row.addEventListener('toggle', () => {
      if (row.open) this.open.add(key(view));
      else this.open.delete(key(view));
    });
    return row;
  }

  private drawExplanation(view: RiskExplanationView | undefined, stale: boolean): void {
    this.explanation.hidden = view === undefined;
    if (!view) return;
    const close = h(
      'vscode-button',
      { className: 'risk-close', attrs: { secondary: '', 'aria-label': 'Close the explanation' } },
      codicon('close'),
    );
    close.addEventListener('click', () => {
      if (this.message?.focus && this.shown === key(this.message.focus))
        this.setFocusState({ ...this.focusState, closed: true });
      this.shown = undefined;
      this.draw();
    });
    const subject = view.job === null ? view.workflowName : `job ${view.job} of ${view.workflowName}`;
    this.explanation.classList.toggle('stale', stale);
    this.explanation.replaceChildren(
      h(
        'div',
        { className: 'risk-explanation-head' },
        h('h3', { text: `Why ${figure(view)}: ${subject}`, attrs: { id: 'risk-explanation-title' } }),
        close,
      ),
      ...(stale
        ? [
            h(
              'p',
              { className: 'risk-stale', testId: 'risk-explanation-stale', attrs: { role: 'status' } },
              codicon('warning'),
              document.createTextNode(
                ' From before the model or the run history changed; click “why?” again for the current explanation.',
              ),
            ),
          ]
        : []),
      ...bandReasonParagraph(view),
      riskWaterfall(view),
      ...weighedParagraph(view),
      h('p', { className: 'risk-basis', text: view.basis }),
    );
  }
}
