// Checks the names in one parsed expression against what exists where it is written: functions and their arity,
// contexts available at the workflow key, and the properties the workflow itself defines (matrix variables, step ids,
// `needs` jobs and their outputs, inputs). Property names compare case-insensitively, as GitHub's lookups do.
// `secrets`, `vars`, `env` and `github.event` are free-form and never questioned.
import { closestMatch } from '../text/didYouMean';
import { childrenOf, type AccessKey, type CallNode, type Expr, type LiteralNode, type NameNode } from './ast';
import { FIXED_PROPERTIES, JOB_RESULT_PROPERTIES, STEP_PROPERTIES } from './contextProperties';
import { CONTEXT_NAMES, CONTEXT_WHERE, functionWhere, type ContextName } from './contexts';
import { checkFormatCall, unusedFormatArguments } from './formatString';
import { FUNCTION_NAMES, arityProblem, functionSpec } from './functions';
import type { JobRef, Scope } from './scope';

/**
 * `expression-undefined`: a name missing from an object the workflow itself closes (its jobs' `needs` and outputs, its
 * declared inputs, its step ids) or GitHub fully defines (`runner`, `job`, `strategy`): always empty, so the expression
 * cannot do what is written. `expression-property`: missing from an object that may hold more than we see (matrix rows
 * left over from removed keys, `github`, whose list grows).
 */
export type IssueRule =
  'expression-syntax' | 'expression-function' | 'expression-context' | 'expression-property' | 'expression-undefined';

export interface Issue {
  readonly rule: IssueRule;
  readonly message: string;
  /** Offsets into the expression text. */
  readonly start: number;
  readonly end: number;
  /** Text that would replace [start, end) to fix it, when one fix is clearly meant. */
  readonly replacement?: string;
  /** Set when the case is less certain than the rule's default (e.g. a property GitHub may have added since). */
  readonly lessCertain?: boolean;
}

interface Segment {
  readonly name: string;
  readonly start: number;
  readonly end: number;
  /** Spelled as `['name']`: a fix must keep the quotes. */
  readonly quoted: boolean;
}

/** Candidate lists this long are looked up through an index rather than scanned. */
const INDEXED_FROM = 16;

/** Where `inputs` is not what the workflow declares (see Checker.callInputDefault), as Availability.key spells it. */
const CALL_INPUT_DEFAULT = 'on.workflow_call.inputs.<inputs_id>.default';
const indexes = new WeakMap<readonly string[], ReadonlyMap<string, string>>();

/**
 * The candidate `name` matches in any case (the first such). A long list (the jobs of a workflow, the `needs` of a job,
 * its inputs) is shared by every expression of the workflow or job, so it is indexed once, on first use.
 */
function find(name: string, candidates: readonly string[]): string | undefined {
  const lower = name.toLowerCase();
  if (candidates.length < INDEXED_FROM) return candidates.find((c) => c.toLowerCase() === lower);
  let index = indexes.get(candidates);
  if (!index) {
    const byLower = new Map<string, string>();
    for (const c of candidates) if (!byLower.has(c.toLowerCase())) byLower.set(c.toLowerCase(), c);
    indexes.set(candidates, (index = byLower));
  }
  return index.get(lower);
}

const refIndexes = new WeakMap<
  readonly JobRef[],
  { readonly ids: readonly string[]; readonly byLowerId: ReadonlyMap<string, JobRef> }
>();

/** The ids of `refs` and the first ref of each id in any case, computed once per list (shared by a job's expressions). */
function refIndex(refs: readonly JobRef[]): {
  readonly ids: readonly string[];
  readonly byLowerId: ReadonlyMap<string, JobRef>;
} {
  let index = refIndexes.get(refs);
  if (!index) {
    const byLowerId = new Map<string, JobRef>();
    for (const r of refs) if (!byLowerId.has(r.id.toLowerCase())) byLowerId.set(r.id.toLowerCase(), r);
    refIndexes.set(refs, (index = { ids: refs.map((r) => r.id), byLowerId }));
  }
  return index;
}

function list(names: readonly string[]): string {
  const shown = names
    .slice(0, 8)
    .map((n) => `'${n}'`)
    .join(', ');
  return names.length > 8 ? `${shown}, ...` : shown;
}

