// Every expression in a workflow, checked once per parse: each string scalar is located by its path (which decides the
// available contexts), its `${{ }}` parts are extracted and parsed, and the names are checked. The five expression
// rules read their share of the result, so a file is walked once however many of them are enabled.
import type { Fix, RuleFinding, Severity } from '../findings';
import { workflowModel, type WorkflowModel } from '../github/workflowModel';
import { isMap, isScalar, isSeq, type Node, type Scalar } from '../yaml/nodes';
import { readableDocuments, type ParsedYaml } from '../yaml/parsedYaml';
import { availabilityAt, type Availability } from './contexts';
import { extractExpressions, OPEN, type Template } from './extract';
import { parseExpression } from './parser';
import { escapeFor, fileSpan, scalarTextOf, type ScalarText } from './scalarText';
import type { Expr } from './ast';
import { constantTruth } from './constantCondition';
import { checkExpression } from './typeCheck';
import { TypeChecker } from './typeInference';
import { describe, isObjectLike, type ExprType } from './types';
import { WorkflowScopes } from './workflowScope';

export type ExpressionRuleId =
  | 'expression-syntax'
  | 'expression-function'
  | 'expression-context'
  | 'expression-property'
  | 'expression-undefined'
  | 'expression-type'
  | 'if-always-true'
  | 'if-constant';

export interface ExpressionFinding extends RuleFinding {
  readonly rule: ExpressionRuleId;
}

type Path = readonly (string | number)[];

const memo = new WeakMap<ParsedYaml, readonly ExpressionFinding[]>();

class Analysis {
  readonly findings: ExpressionFinding[] = [];

  private readonly scopes: WorkflowScopes;

  constructor(
    private readonly yaml: ParsedYaml,
    model: WorkflowModel,
    workflowPath: string | undefined,
  ) {
    this.scopes = new WorkflowScopes(model, workflowPath);
  }

  /** `path` is one array pushed and popped along the walk (files have thousands of scalars); readers must not keep it. */
  walk(node: Node | null | undefined, path: (string | number)[]): void {
    if (isMap(node)) {
      for (const pair of node.items) {
        const key = isScalar(pair.key) ? pair.key.value : undefined;
        if (typeof key !== 'string' && typeof key !== 'number' && typeof key !== 'boolean') continue;
        path.push(String(key));
        if (typeof key === 'string' && key.includes(OPEN) && isScalar(pair.key)) this.expressionKey(pair.key, path);
        this.walk(pair.value as Node | null, path);
        path.pop();
      }
    } else if (isSeq(node)) {
      node.items.forEach((item, index) => {
        path.push(index);
        this.walk(item as Node | null, path);
        path.pop();
      });
    } else if (isScalar(node)) {
      this.scalar(node, path);
    }
  }

  /** A `${{ }}` written as a mapping key (an env var name): GitHub evaluates it with the mapping's contexts. */
  private expressionKey(node: Scalar, path: Path): void {
    const availability = availabilityAt(path, true);
    if (availability) this.template(node, path, availability, true);
  }

  private scalar(node: Scalar, path: Path): void {
    // Only `if:` values (conditions) and text with `${{` hold expressions: skip the rest before looking up the key, which
    // is most scalars of a file (a `needs:` list of a thousand jobs, say).
    if (path[path.length - 1] !== 'if' && !(typeof node.value === 'string' && node.value.includes(OPEN))) return;
    const availability = availabilityAt(path);
    if (!availability) return;
    if (availability.condition && (typeof node.value === 'boolean' || typeof node.value === 'number')) {
      // `if: false` is read by YAML as a boolean: a constant condition.
      if (node.range)
        this.constantCondition(
          { kind: 'literal', value: node.value, start: 0, end: 0 },
          { start: node.range[0], end: node.range[1] },
        );
      return;
    }
    if (typeof node.value !== 'string' || (!availability.condition && !node.value.includes(OPEN))) return;
    this.template(node, path, availability);
  }

