// `strategy.matrix`: `exclude` entries GitHub rejects or that can never drop a leg, and rows that list a value twice.
// Matching follows GitHub's matrix builder (see matrixValues.ts); a matrix, row or exclude given by an expression is
// known only at run time and is not judged.
import type { RuleFinding } from '../../findings';
import { workflowModel } from '../../github/workflowModel';
import { closestMatch } from '../../text/didYouMean';
import { asMap, entries, nodeRange, type Node } from '../../yaml/nodes';
import type { Rule } from '../rule';
import {
  canonical,
  filterMatches,
  matrixOf,
  mismatchKind,
  plainValue,
  showPlain,
  UNKNOWN,
  type MatrixModel,
  type Plain,
} from './matrixValues';

/** Values listed in messages before "...": enough to see the shape without flooding the hover. */
const SHOWN_VALUES = 6;

function listValues(values: readonly Plain[]): string {
  const shown = values.slice(0, SHOWN_VALUES).map(showPlain).join(', ');
  return values.length > SHOWN_VALUES ? `${shown}, ...` : shown;
}

/**
 * 'macOS' for 'macOS-10.15' (exclude does not match prefixes) or 'ubuntu-lates' for 'ubuntu-latest'. Values that differ
 * only in digits ('3.7' and '3.8') are other versions, not typos.
 */
function isNearMiss(wanted: string, actual: string): boolean {
  const [shorter, longer] =
    wanted.length <= actual.length
      ? [wanted.toLowerCase(), actual.toLowerCase()]
      : [actual.toLowerCase(), wanted.toLowerCase()];
  if (/[a-z]/.test(shorter) && longer.startsWith(shorter) && /[-_. ]/.test(longer[shorter.length] ?? '')) return true;
  const digitsOnly = (s: string): string => s.replace(/\d/g, '#');
  return digitsOnly(wanted) !== digitsOnly(actual) && closestMatch(wanted, [actual], 2) !== undefined;
}

function excludeFindings(ctx: Parameters<Rule['check']>[0], matrix: MatrixModel): RuleFinding[] {
  const findings: RuleFinding[] = [];
  const byName = new Map(matrix.vectors.map((v) => [v.name.toLowerCase(), v]));
  const names = matrix.vectors.map((v) => v.name);
  for (const item of matrix.exclude ?? []) {
    const entry = asMap(item);
    if (!entry) continue;
    for (const e of entries(entry)) {
      if (e.key === undefined || !e.keyNode) continue;
      const vector = byName.get(e.key.toLowerCase());
      if (!vector) {
        // GitHub's matrix builder: "Matrix exclude key '...' does not match any key within the matrix".
        const range = nodeRange(ctx.parsed.lines, e.keyNode);
        const includeOnly = matrix.includeOnlyKeys.has(e.key);
        const suggestion = includeOnly ? undefined : closestMatch(e.key, names);
        findings.push({
          message: includeOnly
            ? `'${e.key}' is added by 'include', but 'exclude' applies before 'include', so it can only name the matrix's own keys (${names.map((n) => `'${n}'`).join(', ') || 'none'}); GitHub rejects the workflow.`
            : `'${e.key}' in 'exclude' is not a key of this matrix${names.length > 0 ? ` (${names.map((n) => `'${n}'`).join(', ')})` : ''}; GitHub rejects the workflow.${suggestion ? ` Did you mean '${suggestion}'?` : ''}`,
          range,
          ...(suggestion
            ? { fixes: [{ title: `Change to '${suggestion}'`, edits: [{ range, newText: suggestion }] }] }
            : {}),
        });
        continue;
      }
      if (!vector.items) continue;
      const filter = plainValue(e.value);
      if (filter === UNKNOWN) continue;
      const values: Plain[] = [];
      let known = true;
      for (const i of vector.items) {
        if (i.value === UNKNOWN) known = false;
        else values.push(i.value);
      }
      if (!known || values.some((v) => filterMatches(filter, v))) continue;
      const why = mismatchKind(filter, values, isNearMiss);
      const range = nodeRange(ctx.parsed.lines, e.value ?? e.keyNode);
      const head = `This 'exclude' never matches: no value of matrix '${vector.name}' is ${showPlain(filter)} (values: ${listValues(values)}).`;
      // A value of the wrong shape or a near miss was meant to drop a leg that still runs; a value that is simply absent
      // is usually one removed from the matrix, and the entry is stale but harmless.
      findings.push(
        why === 'absent'
          ? {
              message: `${head} If the value was removed from the matrix, remove this entry too; otherwise correct it, as the legs it should drop still run.`,
              range,
              severity: 'warning',
            }
          : {
              message: `${head} ${why === 'shape' ? 'Its shape differs from the values' : 'It is close to a value but not equal'}, so the legs it was meant to drop still run; write the value exactly as in the matrix.`,
              range,
            },
      );
    }
  }
  return findings;
}

