// Findings as text, one line each, in the form actionlint's `.out` files use (`file:line:col: ...`), so that a change in
// behaviour reads as a plain diff of the fixture's expectations:
//   deploy.yml:12:7-12:19 error [action-input] actions/setup-node has no input 'nodeversion' ...
//     fix "Change to 'node-version'": 12:7-12:18 => "node-version"
// Lines and columns are 1-based; a fix's line follows its finding, indented, with each edit's new text as JSON.
import type { Finding, Fix, Range } from '../../server/src/engine/findings';

function place(range: Range): string {
  return `${range.start.line + 1}:${range.start.character + 1}-${range.end.line + 1}:${range.end.character + 1}`;
}

/** Line breaks and backslashes escaped, so one finding stays one line. */
function oneLine(text: string): string {
  return text.replace(/\\/g, '\\\\').replace(/\r/g, '\\r').replace(/\n/g, '\\n');
}

function fixLine(fix: Fix): string {
  const tags = [fix.confidence, fix.file === undefined ? undefined : `in ${fix.file}`].filter((t) => t !== undefined);
  const edits = fix.edits.map((e) => `${place(e.range)} => ${JSON.stringify(e.newText)}`).join('; ');
  return `  fix ${JSON.stringify(fix.title)}${tags.length > 0 ? ` (${tags.join(', ')})` : ''}: ${edits}`;
}

/** The findings of `file` as lines; with `withFixes`, each finding's fixes follow it. */
export function findingLines(file: string, findings: readonly Finding[], withFixes: boolean): string[] {
  const lines: string[] = [];
  for (const f of findings) {
    lines.push(`${file}:${place(f.range)} ${f.severity} [${f.rule}] ${oneLine(f.message)}`);
    if (withFixes) for (const fix of f.fixes ?? []) lines.push(fixLine(fix));
  }
  return lines;
}
