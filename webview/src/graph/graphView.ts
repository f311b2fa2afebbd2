// The graph section of the panel: a job graph or DVC stage graph drawn as SVG from the server's layout, with zoom
// buttons (and Ctrl/Cmd + wheel, +/−/0 keys) and zoom-to-fit, which is also where every new graph starts.
import type { GraphEdgeView, GraphMessage, GraphNodeView } from '../../../protocol/webview.js';
import { h, setText } from '../dom.js';
import { isArrowKey, neighbourFor } from './graphKeyboard.js';
import { renderNode } from './graphNode.js';
import { adoptGraphStyles } from './graphStyles.js';
import { svg } from '../svg.js';

const MIN_ZOOM = 0.2;
const MAX_ZOOM = 3;
const ZOOM_STEP = 1.25;
/** Fit never enlarges a small graph beyond this: big boxes for three jobs look broken, not helpful. */
const MAX_FIT_ZOOM = 1.25;

/** A smooth left-to-right curve through the layout's points (horizontal tangents at every point). */
export function edgePath(points: GraphEdgeView['points']): string {
  const [first, ...rest] = points;
  if (!first) return '';
  let d = `M${first.x} ${first.y}`;
  let previous = first;
  for (const p of rest) {
    const mid = (previous.x + p.x) / 2;
    d += ` C${mid} ${previous.y} ${mid} ${p.y} ${p.x} ${p.y}`;
    previous = p;
  }
  return d;
}

export class GraphView {
  readonly element: HTMLElement;
  private readonly title = h('h2', { className: 'graph-title', testId: 'graph-title' });
  private readonly zoomLabel = h('span', {
    className: 'graph-zoom',
    testId: 'graph-zoom',
    attrs: { 'aria-live': 'polite' },
  });
  private readonly canvas = h('div', { className: 'graph-canvas', testId: 'graph-canvas', attrs: { tabindex: '0' } });
  private svgElement: SVGSVGElement | undefined;
  private graph: GraphMessage | undefined;
  private graphSize = { width: 0, height: 0 };
  private zoom = 1;
  /** Fit was asked for while the view was hidden (no width to fit to): fit when it is shown. */
  private fitPending = false;
  /** The user zoomed since the last fit: keep their zoom through resizes and redraws. */
  private userZoomed = false;

  constructor(
    kind: GraphMessage['kind'],
    private readonly onOpen: (uri: string, line: number) => void,
  ) {
    adoptGraphStyles(document);
    const button = (testId: string, icon: string, title: string, action: () => void): HTMLElement => {
      const b = h('vscode-button', { testId, attrs: { icon, secondary: '', title, 'aria-label': title } });
      b.addEventListener('click', action);
      return b;
    };
    this.element = h(
      'section',
      { className: 'graph', testId: 'graph-view', attrs: { hidden: '', 'data-kind': kind } },
      h(
        'div',
        { className: 'graph-toolbar' },
        this.title,
        this.zoomLabel,
        button('graph-zoom-out', 'zoom-out', 'Zoom out', () => {
          this.zoomBy(1 / ZOOM_STEP);
        }),
        button('graph-zoom-in', 'zoom-in', 'Zoom in', () => {
          this.zoomBy(ZOOM_STEP);
        }),
        button('graph-fit', 'screen-full', 'Zoom to fit', () => {
          this.fit();
        }),
      ),
      this.canvas,
    );
    this.canvas.addEventListener(
      'wheel',
      (event) => {
        if (!event.ctrlKey && !event.metaKey) return;
        event.preventDefault();
        this.zoomBy(event.deltaY < 0 ? ZOOM_STEP : 1 / ZOOM_STEP);
      },
      { passive: false },
    );
    this.canvas.addEventListener('keydown', (event) => {
      const id = event.target instanceof SVGElement ? event.target.dataset['id'] : undefined;
      if (id !== undefined && this.graph && isArrowKey(event.key)) {
        const next = neighbourFor(this.graph, id, event.key);
        event.preventDefault();
        if (next)
          this.canvas
            .querySelector<SVGGElement>(`[data-testid="graph-node"][data-id="${CSS.escape(next.id)}"]`)
            ?.focus();
        return;
      }
      if (event.target !== this.canvas) return;
      if (event.key === '+' || event.key === '=') this.zoomBy(ZOOM_STEP);
      else if (event.key === '-') this.zoomBy(1 / ZOOM_STEP);
      else if (event.key === '0') this.fit();
    });
    // The panel is resized with the editor columns beside it: a fitted graph follows, a zoom the user chose stays.
    let lastWidth = 0;
    new ResizeObserver(() => {
      const width = this.canvas.clientWidth;
      if (width === lastWidth) return;
      lastWidth = width;
      if (this.graph && !this.userZoomed && width > 0) this.fit();
    }).observe(this.canvas);
  }