export const matrixExclude: Rule = {
  id: 'matrix-exclude',
  kinds: ['github-workflow'],
  defaultSeverity: 'error',
  docs: {
    title: '`exclude` names a key or value the matrix does not have',
    description:
      'GitHub rejects a workflow whose `strategy.matrix.exclude` names a key the matrix does not define; keys that ' +
      'only `include` adds do not count, because `exclude` is applied first. An `exclude` entry whose value matches no value of ' +
      'its key is silently ignored, so the legs it was meant to drop still run. Values are compared as GitHub compares them: ' +
      'strings ignore case, an object or list only has to match the properties or items it names. Matrices and values written ' +
      'as `${{ }}` expressions are not checked.',
  },
  check(ctx) {
    const model = workflowModel(ctx.parsed);
    if (!model) return [];
    return model.jobs.flatMap((job) => {
      const matrix = matrixOf(job.node);
      return matrix ? excludeFindings(ctx, matrix) : [];
    });
  },
};

export const matrixEmptyValues: Rule = {
  id: 'matrix-empty-values',
  kinds: ['github-workflow'],
  defaultSeverity: 'error',
  docs: {
    title: 'A matrix row with no values',
    description:
      "GitHub builds the job's legs from every combination of the matrix rows; a row written as an empty list " +
      '(`os: []`) leaves no combination, and GitHub fails the run ("Matrix vector \'os\' does not contain any values"). ' +
      'Give the row its values, or remove it.',
  },
  check(ctx) {
    const model = workflowModel(ctx.parsed);
    if (!model) return [];
    return model.jobs.flatMap((job) =>
      (matrixOf(job.node)?.vectors ?? [])
        .filter((vector) => vector.items !== undefined && vector.items.length === 0 && vector.entry.value)
        .map((vector): RuleFinding => ({
          message: `Matrix row '${vector.name}' has no values, so the matrix has no combination and GitHub fails the run: list its values or remove the row.`,
          range: nodeRange(ctx.parsed.lines, vector.entry.value ?? undefined),
        })),
    );
  },
};

export const matrixDuplicateValue: Rule = {
  id: 'matrix-duplicate-value',
  kinds: ['github-workflow'],
  defaultSeverity: 'warning',
  docs: {
    title: 'A matrix row lists the same value twice',
    description:
      'Each value of a matrix row makes its own set of jobs; a value listed twice runs every one of its legs twice, ' +
      'costing runner minutes for the same result. Remove the repeated value.',
  },
  check(ctx) {
    const model = workflowModel(ctx.parsed);
    if (!model) return [];
    const findings: RuleFinding[] = [];
    for (const job of model.jobs) {
      for (const vector of matrixOf(job.node)?.vectors ?? []) {
        const seen = new Map<string, Node>();
        for (const item of vector.items ?? []) {
          if (item.value === UNKNOWN) continue;
          const key = canonical(item.value);
          const first = seen.get(key);
          if (!first) {
            seen.set(key, item.node);
            continue;
          }
          const firstLine = nodeRange(ctx.parsed.lines, first).start.line + 1;
          findings.push({
            message: `${showPlain(item.value)} is already in matrix '${vector.name}' (line ${firstLine}); each of its legs would run twice. Remove the repeated value.`,
            range: nodeRange(ctx.parsed.lines, item.node),
          });
        }
      }
    }
    return findings;
  },
};