  /** `isKey`: the scalar is a mapping key, whose value is always used as text (a name). */
  private template(node: Scalar, path: Path, availability: Availability, isKey = false): void {
    if (typeof node.value !== 'string') return;
    const text = scalarTextOf(this.yaml.text, node);
    if (!text) return;
    const template = extractExpressions(text.value);
    if (availability.condition && template.expressions.length === 0 && template.unclosedAt === undefined) {
      // Without `${{ }}`, a whole `if:` value is the expression (GitHub trims it).
      if (text.value.trim() !== '') {
        const expr = this.expression(text, 0, text.value, path, availability, 'condition');
        if (expr) this.constantCondition(expr, { start: text.start, end: text.end });
      }
      return;
    }
    if (template.unclosedAt !== undefined) {
      this.add(
        'expression-syntax',
        "The expression is not closed: '${{' has no matching '}}'.",
        fileSpan(text, template.unclosedAt, template.unclosedAt + OPEN.length),
      );
    }
    if (availability.condition) this.alwaysTrue(text, template);
    const whole = template.expressions.length === 1 && !template.hasLiteralText && template.unclosedAt === undefined;
    const use = availability.condition ? (whole ? 'condition' : 'text') : whole && !isKey ? 'value' : 'text';
    for (const e of template.expressions) {
      if (e.inner.trim() === '') {
        this.add(
          'expression-syntax',
          "Empty expression: write something between '${{' and '}}'.",
          fileSpan(text, e.start, e.end),
        );
        continue;
      }
      const before = this.findings.length;
      const expr = this.expression(text, e.start + OPEN.length, e.inner, path, availability, use);
      if (!expr) continue;
      if (use === 'condition') this.constantCondition(expr, { start: text.start, end: text.end });
      if (!availability.expressionsAllowed && this.findings.length === before) {
        // A lone string literal is turned into plain text by GitHub's reader; anything else is refused.
        if (!(whole && expr.kind === 'literal' && typeof expr.value === 'string')) {
          this.add(
            'expression-context',
            `GitHub reads '${availability.key}' literally: expressions are not allowed here.`,
            fileSpan(text, e.start, e.end),
          );
        }
      }
    }
  }

  /**
   * Parses and checks one expression. `use` says how its value is used: as a condition, as the whole value of the key
   * (which may then be an object where the key takes a mapping), or inside text, where GitHub renders it as a string.
   */
  private expression(
    text: ScalarText,
    base: number,
    source: string,
    path: Path,
    availability: Availability,
    use: 'condition' | 'value' | 'text',
  ): Expr | undefined {
    const { expr, error } = parseExpression(source);
    if (error) {
      this.add(
        'expression-syntax',
        error.message,
        fileSpan(text, base + error.start, base + Math.max(error.end, error.start + 1)),
      );
      return undefined;
    }
    if (!expr) return undefined;
    const scope = this.scopes.at(path, availability);
    const before = this.findings.length;
    for (const issue of checkExpression(expr, scope)) {
      const span = fileSpan(text, base + issue.start, base + issue.end);
      const replacement =
        issue.replacement !== undefined && text.offsets ? escapeFor(text, span.start, issue.replacement) : undefined;
      const fix =
        replacement === undefined || issue.replacement === undefined
          ? undefined
          : this.replaceFix(span, replacement, `Change to '${issue.replacement}'`);
      this.add(issue.rule, issue.message, span, fix, issue.lessCertain === true ? 'warning' : undefined);
    }
    if (!availability.expressionsAllowed) return expr;
    const types = new TypeChecker(scope, source);
    const type = types.typeOf(expr);
    for (const issue of types.issues)
      this.add(
        issue.rule,
        issue.message,
        fileSpan(text, base + issue.start, base + issue.end),
        undefined,
        issue.severity,
      );
    const problem = use === 'condition' ? undefined : this.valueProblem(type, availability, use);
    if (problem) this.add('expression-type', problem, fileSpan(text, base, base + source.length));
    // A null the workflow writes (not a missing property: those are reported, or are leftovers like a matrix key missing
    // from some rows) renders as nothing: harmless, but rarely what was meant.
    if (use === 'text' && types.isNullAsWritten(expr) && this.findings.length === before) {
      this.add(
        'expression-type',
        `This is always null, which GitHub renders as empty text here. Write the value meant, or leave the \${{ }} out.`,
        fileSpan(text, base, base + source.length),
        undefined,
        'warning',
      );
    }
    return expr;
  }

  /** What is wrong with a value of this type used here: an object rendered as text, or the wrong shape for the key. */
  private valueProblem(type: ExprType, availability: Availability, use: 'value' | 'text'): string | undefined {
    const shape = availability.shape;
    const rendered = type.kind === 'array' ? 'Array' : 'Object';
    if (use === 'text' || (!shape.mapping && !shape.sequence)) {
      if (!isObjectLike(type)) return undefined;
      return `This is ${describe(type)}, which GitHub renders as the text '${rendered}' here. Use a property of it, or toJSON() to write it out.`;
    }
    if (type.kind === 'any') return undefined;
    const expected = [shape.scalar ? 'a string' : '', shape.sequence ? 'a list' : '', shape.mapping ? 'a mapping' : '']
      .filter((x) => x !== '')
      .join(' or ');
    const fits = isObjectLike(type) ? (type.kind === 'array' ? shape.sequence : shape.mapping) : shape.scalar;
    if (!fits) return `'${availability.key}' takes ${expected}, but this is ${describe(type)}.`;
    if (type.kind === 'object' && type.other === undefined && shape.mappingKeys) {
      const allowed = new Set(shape.mappingKeys.map((k) => k.toLowerCase()));
      const extra = [...type.props.values()].map((p) => p.name).filter((n) => !allowed.has(n.toLowerCase()));
      if (extra.length > 0) {
        return `'${availability.key}' takes ${expected}; as a mapping it may only have ${shape.mappingKeys.map((k) => `'${k}'`).join(', ')}, but this one has '${extra.join("', '")}'.`;
      }
    }
    return undefined;
  }

