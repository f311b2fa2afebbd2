// The shell scripts of a workflow's `run:` steps, with a map from script positions back to the YAML file, so findings of
// external linters land on the right line. Only shells shellcheck understands (bash, sh) and scalars whose text maps
// line for line (literal blocks `|` and single-line plain scalars) are returned.
import { workflowModel } from '../github/workflowModel';
import type { Range } from '../findings';
import { asMap, getEntry, scalarText, type Node } from '../yaml/nodes';
import type { ParsedYaml } from '../yaml/parsedYaml';

export interface RunScript {
  /** Script text with `${{ }}` replaced by same-length placeholders. */
  readonly script: string;
  readonly shell: 'bash' | 'sh';
  /** Maps a 0-based line and column of the script to a range in the YAML file. */
  toFileRange(line: number, column: number, endLine: number, endColumn: number): Range;
}

function defaultShell(yaml: ParsedYaml): string | undefined {
  const root = workflowModel(yaml)?.root;
  const defaults = root ? asMap(getEntry(root, 'defaults')?.value) : undefined;
  const run = defaults ? asMap(getEntry(defaults, 'run')?.value) : undefined;
  return run ? scalarText(getEntry(run, 'shell')?.value) : undefined;
}

/** `${{ x }}` -> `______` of the same length (keeps columns; shellcheck sees a plain word). */
export function maskExpressions(text: string): string {
  return text.replace(/\$\{\{[\s\S]*?\}\}/g, (m) => m.replace(/[^\n]/g, '_'));
}

export function runScripts(yaml: ParsedYaml): RunScript[] {
  const model = workflowModel(yaml);
  if (!model) return [];
  const workflowShell = defaultShell(yaml);
  const out: RunScript[] = [];
  for (const job of model.jobs) {
    const jobDefaults = asMap(getEntry(job.node, 'defaults')?.value);
    const jobShell = jobDefaults ? scalarText(getEntry(asMap(getEntry(jobDefaults, 'run')?.value) ?? jobDefaults, 'shell')?.value) : undefined;
    const runsOn = scalarText(job.runsOn) ?? '';
    for (const step of job.steps) {
      const run = step.run;
      if (!run?.range) continue;
      const shell = scalarText(getEntry(step.node, 'shell')?.value) ?? jobShell ?? workflowShell ?? (/windows/i.test(runsOn) ? 'pwsh' : 'bash');
      const kind = /^(bash|sh)\b/.exec(shell)?.[1];
      if (kind !== 'bash' && kind !== 'sh') continue;
      const mapped = mapScalar(yaml, run as unknown as Node & { type?: string; value: unknown; range: [number, number, number] });
      if (mapped) out.push({ ...mapped, shell: kind });
    }
  }
  return out;
}

function mapScalar(yaml: ParsedYaml, node: Node & { type?: string; value: unknown; range: [number, number, number] }): Omit<RunScript, 'shell'> | undefined {
  const value = typeof node.value === 'string' ? node.value : undefined;
  if (value === undefined) return undefined;
  const { lines } = yaml;
  const start = lines.positionAt(node.range[0]);
  if (node.type === 'BLOCK_LITERAL') {
    // The first content line follows the `|` indicator line; its indentation is stripped from every line.
    const firstLine = start.line + 1;
    let indent = 0;
    for (let l = firstLine; l < lines.lineCount; l++) {
      const text = lines.lineText(l);
      if (text.trim() === '') continue;
      indent = text.length - text.trimStart().length;
      break;
    }
    return {
      script: maskExpressions(value),
      toFileRange: (line, column, endLine, endColumn) => ({
        start: { line: firstLine + line, character: indent + column },
        end: { line: firstLine + endLine, character: indent + endColumn },
      }),
    };
  }
  if (node.type === 'PLAIN' && !value.includes('\n')) {
    return {
      script: maskExpressions(value),
      toFileRange: (_line, column, _endLine, endColumn) => ({
        start: { line: start.line, character: start.character + column },
        end: { line: start.line, character: start.character + endColumn },
      }),
    };
  }
  return undefined; // folded or quoted scalars do not map line for line
}
