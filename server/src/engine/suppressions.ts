// Inline suppression: `# preflight-ignore: rule-id[, rule-id...]` at the end of the finding's line, or alone on the line
// directly above it; `# preflight-ignore-file: rule-id` anywhere silences the rule for the whole file. `all` matches every
// rule. Users of every anchor tool ask for this (ANCHORS.md).
import type { Finding } from './findings';
import type { LineIndex } from '../../../shared/lineIndex';

const IGNORE = /#\s*preflight-ignore(-file)?:\s*([A-Za-z0-9_,\s-]+)/;

/** A suppression comment in one line of text: what it silences, and where the comment starts. */
export interface SuppressionComment {
  readonly scope: 'line' | 'file';
  readonly ids: readonly string[];
  /** Offset of `#` in the line. */
  readonly start: number;
}

/** The suppression comment in `line`, if it has one (the grammar is written here only). */
export function suppressionIn(line: string): SuppressionComment | undefined {
  const match = IGNORE.exec(line);
  if (!match) return undefined;
  return { scope: match[1] === '-file' ? 'file' : 'line', ids: parseIds(match[2] ?? ''), start: match.index };
}

/** The comment that silences `rule` on the line below it. */
export function suppressionCommentFor(rule: string): string {
  return `# preflight-ignore: ${rule}`;
}

interface Suppressions {
  readonly byLine: ReadonlyMap<number, ReadonlySet<string>>;
  readonly file: ReadonlySet<string>;
}

function parseIds(list: string): string[] {
  return list.split(/[\s,]+/).filter((s) => s.length > 0);
}

export function collectSuppressions(lines: LineIndex): Suppressions {
  const byLine = new Map<number, Set<string>>();
  const file = new Set<string>();
  const add = (line: number, ids: readonly string[]): void => {
    const set = byLine.get(line) ?? new Set<string>();
    for (const id of ids) set.add(id);
    byLine.set(line, set);
  };
  // Cheap test first: most files have no suppression at all.
  if (!lines.text.includes('preflight-ignore')) return { byLine, file };
  for (let line = 0; line < lines.lineCount; line++) {
    const text = lines.lineText(line);
    const comment = suppressionIn(text);
    if (!comment) continue;
    if (comment.scope === 'file') {
      for (const id of comment.ids) file.add(id);
    } else if (text.trimStart().startsWith('#')) {
      add(line + 1, comment.ids); // a comment line applies to the next line
    } else {
      add(line, comment.ids);
    }
  }
  return { byLine, file };
}

export function isSuppressed(finding: Finding, suppressions: Suppressions): boolean {
  if (suppressions.file.has(finding.rule) || suppressions.file.has('all')) return true;
  const ids = suppressions.byLine.get(finding.range.start.line);
  return ids !== undefined && (ids.has(finding.rule) || ids.has('all'));
}