/** Named segments after the context, up to the first `*` or computed index. */
function segmentsOf(keys: readonly AccessKey[]): Segment[] {
  const out: Segment[] = [];
  for (const key of keys) {
    if (key.kind === 'property') out.push({ name: key.name, start: key.start, end: key.end, quoted: false });
    else if (key.kind === 'index' && key.index.kind === 'literal' && typeof key.index.value === 'string') {
      out.push({ name: key.index.value, start: key.index.start, end: key.index.end, quoted: true });
    } else break;
  }
  return out;
}

class Checker {
  readonly issues: Issue[] = [];

  constructor(private readonly scope: Scope) {}

  /**
   * Walks the tree with an explicit stack, since GitHub accepts long chains such as `a == b == c == ...` that would
   * nest too deep for recursion. `comparedWith` is the other side of a comparison, for the "quote it" hint.
   */
  run(root: Expr): void {
    const work: { node: Expr; comparedWith?: Expr }[] = [{ node: root }];
    for (let item = work.pop(); item; item = work.pop()) {
      const { node, comparedWith } = item;
      const next: { node: Expr; comparedWith?: Expr }[] = [];
      if (node.kind === 'call') this.call(node);
      if (node.kind === 'literal') this.literal(node);
      if (node.kind === 'compare') {
        next.push({ node: node.left, comparedWith: node.right }, { node: node.right, comparedWith: node.left });
      } else if (
        node.kind === 'name' &&
        comparedWith !== undefined &&
        comparedWith.kind !== 'literal' &&
        !this.isKnownName(node)
      ) {
        this.unknownName(node, true);
      } else if (node.kind === 'name' || node.kind === 'access') {
        const keys: AccessKey[] = [];
        let base: Expr = node;
        while (base.kind === 'access') {
          keys.unshift(base.key);
          base = base.object;
        }
        if (base.kind === 'name') this.context(base, keys);
        else next.push({ node: base });
        for (const key of keys) if (key.kind === 'index') next.push({ node: key.index });
      } else {
        for (const child of childrenOf(node)) next.push({ node: child });
      }
      work.push(...next.reverse());
    }
  }

  private isKnownName(node: NameNode): boolean {
    return (CONTEXT_NAMES as readonly string[]).includes(node.name.toLowerCase());
  }

  /** `'${{ x }}'` inside an expression is plain text: GitHub does not evaluate expressions inside strings. */
  private literal(node: LiteralNode): void {
    if (typeof node.value !== 'string' || !node.value.includes('${{')) return;
    this.issues.push({
      rule: 'expression-syntax',
      message:
        "'${{' inside a string is plain text: expressions do not nest, so this string is used as written. " +
        "Build it with format(), e.g. format('path/{0}/file', matrix.name).",
      start: node.start,
      end: node.end,
      lessCertain: true,
    });
  }

  private call(node: CallNode): void {
    const lower = node.name.toLowerCase();
    const spec = functionSpec(node.name);
    if (!spec) {
      const suggestion = closestMatch(node.name, FUNCTION_NAMES);
      const isContext = (CONTEXT_NAMES as readonly string[]).includes(lower);
      this.issues.push({
        rule: 'expression-function',
        message: isContext
          ? `'${node.name}' is a context, not a function: drop the parentheses.`
          : `Unknown function '${node.name}'.${suggestion ? ` Did you mean '${suggestion}'?` : ` GitHub has: ${FUNCTION_NAMES.join(', ')}.`}`,
        start: node.nameStart,
        end: node.nameEnd,
        ...(suggestion && !isContext ? { replacement: suggestion } : {}),
      });
      return;
    }
    let maxArgs = spec.maxArgs;
    if (spec.restricted === true) {
      const allowed = this.scope.availability.functions.get(lower);
      if (allowed === undefined) {
        this.issues.push({
          rule: 'expression-function',
          message: `'${spec.name}()' is not available in '${this.scope.availability.key}'; it ${functionWhere(lower)}.`,
          start: node.nameStart,
          end: node.nameEnd,
        });
        return;
      }
      maxArgs = allowed;
    }
    const problem =
      arityProblem(spec, node.args.length, maxArgs) ?? (lower === 'format' ? checkFormatCall(node) : undefined);
    if (problem) this.issues.push({ rule: 'expression-function', message: problem, start: node.start, end: node.end });
    const unused = problem === undefined && lower === 'format' ? unusedFormatArguments(node) : undefined;
    if (unused)
      this.issues.push({
        rule: 'expression-function',
        message: unused,
        start: node.start,
        end: node.end,
        lessCertain: true,
      });
  }

