// `format('{0} {1}', a, b)`: GitHub fails the step at run time when the format string is malformed or names more
// arguments than were passed. When the format string is a literal we can tell before the push. The scan follows GitHub's
// runtime (`{{`/`}}` escape braces, `{N...}` is a placeholder), not the stricter editor check, to avoid false alarms.
import type { CallNode } from './ast';

interface FormatShape {
  readonly valid: boolean;
  readonly maxIndex: number;
  /** The placeholder numbers the text uses, in ascending order. */
  readonly used: readonly number[];
}

export function formatShape(text: string): FormatShape {
  let maxIndex = -1;
  const used = new Set<number>();
  const shape = (valid: boolean): FormatShape => ({ valid, maxIndex, used: [...used].sort((a, b) => a - b) });
  let i = 0;
  while (i < text.length) {
    const left = text.indexOf('{', i);
    const right = text.indexOf('}', i);
    if (left >= 0 && (right < 0 || right > left)) {
      if (text[left + 1] === '{') {
        i = left + 2;
        continue;
      }
      const digits = /^\d+/.exec(text.slice(left + 1))?.[0];
      if (digits === undefined || right < 0) return shape(false);
      maxIndex = Math.max(maxIndex, Number(digits));
      used.add(Number(digits));
      i = right + 1;
    } else if (right >= 0) {
      if (text[right + 1] !== '}') return shape(false);
      i = right + 2;
    } else {
      break;
    }
  }
  return shape(true);
}

/** What is wrong with a `format(...)` call whose first argument is a literal, or undefined. */
export function checkFormatCall(call: CallNode): string | undefined {
  const first = call.args[0];
  if (first?.kind !== 'literal' || typeof first.value !== 'string') return undefined;
  const shape = formatShape(first.value);
  if (!shape.valid)
    return "The format string is invalid: placeholders are '{0}', '{1}', ...; write '{{' and '}}' for literal braces.";
  const supplied = call.args.length - 1;
  if (shape.maxIndex >= supplied) {
    return `The format string uses '{${shape.maxIndex}}' but only ${supplied} value${supplied === 1 ? ' is' : 's are'} passed after it.`;
  }
  return undefined;
}

/**
 * Values passed to a `format(...)` call with a literal format string that no placeholder uses: GitHub leaves them out,
 * which is harmless but often means a placeholder was forgotten (`format('{0}-{1}', a, b, c)`).
 */
export function unusedFormatArguments(call: CallNode): string | undefined {
  const first = call.args[0];
  if (first?.kind !== 'literal' || typeof first.value !== 'string') return undefined;
  const shape = formatShape(first.value);
  if (!shape.valid) return undefined;
  const unused: string[] = [];
  for (let i = 0; i < call.args.length - 1; i++) if (!shape.used.includes(i)) unused.push(`{${i}}`);
  if (unused.length === 0) return undefined;
  const which = unused.length === 1 ? `value for ${unused[0]} is` : `values for ${unused.join(', ')} are`;
  return `The format string has no ${unused.join(', ')}, so the ${which} left out of the text. Add the placeholder, or remove the value.`;
}
