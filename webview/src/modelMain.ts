// Model view bootstrap (the custom editor for .onnx files): a toolbar, a status line for progress and errors, and the
// report's cards. Messages from the host are validated; malformed ones are ignored.
import './components.js';
import type { ModelExplanation } from '../../protocol/modelReport.js';
import { parseToModelView, type ToModelView } from '../../protocol/modelView.js';
import { numberText } from '../../protocol/numberText.js';
import { h, setText } from './dom.js';
import { renderBeeswarm } from './model/beeswarm.js';
import { renderClassPicker } from './model/classPicker.js';
import { renderFairness } from './model/fairnessSection.js';
import { renderImportance } from './model/importanceChart.js';
import { postToHost } from './model/modelHost.js';
import { adoptModelStyles } from './model/modelStyles.js';
import { renderSummary } from './model/summarySection.js';
import { shownOutput } from './model/shownOutput.js';
import { renderWaterfall } from './model/waterfall.js';

function button(label: string, icon: string, testId: string, onClick: () => void, secondary = true): HTMLElement {
  const b = h(
    'vscode-button',
    { testId, attrs: secondary ? { secondary: '', icon } : { icon } },
    document.createTextNode(label),
  );
  b.addEventListener('click', onClick);
  return b;
}

/** The SHAP cards of the explanation's first output, with the class chooser first when there are several: choosing a
 * class redraws the cards for it, and the waterfall stays on the row it showed. */
function explanationCards(e: ModelExplanation): HTMLElement[] {
  let row = 0;
  const draw = (k: number): HTMLElement[] => {
    const output = shownOutput(e, k);
    return [
      renderImportance(output),
      renderBeeswarm(output),
      renderWaterfall(output, row, (r) => {
        row = r;
      }),
    ];
  };
  let charts = draw(0);
  if (e.outputs.length < 2) return charts;
  const picker = renderClassPicker(e, 0, (k) => {
    const next = draw(k);
    for (const chart of charts) chart.remove();
    // The picker stays in place, so it keeps the keyboard focus.
    picker.after(...next);
    charts = next;
  });
  return [picker, ...charts];
}

function start(): void {
  adoptModelStyles(document);
  const title = h('h1', { text: 'Model' });
  const cancel = button('Cancel', 'close', 'cancel', () => {
    postToHost({ type: 'cancel' });
  });
  const toolbar = h(
    'div',
    { className: 'toolbar' },
    title,
    button('Choose data file…', 'folder-opened', 'pick-data', () => {
      postToHost({ type: 'pickData' });
    }),
    button('Recompute', 'refresh', 'recompute', () => {
      postToHost({ type: 'recompute' });
    }),
    cancel,
  );
  const ring = h('vscode-progress-ring');
  const statusText = h('span', { testId: 'status-text' });
  const status = h('div', { className: 'status-line', testId: 'status', attrs: { role: 'status' } }, ring, statusText);
  const notes = h('ul', { className: 'notes', testId: 'notes' });
  const body = h('div', { className: 'grid' });
  const root = document.getElementById('app') ?? document.body;
  root.replaceChildren(toolbar, status, notes, body);

  const busy = (on: boolean): void => {
    ring.hidden = !on;
    cancel.hidden = !on;
  };
  busy(true);
  setText(statusText, 'Reading the model…');

  const apply = (message: ToModelView): void => {
    switch (message.type) {
      case 'progress': {
        busy(true);
        status.classList.remove('error');
        const pct = message.fraction === undefined ? '' : ` (${Math.round(message.fraction * 100)}%)`;
        setText(statusText, `${message.message}${pct}`);
        break;
      }
      case 'error':
        busy(false);
        status.classList.add('error');
        setText(statusText, message.message);
        break;
      case 'report': {
        busy(false);
        const { report } = message;
        setText(title, report.summary.fileName);
        const e = report.explanation;
        // An explanation that failed (or does not add up to onnxruntime's output) is an error, with no chart drawn.
        status.classList.toggle('error', report.explanationError !== undefined);
        const classes = e && e.outputs.length > 1 ? ` · ${e.outputs.length} classes` : '';
        setText(
          statusText,
          report.explanationError ??
            (e
              ? `Explained ${e.rows.length} of ${e.rowsInData} rows (${e.method} SHAP, ${e.backgroundRows} background rows${classes}) in ${Math.round(e.elapsedMs)} ms · local accuracy error against onnxruntime ${numberText(e.localAccuracyError)}${e.maxStandardError === undefined ? '' : ` · sampling error ≤ ${numberText(e.maxStandardError)}`}`
              : 'No data file: choose one to see feature importance and explanations.'),
        );
        notes.replaceChildren(...report.notes.map((n) => h('li', { text: n })));
        const cards: HTMLElement[] = [renderSummary(report.summary)];
        if (e && e.rows.length > 0) cards.push(...explanationCards(e));
        if (report.fairness && report.fairness.length > 0)
          cards.push(renderFairness(report.fairness, report.fairnessDecision));
        body.replaceChildren(...cards);
        break;
      }
    }
  };
  window.addEventListener('message', (event: MessageEvent<unknown>) => {
    const message = parseToModelView(event.data);
    if (message) apply(message);
  });
  postToHost({ type: 'ready' });
}

start();