  private context(base: NameNode, keys: readonly AccessKey[]): void {
    const lower = base.name.toLowerCase() as ContextName;
    if (!(CONTEXT_NAMES as readonly string[]).includes(lower)) {
      this.unknownName(base);
      return;
    }
    const availability = this.scope.availability;
    if (!availability.contexts.has(lower)) {
      this.issues.push({
        rule: 'expression-context',
        message:
          availability.contexts.size === 0
            ? `The '${base.name}' context is not available in '${availability.key}': no context is available there, so GitHub rejects the workflow. Write the value itself.`
            : `The '${base.name}' context is not available in '${availability.key}'; it ${CONTEXT_WHERE[lower]}.`,
        start: base.start,
        end: base.end,
      });
      return;
    }
    const segments = segmentsOf(keys);
    const [first, second, third] = segments;
    if (!first) return;
    switch (lower) {
      case 'matrix':
        this.matrix(first, second);
        break;
      case 'steps':
        this.steps(first, second, third);
        break;
      case 'needs':
        this.jobRef(first, second, third, this.scope.needs, 'needs');
        break;
      case 'jobs':
        this.jobRef(first, second, third, this.scope.jobs, 'jobs');
        break;
      case 'inputs':
        if (availability.key === CALL_INPUT_DEFAULT) {
          this.callInputDefault(first);
          break;
        }
        if (this.scope.hasInputEvents === false) {
          this.named(
            first,
            this.scope.inputs,
            'expression-undefined',
            () =>
              `Only workflow_dispatch and workflow_call runs have inputs, and neither triggers this workflow, so 'inputs.${first.name}' is always empty. Add the trigger with the input, or use another value.`,
          );
          break;
        }
        if (this.dotForDash(first, second, this.scope.inputs, 'inputs', 'expression-undefined')) break;
        this.named(
          first,
          this.scope.inputs,
          'expression-undefined',
          (s) =>
            `The workflow declares no input '${first.name}', so 'inputs.${first.name}' is always empty.${s || ' Declare it under `on.workflow_dispatch.inputs` or `on.workflow_call.inputs`.'}`,
        );
        break;
      case 'github': {
        // GitHub adds properties now and then: a name we do not know may be newer than our list.
        if (
          !this.named(
            first,
            FIXED_PROPERTIES['github'],
            'expression-property',
            (s) => `'${first.name}' is not a property of the 'github' context.${s}`,
          )
        )
          break;
        if (third && first.name.toLowerCase() === 'event' && second?.name.toLowerCase() === 'inputs')
          this.dispatchInput(third);
        break;
      }
      case 'runner':
      case 'job':
      case 'strategy': {
        const known = FIXED_PROPERTIES[lower] ?? [];
        this.named(
          first,
          known,
          'expression-undefined',
          (s) =>
            `'${first.name}' is not a property of the '${lower}' context, so '${lower}.${first.name}' is always empty.${s}`,
        );
        break;
      }
      case 'secrets':
        // A warning: a caller passing `secrets: inherit` hands over undeclared secrets too.
        this.named(
          first,
          this.scope.secrets,
          'expression-property',
          (s) =>
            `This workflow runs only through \`workflow_call\` and declares no secret '${first.name}', so 'secrets.${first.name}' is empty unless every caller passes \`secrets: inherit\`.${s || ' Declare it under `on.workflow_call.secrets`.'}`,
        );
        break;
      case 'vars':
      case 'env':
        break;
    }
  }

  /**
   * `inputs` in a reusable workflow's input default is not this workflow's inputs: GitHub evaluates defaults before they
   * exist, with the inputs of the run that called it (a workflow_dispatch run's, or none). Observed in
   * github/docs#29812; a warning, since a caller's input of the same name does come through.
   */
  private callInputDefault(input: Segment): void {
    this.issues.push({
      rule: 'expression-undefined',
      message:
        `In an input's default, 'inputs' holds the calling run's inputs (a manual run's, or none), not this workflow's, so ` +
        `'inputs.${input.name}' does not read this workflow's input '${input.name}'. To fall back on another input, leave this ` +
        `default out and write \`inputs.<this one> || inputs.${input.name}\` where the value is used.`,
      start: input.start,
      end: input.end,
      lessCertain: true,
    });
  }

