// `${...}` in dvc.yaml must name a value DVC can find: params.yaml, `vars`, a stage's own `vars`, or `item`/`key` in a
// foreach/matrix stage. DVC fails the whole file otherwise ("Could not find 'x'"). Names are checked only when every
// source could be read (the file is saved in a DVC project and its vars files are YAML or JSON).
import { expressionsSpan } from '../../dvc/interpolationSpans';
import { dvcPipelineModel, type StageDef } from '../../dvc/dvcModel';
import { foreachElements, matrixElements, stageScope, type Scope } from '../../dvc/dvcScope';
import { findInterpolations, formatPath, type Interpolation, type PathSegment } from '../../dvc/interpolation';
import { lookupPath } from '../../dvc/paramsData';
import type { RuleFinding } from '../../findings';
import { closestMatch } from '../../text/didYouMean';
import { entries, getEntry, isMap, isScalar, isSeq, scalarText, type Node, type Scalar } from '../../yaml/nodes';
import type { Rule, RuleContext } from '../rule';
import { globalScopeOf, projectOf } from './dvcCheckMemo';

/** How names resolve in one place of the file. */
interface Resolver {
  (
    path: readonly PathSegment[],
  ):
    | { readonly missing: false }
    | { readonly missing: true; readonly depth: number; readonly available: readonly string[]; readonly why?: string }
    | undefined;
}

function scopeResolver(scope: Scope): Resolver {
  return (path) => {
    if (!scope.complete) return undefined;
    const hit = lookupPath(scope.data, path);
    // Recent DVC versions may read `${params.…}` as a namespace for the params file; we do not guess at it.
    if (!hit.found && hit.depth === 0 && path[0] === 'params') return undefined;
    return hit.found ? { missing: false } : { missing: true, depth: hit.depth, available: hit.available };
  };
}

/** `item` and `key` in generated stages, checked against every element when the elements are known. */
function generatedResolver(stage: StageDef, scope: Scope, global: Scope): Resolver {
  const base = scopeResolver(scope);
  if (stage.form === 'foreach') {
    const elements = foreachElements(stage, global.data);
    return (path) => {
      if (path[0] === 'key') {
        if (!elements || elements.some((e) => e.hasKey)) return { missing: false };
        return { missing: true, depth: 0, available: [], why: '`${key}` exists only when foreach iterates a mapping' };
      }
      if (path[0] !== 'item') return base(path);
      if (!elements) return undefined;
      for (const e of elements) {
        const hit = lookupPath(e.item, path.slice(1));
        if (!hit.found)
          return {
            missing: true,
            depth: hit.depth + 1,
            available: hit.available,
            why: `the foreach element '${e.key}' (stage '${stage.name}@${e.key}') has no '${formatPath(path.slice(1, hit.depth + 2))}'`,
          };
      }
      return { missing: false };
    };
  }
  if (stage.form === 'matrix') {
    const names = stage.matrix
      ? entries(stage.matrix)
          .map((e) => e.key)
          .filter((k): k is string => k !== undefined)
      : [];
    const elements = matrixElements(stage.matrix, global.data);
    return (path) => {
      if (path[0] === 'key') return { missing: false };
      if (path[0] !== 'item') return base(path);
      if (!stage.matrix) return undefined;
      if (path.length > 1 && !names.includes(String(path[1])))
        return { missing: true, depth: 1, available: names, why: `the matrix has no variable '${String(path[1])}'` };
      if (!elements) return { missing: false };
      for (const e of elements) {
        const hit = lookupPath(e.item, path.slice(1));
        if (!hit.found)
          return {
            missing: true,
            depth: hit.depth + 1,
            available: hit.available,
            why: `the matrix combination '${e.key}' has no '${formatPath(path.slice(1, hit.depth + 2))}'`,
          };
      }
      return { missing: false };
    };
  }
  return base;
}

/** String scalars that may hold `${` (the rest cannot), walking pairs in place: this visits every node of the file. */
function strings(node: Node | null | undefined, skipKeys: readonly string[], out: Scalar[]): Scalar[] {
  if (isScalar(node)) {
    if (typeof node.value === 'string' && node.value.includes('${')) out.push(node);
  } else if (isMap(node)) {
    for (const pair of node.items) {
      const keyNode = pair.key as Node | null;
      const key = skipKeys.length > 0 ? scalarText(keyNode) : undefined;
      if (key !== undefined && skipKeys.includes(key)) continue;
      strings(keyNode, [], out);
      strings(pair.value as Node | null, [], out);
    }
  } else if (isSeq(node)) {
    for (const item of node.items) strings(item as Node, [], out);
  }
  return out;
}

