// `${}` occurrences of a YAML scalar with their places in the file. DVC reads the scalar's value (quotes, escapes and
// folding removed), so offsets are mapped back through the decoded text; when that mapping is not exact, the whole
// scalar is the range, which is never wrong.
import { fileSpan, scalarTextOf } from '../expressions/scalarText';
import type { Scalar } from '../yaml/nodes';
import { findInterpolations, type Interpolation } from './interpolation';

export interface PlacedInterpolation {
  readonly interpolation: Interpolation;
  /** File offsets of `${...}`. */
  readonly span: { readonly start: number; readonly end: number };
  /** File offsets of the path's i-th segment; undefined when positions inside the scalar are not exact. */
  segmentSpan(i: number): { start: number; end: number } | undefined;
}

export function expressionsSpan(fileText: string, node: Scalar): PlacedInterpolation[] {
  const text = scalarTextOf(fileText, node);
  if (!text) return [];
  return findInterpolations(text.value).map((interpolation) => ({
    interpolation,
    span: fileSpan(text, interpolation.start, interpolation.end),
    segmentSpan: (i: number) => {
      const s = interpolation.segmentSpans[i];
      return s && text.offsets ? fileSpan(text, s[0], s[1]) : undefined;
    },
  }));
}
