// A waterfall from a base through each step's change to a final value, shared by the model view (a row's SHAP values)
// and the Runs tab ("why?" of a failure risk). Built from HTML, not SVG: each step is a row of a list with its words in
// full (they wrap rather than being cut), a bar on a common scale, and the change in its own column, so nothing
// overlaps and text keeps the editor's font size at any width. Screen readers read the list as it is.
import { h } from './dom.js';

export interface WaterfallStep {
  readonly label: string;
  readonly delta: number;
}

/** One end of the waterfall: its words ("base rate") and its value as shown ("17%"). */
export interface WaterfallEnd {
  readonly label: string;
  readonly value: string;
}

export interface WaterfallSpec {
  readonly steps: readonly WaterfallStep[];
  /** Where the steps start and end, on the scale of `delta`. */
  readonly base: number;
  readonly value: number;
  readonly baseEnd: WaterfallEnd;
  readonly valueEnd: WaterfallEnd;
  readonly formatDelta: (delta: number) => string;
  readonly ariaLabel: string;
  /** data-testid of the list of steps. */
  readonly stepsTestId?: string;
}

/** Left edge and width of a span of the scale, in percent of the track. */
function placer(points: readonly number[]): (from: number, to: number) => { left: number; width: number } {
  const lo = Math.min(...points);
  const hi = Math.max(...points);
  const span = Math.max(1e-12, hi - lo);
  return (from, to) => {
    const a = ((Math.min(from, to) - lo) / span) * 100;
    const b = ((Math.max(from, to) - lo) / span) * 100;
    return { left: a, width: b - a };
  };
}

/** A mark across the track at `at` percent; CSSOM, not a style attribute: the page's CSP forbids inline styles. */
function mark(className: string, at: number): HTMLElement {
  const element = h('span', { className });
  element.style.left = `${at.toFixed(2)}%`;
  return element;
}

function track(basePosition: number, ...children: HTMLElement[]): HTMLElement {
  return h(
    'span',
    { className: 'wf-track', attrs: { 'aria-hidden': 'true' } },
    mark('wf-base', basePosition),
    ...children,
  );
}

function endRow(end: WaterfallEnd, className: string, basePosition: number, at: number): HTMLElement {
  return h(
    'div',
    { className: `wf-row ${className}` },
    h('span', { className: 'wf-label', text: end.label }),
    track(basePosition, mark('wf-point', at)),
    h('span', { className: 'wf-value', text: end.value }),
  );
}

export function waterfallChart(spec: WaterfallSpec): HTMLElement {
  let running = spec.base;
  const spans = spec.steps.map((s) => {
    const from = running;
    running += s.delta;
    return { ...s, from, to: running };
  });
  const place = placer([spec.base, spec.value, ...spans.flatMap((s) => [s.from, s.to])]);
  const basePosition = place(spec.base, spec.base).left;
  const steps = h(
    'ol',
    { className: 'wf-steps', ...(spec.stepsTestId === undefined ? {} : { testId: spec.stepsTestId }) },
    ...spans.map((s) => {
      const { left, width } = place(s.from, s.to);
      const bar = h('span', { className: `wf-bar ${s.delta >= 0 ? 'push-up' : 'push-down'}` });
      bar.style.left = `${left.toFixed(2)}%`;
      // A step too small to see still shows as a sliver, so every listed factor has a bar.
      bar.style.width = `max(2px, ${width.toFixed(2)}%)`;
      return h(
        'li',
        { className: 'wf-row wf-step' },
        h('span', { className: 'wf-label', text: s.label }),
        track(basePosition, bar),
        h('span', { className: `wf-value ${s.delta >= 0 ? 'up' : 'down'}`, text: spec.formatDelta(s.delta) }),
      );
    }),
  );
  // The outer box is the size container the narrow layout asks about; the grid inside lays the rows out.
  return h(
    'div',
    { className: 'waterfall', testId: 'waterfall', attrs: { role: 'group', 'aria-label': spec.ariaLabel } },
    h(
      'div',
      { className: 'wf-grid' },
      endRow(spec.baseEnd, 'wf-start', basePosition, basePosition),
      steps,
      endRow(spec.valueEnd, 'wf-end', basePosition, place(spec.value, spec.value).left),
    ),
  );
}
