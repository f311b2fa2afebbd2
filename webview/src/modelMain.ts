// Model view bootstrap (the custom editor for .onnx files): a toolbar, a status line for progress and errors, and the
// report's cards. Messages from the host are validated; malformed ones are ignored.
import './components.js';
import { parseToModelView, type ToModelView } from '../../protocol/modelView.js';
import { numberText } from '../../protocol/numberText.js';
import { h, setText } from './dom.js';
import { renderBeeswarm } from './model/beeswarm.js';
import { renderFairness } from './model/fairnessSection.js';
import { renderImportance } from './model/importanceChart.js';
import { postToHost } from './model/modelHost.js';
import { adoptModelStyles } from './model/modelStyles.js';
import { renderSummary } from './model/summarySection.js';
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
        status.classList.remove('error');
        const { report } = message;
        setText(title, report.summary.fileName);
        const e = report.explanation;
        setText(
          statusText,
          e
            ? `Explained ${e.rows.length} of ${e.rowsInData} rows (${e.method} SHAP, ${e.backgroundRows} background rows) in ${Math.round(e.elapsedMs)} ms · local accuracy error ${numberText(e.localAccuracyError)}${e.maxStandardError === undefined ? '' : ` · sampling error ≤ ${numberText(e.maxStandardError)}`}`
            : 'No data file: choose one to see feature importance and explanations.',
        );
        notes.replaceChildren(...report.notes.map((n) => h('li', { text: n })));
        const cards: HTMLElement[] = [renderSummary(report.summary)];
        if (e && e.rows.length > 0)
          cards.push(renderImportance(e.importance, e.outputSpace), renderBeeswarm(e), renderWaterfall(e));
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
