// A workflow read into jobs and steps, with their YAML nodes, so rules ask "which jobs need what" instead of walking the
// AST each time. Built once per parse (memoised) from the first readable document (no YAML error but repeated keys);
// tolerant of any shape.
import type { Document } from 'yaml';
import {
  asMap,
  entries,
  getEntry,
  isMap,
  isScalar,
  isSeq,
  scalarText,
  type MapEntry,
  type Node,
  type Scalar,
  type YAMLMap,
} from '../yaml/nodes';
import { readableDocuments, type ParsedYaml } from '../yaml/parsedYaml';

export interface NamedNode {
  readonly name: string;
  /** The scalar (or key) node that spells the name, for ranges. */
  readonly node: Node;
}

export interface StepModel {
  readonly index: number;
  readonly node: YAMLMap;
  readonly id: NamedNode | undefined;
  readonly name: string | undefined;
  readonly uses: NamedNode | undefined;
  readonly run: Scalar | undefined;
  readonly with: readonly MapEntry[];
  readonly env: readonly MapEntry[];
}

/** A job container (`service` undefined) or a service container (`service`: its id, when it has one). */
export interface ContainerModel {
  readonly kind: 'job' | 'service';
  readonly service?: string | undefined;
  readonly node: YAMLMap;
}

export interface JobModel {
  readonly id: string;
  readonly keyNode: Node;
  readonly node: YAMLMap;
  readonly name: string | undefined;
  readonly needs: readonly NamedNode[];
  /** The job's own `env:` (the workflow's and each step's are on their models). */
  readonly env: readonly MapEntry[];
  /** Its job container, then its service containers, in file order (those written as mappings). */
  readonly containers: readonly ContainerModel[];
  readonly steps: readonly StepModel[];
  /** Matrix variable names; `undefined` when there is no matrix; 'dynamic' when it comes from an expression. */
  readonly matrixKeys: ReadonlySet<string> | 'dynamic' | undefined;
  readonly outputs: readonly MapEntry[];
  /** The reusable workflow this job calls, if any, with its inputs and secrets. */
  readonly uses: NamedNode | undefined;
  readonly with: readonly MapEntry[];
  /** `secrets:` of a reusable workflow call: entries, 'inherit', or undefined when absent. */
  readonly secrets: readonly MapEntry[] | 'inherit' | undefined;
  readonly runsOn: Node | null;
  readonly timeoutMinutes: Node | null;
}

export interface InputModel {
  readonly name: string;
  readonly keyNode: Node;
  readonly type: string | undefined;
  readonly options: readonly string[];
}

export interface WorkflowModel {
  readonly root: YAMLMap;
  /** Event name -> its configuration node (null for `on: push` or `push:` with no value). */
  readonly events: ReadonlyMap<string, Node | null>;
  readonly jobs: readonly JobModel[];
  readonly jobsById: ReadonlyMap<string, JobModel>;
  /** Inputs of `workflow_dispatch` and `workflow_call`, merged (both are read through `inputs`). */
  readonly inputs: ReadonlyMap<string, InputModel>;
  readonly secretsDeclared: ReadonlySet<string> | undefined;
  readonly env: readonly MapEntry[];
}

const memo = new WeakMap<ParsedYaml, WorkflowModel | null>();

export function workflowModel(yaml: ParsedYaml): WorkflowModel | undefined {
  if (memo.has(yaml)) return memo.get(yaml) ?? undefined;
  const doc = readableDocuments(yaml)[0];
  const model = doc ? buildModel(doc) : undefined;
  memo.set(yaml, model ?? null);
  return model;
}

function named(node: Node | null | undefined): NamedNode | undefined {
  const name = scalarText(node);
  return name !== undefined && node ? { name, node } : undefined;
}

function mapEntries(node: Node | null | undefined): MapEntry[] {
  const m = asMap(node);
  return m ? entries(m) : [];
}