function report(ctx: RuleContext, node: Scalar, resolve: Resolver): RuleFinding[] {
  // Resolving needs only the value; mapping its characters back to the file (decoding the scalar's source) was the bulk
  // of this rule's time, so it is paid only when something is missing.
  if (typeof node.value !== 'string') return [];
  if (!findInterpolations(node.value).some((i) => i.path !== undefined && resolve(i.path)?.missing === true)) return [];
  const findings: RuleFinding[] = [];
  for (const placed of expressionsSpan(ctx.parsed.text, node)) {
    const { interpolation } = placed;
    const result = interpolation.path ? resolve(interpolation.path) : undefined;
    if (!result?.missing || !interpolation.path) continue;
    findings.push(finding(ctx, interpolation, interpolation.path, result, placed.span, (i) => placed.segmentSpan(i)));
  }
  return findings;
}

function finding(
  ctx: RuleContext,
  interpolation: Interpolation,
  path: readonly PathSegment[],
  result: { depth: number; available: readonly string[]; why?: string },
  span: { start: number; end: number },
  segmentSpan: (i: number) => { start: number; end: number } | undefined,
): RuleFinding {
  const failing = path[result.depth];
  const name = formatPath(path.slice(0, result.depth + 1));
  const suggestion = typeof failing === 'string' ? closestMatch(failing, result.available) : undefined;
  const fixSpan = suggestion ? segmentSpan(result.depth) : undefined;
  const why =
    result.why ??
    (result.depth === 0
      ? `neither params.yaml nor vars define '${name}'`
      : `'${formatPath(path.slice(0, result.depth))}' has no '${String(failing)}'`);
  const fixRange = fixSpan ? ctx.parsed.lines.range(fixSpan.start, fixSpan.end) : undefined;
  return {
    message: `'\${${interpolation.expression}}' cannot be resolved: ${why}.${suggestion ? ` Did you mean '${suggestion}'?` : ''}`,
    range: ctx.parsed.lines.range(span.start, span.end),
    ...(suggestion && fixRange
      ? { fixes: [{ title: `Change to '${suggestion}'`, edits: [{ range: fixRange, newText: suggestion }] }] }
      : {}),
  };
}

export const dvcUndefinedVariable: Rule = {
  id: 'dvc-undefined-variable',
  kinds: ['dvc-pipeline'],
  defaultSeverity: 'error',
  docs: {
    title: '`${}` names a value that does not exist',
    description:
      'DVC substitutes `${name}` from `params.yaml` (loaded first, when present), the top-level `vars`, the ' +
      "stage's own `vars`, and `${item}`/`${key}` in `foreach` and `matrix` stages. A name it cannot find makes DVC reject " +
      'the whole dvc.yaml. Names from params and vars files are checked only when dvc.yaml is saved in a DVC project and ' +
      'every vars file could be read; `${item.…}` is checked against foreach and matrix data written in the file itself. ' +
      'Write `\\${` for a literal `${`.',
  },
  check(ctx) {
    const model = dvcPipelineModel(ctx.parsed);
    const global = globalScopeOf(ctx);
    if (!model || !global) return [];
    const project = projectOf(ctx);
    const findings: RuleFinding[] = [];
    const globalResolve = scopeResolver(global);
    for (const stage of model.stages) {
      const resolve = generatedResolver(stage, stageScope(stage, global, project), global);
      // `foreach` and `matrix` data are resolved before any element exists, against the file's scope.
      for (const key of ['foreach', 'matrix']) {
        for (const s of strings(getEntry(stage.node, key)?.value, [], []))
          findings.push(...report(ctx, s, globalResolve));
      }
      const body = stage.form === 'foreach' ? stage.body : stage.node;
      for (const s of strings(body, ['vars', 'foreach', 'matrix'], [])) findings.push(...report(ctx, s, resolve));
    }
    for (const section of ['artifacts', 'metrics', 'params', 'plots', 'datasets']) {
      for (const s of strings(getEntry(model.root, section)?.value, [], []))
        findings.push(...report(ctx, s, globalResolve));
    }
    return findings;
  },
};
