// The model's identity card: file, size, producer, opsets, inputs/outputs with shapes, operators.
import type { ModelSummary, ModelTensorInfo } from '../../../protocol/modelReport.js';
import { h } from '../dom.js';
import { formatBytes, formatCount } from './format.js';

function tensorRows(label: string, tensors: readonly ModelTensorInfo[]): HTMLTableRowElement[] {
  return tensors.map((t, i) =>
    h(
      'tr',
      {},
      h('th', { text: i === 0 ? label : '', attrs: { scope: 'row' } }),
      h('td', { className: 'mono', text: t.name }),
      h('td', { className: 'mono', text: t.type }),
      h('td', { className: 'mono', text: `[${t.shape.join(', ')}]` }),
    ),
  );
}

export function renderSummary(summary: ModelSummary): HTMLElement {
  // A tree ensemble's size is its trees and nodes (it keeps them in attributes, not weight tensors): "0 parameters"
  // would say the model is empty. Weights are counted when there are any.
  const trees = summary.trees;
  const size = trees
    ? [
        formatCount(trees.count, 'tree'),
        formatCount(trees.nodes, 'node'),
        `depth ≤ ${trees.maxDepth}`,
        ...(summary.parameterCount > 0 ? [formatCount(summary.parameterCount, 'parameter')] : []),
      ]
    : [formatCount(summary.parameterCount, 'parameter')];
  const facts = [
    formatBytes(summary.sizeBytes),
    ...size,
    `IR ${summary.irVersion}`,
    ...summary.opsets.map((o) => `${o.domain === '' ? 'ai.onnx' : o.domain} ${o.version}`),
    ...(summary.producer ? [`by ${summary.producer}`] : []),
  ];
  const table = h(
    'table',
    { className: 'tensors', testId: 'model-tensors' },
    h(
      'thead',
      {},
      h('tr', {}, h('th', {}), h('th', { text: 'Name' }), h('th', { text: 'Type' }), h('th', { text: 'Shape' })),
    ),
    h('tbody', {}, ...tensorRows('Inputs', summary.inputs), ...tensorRows('Outputs', summary.outputs)),
  );
  const operators = h(
    'ul',
    { className: 'chips', attrs: { 'aria-label': 'Operators' } },
    ...summary.operators.map((o) =>
      h('li', { className: 'chip mono', text: o.count > 1 ? `${o.op} ×${o.count}` : o.op }),
    ),
  );
  return h(
    'section',
    { className: 'card', testId: 'model-summary', attrs: { 'aria-labelledby': 'summary-title' } },
    h('h2', { text: summary.fileName, attrs: { id: 'summary-title' } }),
    h('p', { className: 'facts', testId: 'model-facts', text: facts.join(' · ') }),
    table,
    operators,
  );
}
