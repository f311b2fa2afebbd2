// The `graph` message: a laid-out job graph (workflow `needs`) or DVC stage graph, ready to draw. The server computes
// the layout (engine/insights/graphLayout.ts); the webview only draws boxes and polylines, so it stays small and the
// layout is testable without a browser. Validated on arrival like every message the panel receives.
import { panelRequest } from './panelRequest';

export type GraphNodeStatus = 'success' | 'failure' | 'cancelled' | 'skipped' | 'in_progress' | 'queued';

export interface GraphNodeView {
  readonly id: string;
  readonly label: string;
  /** Matrix legs of a job (or generated stages of a DVC definition); 'dynamic' when known only at run time. */
  readonly instances?: number | 'dynamic';
  /** One short line under the label, e.g. "median 3m 10s · p90 4m". */
  readonly detail?: string;
  /** The latest run's conclusion for this job, when run data is present. */
  readonly status?: GraphNodeStatus;
  /** On the chain of jobs that most often decides the run's wall time (from run data). */
  readonly critical?: boolean;
  /** The definition: a file URI and 0-based line, for `openFile`. */
  readonly uri: string;
  readonly line: number;
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

export interface GraphEdgeView {
  readonly from: string;
  readonly to: string;
  readonly points: readonly { readonly x: number; readonly y: number }[];
}

export interface GraphMessage {
  readonly type: 'graph';
  readonly kind: 'jobs' | 'dvc';
  readonly title: string;
  readonly width: number;
  readonly height: number;
  readonly nodes: readonly GraphNodeView[];
  readonly edges: readonly GraphEdgeView[];
}

/** Far more than any real pipeline; a bound so a bad message cannot make the panel draw millions of shapes. */
const MAX_NODES = 2000;
const MAX_EDGES = 8000;
const MAX_COORD = 1_000_000;
const STATUSES: readonly string[] = ['success', 'failure', 'cancelled', 'skipped', 'in_progress', 'queued'];

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const isCoord = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v) && Math.abs(v) <= MAX_COORD;
const isSize = (v: unknown): v is number => isCoord(v) && v >= 0;
const isText = (v: unknown, max: number): v is string => typeof v === 'string' && v.length <= max;

function parseNode(value: unknown): GraphNodeView | undefined {
  if (!isRecord(value)) return undefined;
  const { id, label, instances, detail, status, critical, uri, line, x, y, width, height } = value;
  if (!isText(id, 1000) || !isText(label, 1000) || !isText(uri, 4000) || !uri.startsWith('file:')) return undefined;
  if (typeof line !== 'number' || !Number.isInteger(line) || line < 0 || line >= 10_000_000) return undefined;
  if (!isCoord(x) || !isCoord(y) || !isSize(width) || !isSize(height)) return undefined;
  if (
    instances !== undefined &&
    instances !== 'dynamic' &&
    !(typeof instances === 'number' && Number.isInteger(instances) && instances >= 0)
  )
    return undefined;
  if (detail !== undefined && !isText(detail, 200)) return undefined;
  if (status !== undefined && !(typeof status === 'string' && STATUSES.includes(status))) return undefined;
  if (critical !== undefined && typeof critical !== 'boolean') return undefined;
  return {
    id,
    label,
    uri,
    line,
    x,
    y,
    width,
    height,
    ...(instances === undefined ? {} : { instances }),
    ...(detail === undefined ? {} : { detail }),
    ...(status === undefined ? {} : { status: status as GraphNodeStatus }),
    ...(critical === true ? { critical } : {}),
  };
}

function parseEdge(value: unknown, ids: ReadonlySet<string>): GraphEdgeView | undefined {
  if (!isRecord(value)) return undefined;
  const { from, to, points } = value;
  if (typeof from !== 'string' || typeof to !== 'string' || !ids.has(from) || !ids.has(to)) return undefined;
  if (!Array.isArray(points) || points.length < 2 || points.length > 1000) return undefined;
  const parsed: { x: number; y: number }[] = [];
  for (const p of points) {
    if (!isRecord(p) || !isCoord(p['x']) || !isCoord(p['y'])) return undefined;
    parsed.push({ x: p['x'], y: p['y'] });
  }
  return { from, to, points: parsed };
}

export function parseGraphMessage(value: Record<string, unknown>): GraphMessage | undefined {
  const { kind, title, width, height, nodes, edges } = value;
  if ((kind !== 'jobs' && kind !== 'dvc') || !isText(title, 1000) || !isSize(width) || !isSize(height))
    return undefined;
  if (!Array.isArray(nodes) || nodes.length > MAX_NODES || !Array.isArray(edges) || edges.length > MAX_EDGES)
    return undefined;
  const parsedNodes = nodes.map(parseNode);
  if (parsedNodes.some((n) => n === undefined)) return undefined;
  const ids = new Set(parsedNodes.map((n) => n?.id ?? ''));
  if (ids.size !== parsedNodes.length) return undefined;
  const parsedEdges = edges.map((e) => parseEdge(e, ids));
  if (parsedEdges.some((e) => e === undefined)) return undefined;
  return {
    type: 'graph',
    kind,
    title,
    width,
    height,
    nodes: parsedNodes as GraphNodeView[],
    edges: parsedEdges as GraphEdgeView[],
  };
}

export interface PipelineGraphsParams {
  readonly workflowUri: string | null;
  readonly dvcUri: string | null;
}

export interface PipelineGraphs {
  readonly jobs: GraphMessage | null;
  readonly dvc: GraphMessage | null;
}

/**
 * The panel's Graph tab: the job graph of a workflow (annotated with the watched runs when there are any) and the stage
 * graph of a dvc.yaml, laid out by the server from its cached parse. A null URI asks for none of that kind, except that
 * with `dvcUri` null the workspace's own dvc.yaml (at a folder root) is drawn when there is one. A graph is null when the
 * file is not (or no longer) such a pipeline. The host asks for it (it knows the editors); the page never does.
 */
export const PIPELINE_GRAPHS = panelRequest<PipelineGraphsParams, PipelineGraphs>('preflight/pipelineGraphs');