function buildModel(doc: Document.Parsed): WorkflowModel | undefined {
  const root = asMap(doc.contents);
  if (!root) return undefined;
  const events = new Map<string, Node | null>();
  const on = getEntry(root, 'on')?.value ?? null;
  if (isScalar(on)) {
    const name = scalarText(on);
    if (name) events.set(name, null);
  } else if (isSeq(on)) {
    for (const item of on.items) {
      const name = scalarText(item as Node);
      if (name) events.set(name, null);
    }
  } else if (isMap(on)) {
    // A key written twice (GitHub rejects the file; the YAML rules say so) is read as its first pair, like getEntry.
    for (const e of entries(on)) if (e.key !== undefined && !events.has(e.key)) events.set(e.key, e.value);
  }
  const inputs = new Map<string, InputModel>();
  let secretsDeclared: Set<string> | undefined;
  for (const event of ['workflow_dispatch', 'workflow_call']) {
    const config = asMap(events.get(event));
    if (!config) continue;
    const seen = new Set<string>();
    for (const input of mapEntries(getEntry(config, 'inputs')?.value)) {
      if (input.key === undefined || !input.keyNode || seen.has(input.key)) continue;
      seen.add(input.key);
      const spec = asMap(input.value);
      const optionsNode = spec ? getEntry(spec, 'options')?.value : undefined;
      const options = isSeq(optionsNode)
        ? optionsNode.items.map((i) => scalarText(i as Node)).filter((s): s is string => s !== undefined)
        : [];
      inputs.set(input.key, {
        name: input.key,
        keyNode: input.keyNode,
        type: spec ? scalarText(getEntry(spec, 'type')?.value) : undefined,
        options,
      });
    }
    if (event === 'workflow_call') {
      secretsDeclared = new Set(
        mapEntries(getEntry(config, 'secrets')?.value)
          .map((e) => e.key)
          .filter((k): k is string => k !== undefined),
      );
    }
  }
  const jobs: JobModel[] = [];
  for (const e of mapEntries(getEntry(root, 'jobs')?.value)) {
    const node = asMap(e.value);
    if (e.key === undefined || !node || !e.keyNode) continue;
    jobs.push(buildJob(e.key, e.keyNode, node));
  }
  return {
    root,
    events,
    jobs,
    jobsById: new Map(jobs.map((j) => [j.id, j] as const).reverse()),
    inputs,
    secretsDeclared,
    env: mapEntries(getEntry(root, 'env')?.value),
  };
}

function containersOf(job: YAMLMap): ContainerModel[] {
  const containers: ContainerModel[] = [];
  const container = asMap(getEntry(job, 'container')?.value);
  if (container) containers.push({ kind: 'job', node: container });
  const services = asMap(getEntry(job, 'services')?.value);
  for (const service of services ? entries(services) : []) {
    const node = asMap(service.value);
    if (node) containers.push({ kind: 'service', service: service.key, node });
  }
  return containers;
}

function buildJob(id: string, keyNode: Node, node: YAMLMap): JobModel {
  const needsNode = getEntry(node, 'needs')?.value ?? null;
  const needs: NamedNode[] = [];
  if (isSeq(needsNode)) {
    for (const item of needsNode.items) {
      const n = named(item as Node);
      if (n) needs.push(n);
    }
  } else {
    const n = named(needsNode);
    if (n) needs.push(n);
  }
  const stepsNode = getEntry(node, 'steps')?.value;
  const steps: StepModel[] = [];
  if (isSeq(stepsNode)) {
    stepsNode.items.forEach((item, index) => {
      const step = asMap(item as Node);
      if (!step) return;
      const run = getEntry(step, 'run')?.value;
      steps.push({
        index,
        node: step,
        id: named(getEntry(step, 'id')?.value),
        name: scalarText(getEntry(step, 'name')?.value),
        uses: named(getEntry(step, 'uses')?.value),
        run: isScalar(run) ? run : undefined,
        with: mapEntries(getEntry(step, 'with')?.value),
        env: mapEntries(getEntry(step, 'env')?.value),
      });
    });
  }
  return {
    id,
    keyNode,
    node,
    name: scalarText(getEntry(node, 'name')?.value),
    needs,
    env: mapEntries(getEntry(node, 'env')?.value),
    containers: containersOf(node),
    steps,
    matrixKeys: matrixKeysOf(node),
    outputs: mapEntries(getEntry(node, 'outputs')?.value),
    uses: named(getEntry(node, 'uses')?.value),
    with: mapEntries(getEntry(node, 'with')?.value),
    secrets: secretsOf(getEntry(node, 'secrets')?.value),
    runsOn: getEntry(node, 'runs-on')?.value ?? null,
    timeoutMinutes: getEntry(node, 'timeout-minutes')?.value ?? null,
  };
}

function secretsOf(node: Node | null | undefined): readonly MapEntry[] | 'inherit' | undefined {
  if (node === undefined) return undefined;
  return scalarText(node) === 'inherit' ? 'inherit' : mapEntries(node);
}

function matrixKeysOf(job: YAMLMap): ReadonlySet<string> | 'dynamic' | undefined {
  const strategy = getEntry(job, 'strategy')?.value;
  if (strategy === undefined) return undefined;
  if (!isMap(strategy)) return 'dynamic';
  const matrix = getEntry(strategy, 'matrix')?.value;
  if (matrix === undefined) return undefined;
  if (!isMap(matrix)) return 'dynamic';
  const keys = new Set<string>();
  for (const e of entries(matrix)) {
    if (e.key === undefined) continue;
    if (e.key === 'include') {
      if (!isSeq(e.value)) return 'dynamic';
      for (const item of e.value.items) {
        const m = asMap(item as Node);
        if (!m) return 'dynamic';
        for (const k of entries(m)) if (k.key !== undefined) keys.add(k.key);
      }
    } else if (e.key !== 'exclude') {
      keys.add(e.key);
    }
  }
  return keys;
}