  /** `github.event.inputs.<name>` of a workflow only workflow_dispatch triggers: the payload holds the declared inputs. */
  private dispatchInput(input: Segment): void {
    this.named(
      input,
      this.scope.dispatchInputs,
      'expression-undefined',
      (s) =>
        `workflow_dispatch is this workflow's only trigger and it declares no input '${input.name}', so 'github.event.inputs.${input.name}' is always empty.${s || ' Declare it under `on.workflow_dispatch.inputs`.'}`,
    );
  }

  /** `comparedToValue`: compared with a context value, as in `github.event_name == push`, where quoting is the likely fix. */
  private unknownName(base: NameNode, comparedToValue = false): void {
    const lower = base.name.toLowerCase();
    const available = [...this.scope.availability.contexts];
    const suggestion = closestMatch(base.name, available);
    const spec = functionSpec(base.name);
    let message = `Unknown name '${base.name}': it is neither a context nor a function.`;
    let replacement: string | undefined = suggestion;
    if (spec) {
      message = `'${spec.name}' is a function: call it as '${spec.name}()'.`;
      replacement = `${spec.name}()`;
    } else if (lower === 'true' || lower === 'false' || lower === 'null') {
      message += ` Literals are lower-case: ${lower}.`;
      replacement = lower;
    } else if (suggestion) {
      message += ` Did you mean '${suggestion}'?`;
    } else if (comparedToValue) {
      message += ` To compare with the text, quote it: '${base.name}'.`;
      replacement = `'${base.name}'`;
    }
    this.issues.push({
      rule: 'expression-context',
      message,
      start: base.start,
      end: base.end,
      ...(replacement === undefined ? {} : { replacement }),
    });
  }

  /** Reports `segment` under `rule` unless it names one of `candidates` (skipped when candidates are unknown). */
  private named(
    segment: Segment,
    candidates: readonly string[] | undefined,
    rule: 'expression-property' | 'expression-undefined',
    message: (suggestion: string) => string,
  ): boolean {
    if (!candidates || find(segment.name, candidates) !== undefined) return true;
    const suggestion = closestMatch(segment.name, candidates);
    this.issues.push({
      rule,
      message: message(
        suggestion ? ` Did you mean '${suggestion}'?` : candidates.length > 0 ? ` Known: ${list(candidates)}.` : '',
      ),
      start: segment.start,
      end: segment.end,
      ...(suggestion ? { replacement: segment.quoted ? `'${suggestion}'` : suggestion } : {}),
    });
    return false;
  }

  private matrix(first: Segment, second: Segment | undefined): void {
    const matrix = this.scope.matrix;
    if (matrix === 'dynamic' || matrix === 'unknown') return;
    const job = this.scope.jobId ?? '';
    if (matrix === undefined) {
      this.issues.push({
        rule: 'expression-property',
        message: `Job '${job}' has no matrix, so 'matrix.${first.name}' is always empty.`,
        start: first.start,
        end: first.end,
      });
      return;
    }
    if (this.dotForDash(first, second, [...matrix], 'matrix', 'expression-property')) return;
    this.named(
      first,
      [...matrix],
      'expression-property',
      (s) => `Job '${job}' has no matrix variable '${first.name}'.${s}`,
    );
  }

  /**
   * `matrix.requirements.txt` written for `matrix.requirements-txt`: a dot typed for a dash or underscore reads a
   * property of a variable that does not exist. Reported once, with the fix joining the two names.
   */
  private dotForDash(
    first: Segment,
    second: Segment | undefined,
    candidates: readonly string[] | undefined,
    context: string,
    rule: 'expression-property' | 'expression-undefined',
  ): boolean {
    if (!candidates || !second || first.quoted || second.quoted || find(first.name, candidates) !== undefined)
      return false;
    const joined = find(`${first.name}-${second.name}`, candidates) ?? find(`${first.name}_${second.name}`, candidates);
    if (joined === undefined) return false;
    this.issues.push({
      rule,
      message: `'${context}.${first.name}.${second.name}' reads '${second.name}' of '${first.name}', which does not exist. Did you mean '${context}.${joined}'?`,
      start: first.start,
      end: second.end,
      replacement: joined,
    });
    return true;
  }

