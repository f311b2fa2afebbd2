// Resource requests and limits anywhere in an InferenceService (model, framework, containers, transformer, explainer):
// quantities must parse as Kubernetes quantities, GPUs and other extended resources come in whole units, and a request
// may not exceed its limit. The API server rejects the object for each of these.
import { exceeds, isExtendedResource, parseQuantity } from '../../kserve/quantity';
import { inferenceServices } from '../../kserve/inferenceServices';
import type { RuleFinding } from '../../findings';
import { asMap, entries, isMap, isScalar, isSeq, nodeRange, type MapEntry, type Node } from '../../yaml/nodes';
import type { Rule, RuleContext } from '../rule';

interface ResourceBlock {
  readonly requests: readonly MapEntry[];
  readonly limits: readonly MapEntry[];
}

function resourceBlocks(node: Node | null | undefined, out: ResourceBlock[]): ResourceBlock[] {
  if (isMap(node)) {
    for (const e of entries(node)) {
      const value = asMap(e.value);
      if (e.key === 'resources' && value) {
        const part = (key: string): MapEntry[] => {
          const m = asMap(entries(value).find((x) => x.key === key)?.value);
          return m ? entries(m).filter((x) => x.key !== undefined) : [];
        };
        out.push({ requests: part('requests'), limits: part('limits') });
      } else {
        resourceBlocks(e.value, out);
      }
    }
  } else if (isSeq(node)) {
    for (const item of node.items) resourceBlocks(item as Node, out);
  }
  return out;
}

function blocksOf(ctx: RuleContext): ResourceBlock[] {
  return inferenceServices(ctx.parsed).flatMap((isvc) => (isvc.spec ? resourceBlocks(isvc.spec, []) : []));
}

/** The quantity of an entry; 'templated' for values filled in by a tool (Helm, Kustomize, envsubst). */
function quantityOf(e: MapEntry): number | 'invalid' | 'templated' | undefined {
  if (!isScalar(e.value)) return undefined;
  const v: unknown = e.value.value;
  if (typeof v === 'string' && /[$]|\{\{/.test(v)) return 'templated';
  if (typeof v !== 'string' && typeof v !== 'number') return 'invalid';
  return parseQuantity(v) ?? 'invalid';
}

export const kserveResourceQuantity: Rule = {
  id: 'kserve-resource-quantity',
  kinds: ['kserve-inference-service'],
  defaultSeverity: 'error',
  docs: {
    title: 'Invalid resource quantity',
    description:
      'Resource requests and limits are Kubernetes quantities: a number with an optional suffix (`500m`, `2`, ' +
      '`512Mi`, `1Gi`, `1e3`). GPUs (`nvidia.com/gpu`) and other extended resources must be whole numbers. The API server ' +
      'rejects anything else.',
  },
  check(ctx) {
    const findings: RuleFinding[] = [];
    for (const block of blocksOf(ctx)) {
      for (const e of [...block.requests, ...block.limits]) {
        const q = quantityOf(e);
        const range = nodeRange(ctx.parsed.lines, e.value ?? e.keyNode);
        const name = e.key ?? '';
        const written = isScalar(e.value) ? String(e.value.source ?? e.value.value) : '';
        if (q === 'invalid') {
          findings.push({
            message: `'${written}' is not a Kubernetes quantity for ${name} (e.g. 500m, 2, 512Mi, 1Gi).`,
            range,
          });
        } else if (typeof q === 'number' && q < 0) {
          findings.push({ message: `${name} may not be negative.`, range });
        } else if (typeof q === 'number' && isExtendedResource(name) && !Number.isInteger(q)) {
          findings.push({
            message: `${name} must be a whole number (found ${written}); extended resources such as GPUs are not divisible.`,
            range,
          });
        }
      }
    }
    return findings;
  },
};

export const kserveRequestsExceedLimits: Rule = {
  id: 'kserve-requests-exceed-limits',
  kinds: ['kserve-inference-service'],
  defaultSeverity: 'error',
  docs: {
    title: 'Resource request above its limit',
    description:
      'A container may not request more of a resource than its limit (compared as quantities: `500m` < `1`, ' +
      '`1Gi` > `1000Mi`), and for GPUs and other extended resources the request must equal the limit. The API server ' +
      'rejects the pod otherwise.',
  },
  check(ctx) {
    const findings: RuleFinding[] = [];
    for (const block of blocksOf(ctx)) {
      for (const request of block.requests) {
        const limit = block.limits.find((l) => l.key === request.key);
        if (!limit) continue;
        const r = quantityOf(request);
        const l = quantityOf(limit);
        if (typeof r !== 'number' || typeof l !== 'number') continue;
        const name = request.key ?? '';
        const shown = (e: MapEntry): string => (isScalar(e.value) ? String(e.value.source ?? e.value.value) : '');
        const range = nodeRange(ctx.parsed.lines, request.value ?? request.keyNode);
        if (isExtendedResource(name) && (!Number.isInteger(r) || !Number.isInteger(l))) continue; // reported as a quantity
        if (isExtendedResource(name) && (exceeds(r, l) || exceeds(l, r))) {
          findings.push({
            message: `The ${name} request (${shown(request)}) must equal its limit (${shown(limit)}) for an extended resource.`,
            range,
          });
        } else if (exceeds(r, l)) {
          findings.push({
            message: `The ${name} request (${shown(request)}) is above its limit (${shown(limit)}).`,
            range,
          });
        }
      }
    }
    return findings;
  },
};