  /** `if: true` changes nothing (GitHub adds `success() &&`); `if: false` means the job or step never runs. */
  private constantCondition(expr: Expr, span: { start: number; end: number }): void {
    const truth = constantTruth(expr);
    if (truth === undefined) return;
    if (truth) {
      this.add(
        'if-constant',
        'This condition is always true, which is the same as no `if:` (GitHub still skips the step after a failure). It can be removed.',
        span,
        undefined,
        'info',
      );
    } else {
      this.add(
        'if-constant',
        'This condition is always false, so this never runs. Remove the job or step, or write the condition it needs.',
        span,
      );
    }
  }

  /** `if: ${{ a }} && ${{ b }}` is the text "true && false": a non-empty string, so always true. */
  private alwaysTrue(text: ScalarText, template: Template): void {
    if (template.unclosedAt !== undefined || (!template.hasLiteralText && template.expressions.length <= 1)) return;
    const outside = template.expressions.reduceRight((v, e) => v.slice(0, e.start) + v.slice(e.end), text.value);
    const onlyWhitespace = outside.trim() === '' && template.expressions.length === 1;
    const why = onlyWhitespace
      ? 'the line break or spaces around `${{ }}` are part of the value, which makes it a non-empty string'
      : outside.trim() === ''
        ? 'the expressions are joined into one text, a non-empty string'
        : `'${outside.trim()}' outside \`\${{ }}\` is text, so the value is a non-empty string`;
    const combined = template.expressions.length > 0 ? this.combined(text, template) : undefined;
    const span = { start: text.start, end: text.end };
    // The rewrite replaces the whole scalar (quotes or block header too) with a plain one.
    const title = onlyWhitespace ? 'Write the condition on one line' : 'Put the whole condition inside one ${{ }}';
    const fix = combined === undefined || !text.offsets ? undefined : this.replaceFix(span, combined, title);
    // GitHub's template reader keeps a block scalar's final line break and the spaces in a quoted value (it wraps the
    // value in format('{0}\n', ...)), so the condition is a non-empty string.
    const advice = onlyWhitespace
      ? 'Write it on one line, or drop the `${{ }}`.'
      : 'Put the whole condition inside one `${{ }}`.';
    this.add('if-always-true', `This condition is always true: ${why}. ${advice}`, span, fix);
  }

  /** The condition rewritten as one expression, when that parses and stays a plain one-line YAML scalar. */
  private combined(text: ScalarText, template: Template): string | undefined {
    let joined = '';
    let from = 0;
    for (const e of template.expressions) {
      joined += text.value.slice(from, e.start) + e.inner;
      from = e.end;
    }
    joined = (joined + text.value.slice(from)).replace(/\s+/g, ' ').trim();
    if (joined === '' || parseExpression(joined).error) return undefined;
    const value = `\${{ ${joined} }}`;
    return /: | #|[\n\r]/.test(value) ? undefined : value;
  }

  private replaceFix(span: { start: number; end: number }, newText: string, title: string): Fix {
    return { title, edits: [{ range: this.yaml.lines.range(span.start, span.end), newText }] };
  }

  private add(
    rule: ExpressionRuleId,
    message: string,
    span: { start: number; end: number },
    fix?: Fix,
    severity?: Severity,
  ): void {
    this.findings.push({
      rule,
      message,
      range: this.yaml.lines.range(span.start, span.end),
      ...(fix ? { fixes: [fix] } : {}),
      ...(severity ? { severity } : {}),
    });
  }
}

/**
 * All expression findings of a workflow file (memoised per parse); nothing for files that do not parse (but for repeated keys).
 * `workflowPath` (the file on disk) lets local actions' outputs be read.
 */
export function workflowExpressionFindings(yaml: ParsedYaml, workflowPath?: string): readonly ExpressionFinding[] {
  const cached = memo.get(yaml);
  if (cached) return cached;
  let findings: readonly ExpressionFinding[] = [];
  const model = workflowModel(yaml);
  const doc = readableDocuments(yaml)[0];
  if (model && doc) {
    const analysis = new Analysis(yaml, model, workflowPath);
    analysis.walk(doc.contents, []);
    findings = analysis.findings;
  }
  memo.set(yaml, findings);
  return findings;
}
