// Every expression in a workflow, checked once per parse: each string scalar is located by its path (which decides the
// available contexts), its `${{ }}` parts are extracted and parsed, and the names are checked. The five expression
// rules read their share of the result, so a file is walked once however many of them are enabled.
import type { Fix, RuleFinding, Severity } from '../findings';
import { workflowModel, type WorkflowModel } from '../github/workflowModel';
import { isMap, isScalar, isSeq, type Node, type Scalar } from '../yaml/nodes';
import { cleanDocuments, type ParsedYaml } from '../yaml/parsedYaml';
import { availabilityAt, type Availability } from './contexts';
import { extractExpressions, OPEN, type Template } from './extract';
import { parseExpression } from './parser';
import { escapeFor, fileSpan, scalarTextOf, type ScalarText } from './scalarText';
import { checkExpression } from './typeCheck';
import { WorkflowScopes } from './workflowScope';

export type ExpressionRuleId = 'expression-syntax' | 'expression-function' | 'expression-context' | 'expression-property' | 'if-always-true';

export interface ExpressionFinding extends RuleFinding {
  readonly rule: ExpressionRuleId;
}

type Path = readonly (string | number)[];

const memo = new WeakMap<ParsedYaml, readonly ExpressionFinding[]>();

class Analysis {
  readonly findings: ExpressionFinding[] = [];

  private readonly scopes: WorkflowScopes;

  constructor(private readonly yaml: ParsedYaml, model: WorkflowModel) {
    this.scopes = new WorkflowScopes(model);
  }

  /** `path` is one array pushed and popped along the walk (files have thousands of scalars); readers must not keep it. */
  walk(node: Node | null | undefined, path: (string | number)[]): void {
    if (isMap(node)) {
      for (const pair of node.items) {
        const key = isScalar(pair.key) ? pair.key.value : undefined;
        if (typeof key !== 'string' && typeof key !== 'number' && typeof key !== 'boolean') continue;
        path.push(String(key));
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

  private scalar(node: Scalar, path: Path): void {
    const availability = availabilityAt(path);
    if (!availability || typeof node.value !== 'string' || (!availability.condition && !node.value.includes(OPEN))) return;
    const text = scalarTextOf(this.yaml.text, node);
    if (!text) return;
    const template = extractExpressions(text.value);
    if (!availability.expressionsAllowed) {
      const first = template.expressions[0];
      const span = first ? fileSpan(text, first.start, first.end) : { start: text.start, end: text.end };
      this.add('expression-context', `GitHub reads '${availability.key}' literally: expressions are not allowed here.`, span);
      return;
    }
    if (availability.condition && template.expressions.length === 0 && template.unclosedAt === undefined) {
      // Without `${{ }}`, a whole `if:` value is the expression.
      if (text.value.trim() !== '') this.expression(text, 0, text.value, path, availability);
      return;
    }
    if (template.unclosedAt !== undefined) {
      this.add('expression-syntax', "The expression is not closed: '${{' has no matching '}}'.", fileSpan(text, template.unclosedAt, template.unclosedAt + OPEN.length));
    }
    if (availability.condition) this.alwaysTrue(text, template);
    for (const e of template.expressions) {
      if (e.inner.trim() === '') this.add('expression-syntax', "Empty expression: write something between '${{' and '}}'.", fileSpan(text, e.start, e.end));
      else this.expression(text, e.start + OPEN.length, e.inner, path, availability);
    }
  }

  private expression(text: ScalarText, base: number, source: string, path: Path, availability: Availability): void {
    const { expr, error } = parseExpression(source);
    if (error) {
      this.add('expression-syntax', error.message, fileSpan(text, base + error.start, base + Math.max(error.end, error.start + 1)));
      return;
    }
    if (!expr) return;
    for (const issue of checkExpression(expr, this.scopes.at(path, availability))) {
      const span = fileSpan(text, base + issue.start, base + issue.end);
      const replacement = issue.replacement !== undefined && text.offsets ? escapeFor(text, span.start, issue.replacement) : undefined;
      const fix = replacement === undefined || issue.replacement === undefined ? undefined : this.replaceFix(span, replacement, `Change to '${issue.replacement}'`);
      this.add(issue.rule, issue.message, span, fix, issue.lessCertain === true ? 'warning' : undefined);
    }
  }

  /** `if: ${{ a }} && ${{ b }}` is the text "true && false": a non-empty string, so always true. */
  private alwaysTrue(text: ScalarText, template: Template): void {
    if (template.unclosedAt !== undefined || (!template.hasLiteralText && template.expressions.length <= 1)) return;
    const outside = template.expressions.reduceRight((v, e) => v.slice(0, e.start) + v.slice(e.end), text.value);
    const onlyWhitespace = outside.trim() === '' && template.expressions.length === 1;
    const why = onlyWhitespace
      ? 'the line break or spaces around `${{ }}` are part of the value, which makes it a non-empty string'
      : outside.trim() === '' ? 'the expressions are joined into one text, a non-empty string'
      : `'${outside.trim()}' outside \`\${{ }}\` is text, so the value is a non-empty string`;
    const combined = template.expressions.length > 0 ? this.combined(text, template) : undefined;
    const span = { start: text.start, end: text.end };
    // The rewrite replaces the whole scalar (quotes or block header too) with a plain one.
    const title = onlyWhitespace ? 'Write the condition on one line' : 'Put the whole condition inside one ${{ }}';
    const fix = combined === undefined || !text.offsets ? undefined : this.replaceFix(span, combined, title);
    // GitHub's template reader keeps a block scalar's final line break; we are slightly less sure it never trims it.
    const advice = onlyWhitespace ? 'Write it on one line, or drop the `${{ }}`.' : 'Put the whole condition inside one `${{ }}`.';
    this.add('if-always-true', `This condition is always true: ${why}. ${advice}`, span, fix, onlyWhitespace ? 'warning' : undefined);
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

  private add(rule: ExpressionRuleId, message: string, span: { start: number; end: number }, fix?: Fix, severity?: Severity): void {
    this.findings.push({
      rule,
      message,
      range: this.yaml.lines.range(span.start, span.end),
      ...(fix ? { fixes: [fix] } : {}),
      ...(severity ? { severity } : {}),
    });
  }
}

/** All expression findings of a workflow file (memoised per parse); nothing for files that do not parse cleanly. */
export function workflowExpressionFindings(yaml: ParsedYaml): readonly ExpressionFinding[] {
  const cached = memo.get(yaml);
  if (cached) return cached;
  let findings: readonly ExpressionFinding[] = [];
  const model = workflowModel(yaml);
  const doc = cleanDocuments(yaml)[0];
  if (model && doc) {
    const analysis = new Analysis(yaml, model);
    analysis.walk(doc.contents, []);
    findings = analysis.findings;
  }
  memo.set(yaml, findings);
  return findings;
}
