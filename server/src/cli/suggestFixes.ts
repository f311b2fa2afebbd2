// CLI suggested fixes: for findings without a certain fix, ask the user's model endpoint, keep only what passes the
// gate, one suggestion per finding, each against the text as it stands.
import { checkText, type CheckOptions } from '../engine/check';
import { gateSuggestion } from '../engine/fixes/suggestionGate';
import { buildPrompt, extractProposedText } from '../../../shared/suggestionPrompt';
import type { FileKind } from '../engine/kinds';
import { ruleById } from '../engine/rules/index';
import { complete, type LlmEndpoint } from './llmClient';

/** Model calls cost time and money: at most this many per file. */
const MAX_PER_FILE = 5;

export interface Suggestion {
  readonly rule: string;
  readonly line: number;
  readonly text: string;
}

export async function suggestFixes(
  llm: LlmEndpoint,
  input: {
    path: string;
    display: string;
    kind: FileKind;
    text: string;
    options: CheckOptions;
    only: ReadonlySet<string> | undefined;
  },
): Promise<Suggestion[]> {
  const findings = checkText({ path: input.path, text: input.text, kind: input.kind }, input.options)
    .findings.filter(
      (f) =>
        (f.fixes ?? []).length === 0 &&
        (f.severity === 'error' || f.severity === 'warning') &&
        (!input.only || input.only.has(f.rule)),
    )
    .slice(0, MAX_PER_FILE);
  const out: Suggestion[] = [];
  for (const finding of findings) {
    const rule = ruleById(finding.rule);
    let reply: string;
    try {
      reply = await complete(
        llm,
        buildPrompt({
          path: input.display,
          fileText: input.text,
          rule: finding.rule,
          ruleTitle: rule?.docs.title ?? finding.rule,
          ruleDocs: rule?.docs.description ?? '',
          message: finding.message,
          line: finding.range.start.line,
        }),
      );
    } catch (error) {
      process.stderr.write(
        `preflight: no suggestion for ${input.display}:${finding.range.start.line + 1}: ${error instanceof Error ? error.message : String(error)}\n`,
      );
      continue;
    }
    const proposed = extractProposedText(reply, input.text);
    if (proposed === undefined) continue;
    const verdict = gateSuggestion(
      {
        path: input.path,
        kind: input.kind,
        originalText: input.text,
        proposedText: proposed,
        target: { rule: finding.rule, message: finding.message, line: finding.range.start.line },
      },
      input.options,
    );
    if (verdict.accepted) out.push({ rule: finding.rule, line: finding.range.start.line, text: proposed });
    else
      process.stderr.write(
        `preflight: discarded the model's suggestion for ${input.display}:${finding.range.start.line + 1} [${finding.rule}]: ${verdict.reason}\n`,
      );
  }
  return out;
}
