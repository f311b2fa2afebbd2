// The scripts of `run:` steps that an external linter can check (bash and sh with shellcheck, Python with pyflakes), with
// `${{ }}` masked and a map from script positions back to the YAML file, so findings land on the right line.
// Literal blocks (`|`), single-line plain scalars and quoted scalars without escapes map character for character;
// other scalars (folded `>`, escapes) are still checked, and their findings point at the first line of the value.
import type { Range } from '../findings';
import type { FileKind } from '../kinds';
import type { LineIndex } from '../../../../shared/lineIndex';
import type { Scalar } from '../yaml/nodes';
import type { ParsedYaml } from '../yaml/parsedYaml';
import { runStepsOf } from './fileSteps';
import { maskExpressions, type Placeholder } from './placeholders';
import type { LintedShell } from './scriptShell';

export interface RunScript {
  /** Script text with `${{ }}` replaced by same-length stand-ins. */
  readonly script: string;
  readonly shell: LintedShell;
  /** The program stops at the first failing command (GitHub's bash and sh do: `-e`). */
  readonly errexit: boolean;
  readonly placeholders: readonly Placeholder[];
  /** Maps a 0-based line and column of the script to a range in the YAML file. */
  toFileRange(line: number, column: number, endLine: number, endColumn: number): Range;
}

type ScriptMap = RunScript['toFileRange'];

export function runScripts(yaml: ParsedYaml, kind: FileKind | undefined): RunScript[] {
  const out: RunScript[] = [];
  for (const step of runStepsOf(yaml, kind)) {
    const { shell } = step;
    if (shell.kind !== 'bash' && shell.kind !== 'sh' && shell.kind !== 'python') continue;
    const value = typeof step.run.value === 'string' ? step.run.value : undefined;
    const toFileRange = value === undefined ? undefined : scriptMap(yaml, step.run, value);
    if (value === undefined || !toFileRange) continue;
    const masked = maskExpressions(value, shell.kind === 'python' ? 'python' : 'shell');
    out.push({
      script: masked.text,
      shell: shell.kind,
      errexit: shell.errexit,
      placeholders: masked.placeholders,
      toFileRange,
    });
  }
  return out;
}

/** Position of the first content line of a literal block and its indentation (stripped from every line). */
function blockStart(lines: LineIndex, indicatorLine: number): { line: number; indent: number } {
  const line = indicatorLine + 1;
  for (let l = line; l < lines.lineCount; l++) {
    const text = lines.lineText(l);
    if (text.trim() === '') continue;
    return { line, indent: text.length - text.trimStart().length };
  }
  return { line, indent: 0 };
}

function scriptMap(yaml: ParsedYaml, node: Scalar, value: string): ScriptMap | undefined {
  const range = node.range;
  if (!range) return undefined;
  const { lines } = yaml;
  const start = lines.positionAt(range[0]);
  const onOneLine =
    (offset: number): ScriptMap =>
    (_line, column, _endLine, endColumn) => ({
      start: { line: start.line, character: start.character + offset + column },
      end: { line: start.line, character: start.character + offset + endColumn },
    });
  if (node.type === 'BLOCK_LITERAL') {
    const block = blockStart(lines, start.line);
    // A linter reports "unexpected end" just past the last line: keep it on the script's last line.
    const last = Math.max(0, value.replace(/\n+$/, '').split('\n').length - 1);
    return (line, column, endLine, endColumn) => {
      const from = Math.min(line, last);
      const to = Math.min(endLine, last);
      return {
        start: { line: block.line + from, character: block.indent + (from < line ? 0 : column) },
        end: { line: block.line + to, character: block.indent + (to < endLine ? 0 : endColumn) },
      };
    };
  }
  const source = yaml.text.slice(range[0], range[1]);
  if (!value.includes('\n')) {
    if (node.type === 'PLAIN' && source === value) return onOneLine(0);
    if ((node.type === 'QUOTE_DOUBLE' || node.type === 'QUOTE_SINGLE') && source.slice(1, -1) === value)
      return onOneLine(1);
  }
  // Folded or escaped text does not map line for line: point at the value's first line.
  const firstLineEnd = lines.offsetAt({ line: start.line, character: Number.MAX_SAFE_INTEGER });
  const whole = lines.range(range[0], Math.min(range[1], firstLineEnd));
  return () => whole;
}
