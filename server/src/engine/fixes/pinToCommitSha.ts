// "Pin to commit SHA": `owner/repo@v4` becomes `owner/repo@<sha> # v4.2.2`, the form Dependabot and Renovate keep
// up to date. Only the ref is replaced and the version comment inserted after the value, so quotes, the rest of the line
// and any comment of the user's stay as they were. The SHA comes from bundled data (github/actionMetadata.ts pinFor).
import type { Fix, TextEdit } from '../findings';
import { pinFor } from '../github/actionMetadata';
import type { LineIndex } from '../../../../shared/lineIndex';
import type { Node } from '../yaml/nodes';

/** A comment that is only a version (`# v4`, `#v4.1.0`): it describes the old ref, so the new tag replaces it. */
const VERSION_COMMENT = /^#\s*v?\d+(?:\.\d+){0,2}\s*$/;

export function pinToCommitShaFix(lines: LineIndex, node: Node, name: string, ref: string): Fix | undefined {
  const pin = pinFor(name, ref);
  const range = node.range;
  if (!pin || !range) return undefined;
  const [start, valueEnd] = range;
  const text = lines.text;
  const value = text.slice(start, valueEnd);
  const at = value.lastIndexOf(`@${ref}`);
  if (at === -1 || value.includes('\n')) return undefined;
  const lineEnd = lines.lineEnd(lines.positionAt(valueEnd).line);
  const rest = text.slice(valueEnd, lineEnd);
  // A comment can only follow a block value at the end of its line (not inside a flow mapping like `{uses: x@v1}`).
  const restMatch = /^(\s*)(#.*)?$/.exec(rest.replace(/\r$/, ''));
  if (!restMatch) return undefined;
  const refStart = start + at + 1;
  const comment = `# ${pin.tag}`;
  const edits: TextEdit[] = [{ range: lines.range(refStart, refStart + ref.length), newText: pin.sha }];
  const existing = restMatch[2];
  if (existing !== undefined && VERSION_COMMENT.test(existing)) {
    const commentStart = valueEnd + (restMatch[1]?.length ?? 0);
    edits.push({ range: lines.range(commentStart, commentStart + existing.trimEnd().length), newText: comment });
  } else {
    edits.push({ range: lines.range(valueEnd, valueEnd), newText: ` ${comment}` });
  }
  return { title: `Pin to commit SHA (${pin.tag})`, edits, confidence: 'on-request' };
}