  private steps(first: Segment, second: Segment | undefined, third: Segment | undefined): void {
    const steps = this.scope.steps;
    if (!steps) return;
    if (!steps.isVisible(first.name)) {
      if (steps.isInJob(first.name)) {
        const message =
          steps.current !== undefined && first.name.toLowerCase() === steps.current.toLowerCase()
            ? `'steps.${first.name}' is this step: its outputs and outcome exist only after it finishes, so here it is always empty. Read it in a later step.`
            : `Step '${first.name}' runs after this one in job '${steps.jobId}', so 'steps.${first.name}' is always empty here. Move this after step '${first.name}'.`;
        this.issues.push({ rule: 'expression-undefined', message, start: first.start, end: first.end });
        return;
      }
      // Ids GitHub generates for steps without one (`__run`, `__actions_checkout`) cannot be checked.
      if (first.name.startsWith('__')) return;
      const where = steps.hasLaterIds ? ' before this step' : '';
      const fix = ` Give the step \`id: ${first.name}\`.`;
      if (
        !this.named(
          first,
          steps.visibleIds(),
          'expression-undefined',
          (s) =>
            `Job '${steps.jobId}' has no step with id '${first.name}'${where}, so 'steps.${first.name}' is always empty.${s || fix}`,
        )
      )
        return;
    }
    if (!second) return;
    if (
      !this.named(
        second,
        STEP_PROPERTIES,
        'expression-undefined',
        (s) =>
          `'steps.${first.name}' has 'outputs', 'outcome' and 'conclusion', not '${second.name}': it is always empty.${s}`,
      )
    )
      return;
    if (!third || second.name.toLowerCase() !== 'outputs') return;
    const action = steps.outputsOf(first.name);
    if (!action) return;
    const path = `steps.${first.name}.outputs.${third.name}`;
    const where = action.source === 'local' ? `its action.yml` : `Preflight's bundled metadata for this version`;
    this.named(third, action.outputs, 'expression-undefined', (s) =>
      action.outputs.length === 0
        ? `Step '${first.name}' runs '${action.action}', which has no outputs (per ${where}), so '${path}' is always empty.`
        : `'${action.action}' (step '${first.name}') has no output '${third.name}' (per ${where}), so '${path}' is always empty.${s}`,
    );
  }

  private jobRef(
    first: Segment,
    second: Segment | undefined,
    third: Segment | undefined,
    refs: readonly JobRef[] | undefined,
    context: 'needs' | 'jobs',
  ): void {
    if (!refs) return;
    const { ids, byLowerId } = refIndex(refs);
    const job = this.scope.jobId ?? '';
    const describe =
      context === 'needs'
        ? (s: string): string => {
            const exists = find(first.name, this.scope.jobs ? refIndex(this.scope.jobs).ids : []);
            const fix = exists !== undefined ? ` Add '${exists}' to the \`needs\` of job '${job}'.` : s;
            return `'${first.name}' is not in the \`needs\` of job '${job}', so 'needs.${first.name}' is always empty (a job sees only the jobs it needs).${fix}`;
          }
        : (s: string): string =>
            `There is no job '${first.name}' in this workflow, so 'jobs.${first.name}' is always empty.${s}`;
    if (!this.named(first, ids, 'expression-undefined', describe)) return;
    if (!second) return;
    if (
      !this.named(
        second,
        JOB_RESULT_PROPERTIES,
        'expression-undefined',
        (s) => `'${context}.${first.name}' has 'outputs' and 'result', not '${second.name}': it is always empty.${s}`,
      )
    )
      return;
    if (!third || second.name.toLowerCase() !== 'outputs') return;
    const ref = byLowerId.get(first.name.toLowerCase());
    if (!ref?.outputs) return;
    const declared = ref.outputs;
    const path = `${context}.${first.name}.outputs.${third.name}`;
    this.named(third, declared, 'expression-undefined', (s) =>
      declared.length === 0
        ? `Job '${ref.id}' declares no outputs, so '${path}' is always empty. Declare it under \`jobs.${ref.id}.outputs\`.`
        : `Job '${ref.id}' declares no output '${third.name}', so '${path}' is always empty.${s || ` Declare it under \`jobs.${ref.id}.outputs\`.`}`,
    );
  }
}

/** Issues in one expression at the place described by `scope`. Never throws. */
export function checkExpression(expr: Expr, scope: Scope): readonly Issue[] {
  const checker = new Checker(scope);
  checker.run(expr);
  return checker.issues;
}
