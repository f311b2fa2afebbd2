// One node of the graph: a box with the job or stage name, its matrix count as a badge, a detail line (typical
// duration) and a status stripe. Focusable; Enter or Space (or a click) opens its definition.
import type { GraphNodeStatus, GraphNodeView } from '../../../protocol/webview.js';
import { svg, svgText } from '../svg.js';

/** The same estimates the server's layout sized the boxes with (engine/insights/pipelineGraphs.ts). */
const LABEL_CHAR_WIDTH = 7;
const DETAIL_CHAR_WIDTH = 6.5;
const PADDING = 12;
const STRIPE = 4;

const STATUS_TEXT: Readonly<Record<GraphNodeStatus, string>> = {
  success: 'succeeded',
  failure: 'failed',
  cancelled: 'cancelled',
  skipped: 'skipped',
  in_progress: 'running',
  queued: 'queued',
};

/** Cuts text to what fits in `width` pixels at the estimated character width, with an ellipsis. */
export function fitText(text: string, width: number, charWidth: number): string {
  const max = Math.max(1, Math.floor(width / charWidth));
  return text.length <= max ? text : `${text.slice(0, Math.max(1, max - 1))}…`;
}

function badgeText(instances: GraphNodeView['instances']): string | undefined {
  if (instances === undefined) return undefined;
  return instances === 'dynamic' ? '×?' : `×${instances}`;
}

export function describeNode(node: GraphNodeView): string {
  const parts = [node.label];
  if (node.instances === 'dynamic') parts.push('matrix decided at run time');
  else if (node.instances !== undefined) parts.push(`${node.instances} matrix legs`);
  if (node.status) parts.push(`last run ${STATUS_TEXT[node.status]}`);
  if (node.critical) parts.push('on the critical path');
  if (node.detail) parts.push(node.detail);
  parts.push(`opens line ${node.line + 1}`);
  return parts.join(', ');
}

export function renderNode(node: GraphNodeView, onOpen: (node: GraphNodeView) => void): SVGGElement {
  const badge = badgeText(node.instances);
  const badgeWidth = badge === undefined ? 0 : badge.length * 6 + 12;
  const textWidth = node.width - 2 * PADDING - STRIPE - (badge === undefined ? 0 : badgeWidth + 6);
  const labelY = node.detail ? 20 : node.height / 2 + 4;
  const group = svg(
    'g',
    {
      class: `node${node.status ? ` status-${node.status}` : ''}${node.critical ? ' critical' : ''}`,
      transform: `translate(${node.x} ${node.y})`,
      tabindex: 0,
      role: 'button',
      'aria-label': describeNode(node),
      'data-testid': 'graph-node',
      'data-id': node.id,
    },
    svg('title', {}, document.createTextNode(describeNode(node))),
    svg('rect', { class: 'node-box', width: node.width, height: node.height, rx: 4 }),
    svg('rect', { class: 'node-stripe', width: STRIPE, height: node.height - 2, x: 1, y: 1, rx: 1 }),
    svgText(fitText(node.label, textWidth, LABEL_CHAR_WIDTH), { class: 'node-label', x: PADDING + STRIPE, y: labelY }),
  );
  if (node.detail)
    group.append(
      svgText(fitText(node.detail, node.width - 2 * PADDING - STRIPE, DETAIL_CHAR_WIDTH), {
        class: 'node-detail',
        x: PADDING + STRIPE,
        y: labelY + 16,
      }),
    );
  if (badge !== undefined) {
    const x = node.width - PADDING - badgeWidth;
    group.append(
      svg('rect', { class: 'node-badge-box', x, y: labelY - 11, width: badgeWidth, height: 15, rx: 7 }),
      svgText(badge, {
        class: 'node-badge',
        x: x + badgeWidth / 2,
        y: labelY,
        'text-anchor': 'middle',
        'data-testid': 'graph-node-badge',
      }),
    );
  }
  group.addEventListener('click', () => {
    onOpen(node);
  });
  group.addEventListener('keydown', (event) => {
    if (event.key !== 'Enter' && event.key !== ' ') return;
    event.preventDefault();
    onOpen(node);
  });
  return group;
}
