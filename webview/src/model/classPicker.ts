// The class chooser of a multiclass model's view: the charts show one class at a time. A vscode-single-select, so it
// works from the keyboard (Tab to it, ↑/↓ to move, Enter to choose) and reads as a labelled combobox; each class
// says how many of the shown rows the model predicts it for.
import '@vscode-elements/elements/dist/vscode-option/index.js';
import '@vscode-elements/elements/dist/vscode-single-select/index.js';
import type { ModelExplanation } from '../../../protocol/modelReport.js';
import { h } from '../dom.js';

export function renderClassPicker(
  explanation: ModelExplanation,
  selected: number,
  onChoose: (index: number) => void,
): HTMLElement {
  const predicted = explanation.outputs.map((_, k) => (explanation.predictedClass ?? []).filter((c) => c === k).length);
  const select = h(
    'vscode-single-select',
    { testId: 'class-select', attrs: { id: 'class-select', 'aria-label': 'Class shown in the charts' } },
    ...explanation.outputs.map((output, k) =>
      h(
        'vscode-option',
        { attrs: { value: String(k), ...(k === selected ? { selected: '' } : {}) } },
        document.createTextNode(
          `${output.label} (predicted for ${predicted[k] ?? 0} of ${explanation.rows.length} rows)`,
        ),
      ),
    ),
  );
  select.addEventListener('change', () => {
    const index = Number((select as HTMLElement & { value: string }).value);
    if (Number.isInteger(index)) onChoose(index);
  });
  return h(
    'section',
    { className: 'card wide class-picker', testId: 'class-picker', attrs: { 'aria-label': 'Class' } },
    h('label', { text: 'Class', attrs: { for: 'class-select' } }),
    select,
    h('span', {
      className: 'hint',
      text: `${explanation.outputs.length} classes, explained one at a time`,
    }),
  );
}