  render(message: GraphMessage): void {
    // The same file redrawn (an edit, new run data) keeps its zoom, scroll and focused node: no jump under the reader.
    const same = this.graph !== undefined && this.graph.kind === message.kind && this.graph.title === message.title;
    const focusedId =
      same && document.activeElement instanceof SVGElement && this.canvas.contains(document.activeElement)
        ? document.activeElement.dataset['id']
        : undefined;
    const scroll = { left: this.canvas.scrollLeft, top: this.canvas.scrollTop };
    const critical = new Set(message.nodes.filter((n) => n.critical).map((n) => n.id));
    setText(this.title, message.title);
    this.title.title = message.title;
    const open = (node: GraphNodeView): void => {
      this.onOpen(node.uri, node.line);
    };
    const what = message.kind === 'jobs' ? 'Job graph' : 'DVC stage graph';
    const root = svg(
      'svg',
      {
        viewBox: `0 0 ${message.width} ${message.height}`,
        role: 'group',
        'aria-label': `${what}: ${message.title}, ${message.nodes.length} ${message.kind === 'jobs' ? 'jobs' : 'stages'}`,
        'data-testid': 'graph-svg',
        'data-kind': message.kind,
      },
      svg(
        'defs',
        {},
        svg(
          'marker',
          { id: 'graph-arrow', viewBox: '0 0 8 8', refX: 8, refY: 4, markerWidth: 7, markerHeight: 7, orient: 'auto' },
          svg('path', { class: 'arrow', d: 'M0 0 L8 4 L0 8 z' }),
        ),
      ),
      svg(
        'g',
        { class: 'edges' },
        ...message.edges.map((e) =>
          svg('path', {
            class: critical.has(e.from) && critical.has(e.to) ? 'edge critical' : 'edge',
            d: edgePath(e.points),
            'marker-end': 'url(#graph-arrow)',
            'data-from': e.from,
            'data-to': e.to,
          }),
        ),
      ),
      svg('g', { class: 'nodes' }, ...message.nodes.map((n) => renderNode(n, open))),
    );
    this.svgElement = root;
    this.graph = message;
    this.graphSize = { width: message.width, height: message.height };
    this.canvas.replaceChildren(root);
    this.element.hidden = false;
    if (!same || !this.userZoomed) {
      // A new graph starts fitted; the same graph stays fitted unless the user chose a zoom.
      this.fit();
      if (!same) return;
    } else this.setZoom(this.zoom);
    this.canvas.scrollLeft = scroll.left;
    this.canvas.scrollTop = scroll.top;
    if (focusedId !== undefined)
      this.canvas.querySelector<SVGGElement>(`[data-testid="graph-node"][data-id="${CSS.escape(focusedId)}"]`)?.focus();
  }

  /** The zoom at which the whole graph is visible in the canvas. */
  fit(): void {
    this.userZoomed = false;
    const width = this.canvas.clientWidth;
    const maxHeight = window.innerHeight * 0.7;
    if (width <= 0 || this.graphSize.width <= 0) {
      this.fitPending = width <= 0;
      this.setZoom(1);
      return;
    }
    this.fitPending = false;
    this.setZoom(
      Math.min(MAX_FIT_ZOOM, (width - 2) / this.graphSize.width, maxHeight / Math.max(1, this.graphSize.height)),
    );
  }

  /** The view became visible (its tab was selected). */
  shown(): void {
    if (this.fitPending) this.fit();
  }

  private zoomBy(factor: number): void {
    this.userZoomed = true;
    this.setZoom(this.zoom * factor);
  }

  private setZoom(zoom: number): void {
    this.zoom = Math.min(MAX_ZOOM, Math.max(MIN_ZOOM, zoom));
    if (this.svgElement) {
      this.svgElement.setAttribute('width', String(Math.round(this.graphSize.width * this.zoom)));
      this.svgElement.setAttribute('height', String(Math.round(this.graphSize.height * this.zoom)));
    }
    setText(this.zoomLabel, `${Math.round(this.zoom * 100)}%`);
  }
}
