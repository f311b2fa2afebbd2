// What the language model is asked, and how its answer is read. Shared by the editor (vscode.lm) and the CLI
// (--llm-url). The answer is data: only the first fenced YAML block is taken, as the proposed file text. Files go out with
// secret-looking text replaced by placeholders, which are put back in the proposed text.
import { redactForModel, restoreRedacted } from './redaction';

export interface PromptInput {
  readonly path: string;
  readonly fileText: string;
  readonly rule: string;
  readonly ruleTitle: string;
  readonly ruleDocs: string;
  readonly message: string;
  /** 0-based line of the finding. */
  readonly line: number;
}

/** Files above this size are sent as a window around the finding (the reply must still be the whole file). */
const MAX_FULL_FILE = 12_000;

export function buildPrompt(input: PromptInput): string {
  const numbered = redactForModel(input.fileText)
    .split('\n')
    .map((l, i) => `${String(i + 1).padStart(4)}| ${l}`)
    .join('\n');
  const body =
    input.fileText.length <= MAX_FULL_FILE
      ? numbered
      : numbered
          .split('\n')
          .slice(Math.max(0, input.line - 40), input.line + 40)
          .join('\n');
  return [
    'You repair one problem in a CI/ML pipeline configuration file. Change as little as possible: keep comments, key order,',
    'indentation and quoting style. Do not fix anything else and do not add explanations inside the file.',
    '',
    `File: ${input.path}`,
    `Problem (rule ${input.rule}, "${input.ruleTitle}") at line ${input.line + 1}: ${input.message}`,
    '',
    'About this rule:',
    input.ruleDocs,
    '',
    'The file, with line numbers for reference only:',
    body,
    '',
    'Reply with the complete corrected file, without line numbers, in one fenced code block that starts with ```yaml.',
  ].join('\n');
}

/**
 * The proposed file text from a model reply, or undefined when the reply holds no fenced block. `sentText` is the file
 * the prompt was built from: the placeholders of its redacted secrets are put back.
 */
export function extractProposedText(reply: string, sentText: string): string | undefined {
  const m = /```(?:ya?ml)?[ \t]*\r?\n([\s\S]*?)\r?\n?```/.exec(reply);
  if (!m) return undefined;
  const text = restoreRedacted(m[1] ?? '', sentText);
  return text.endsWith('\n') ? text : `${text}\n`;
}

/** A whole-job request: make the job faster without changing what it produces. */
export function buildFasterJobPrompt(input: {
  readonly path: string;
  readonly fileText: string;
  readonly job: string;
  readonly startLine: number;
  readonly endLine: number;
}): string {
  const numbered = redactForModel(input.fileText)
    .split('\n')
    .map((l, i) => `${String(i + 1).padStart(4)}| ${l}`)
    .join('\n');
  return [
    `Make the GitHub Actions job '${input.job}' (lines ${input.startLine + 1}-${input.endLine + 1}) in ${input.path} finish faster or use`,
    'fewer runner minutes without changing what it builds, tests or publishes: cache dependency installs (pip, uv, conda,',
    'Hugging Face models), avoid repeated work, add a sensible timeout-minutes, run independent steps in parallel jobs only',
    'if the job itself is split. Change only lines of this job. Keep comments, key order, indentation and quoting style.',
    '',
    'The file, with line numbers for reference only:',
    numbered,
    '',
    'Reply with the complete file, without line numbers, in one fenced code block that starts with ```yaml.',
  ].join('\n');
}
