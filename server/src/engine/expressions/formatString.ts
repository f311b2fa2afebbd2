// `format('{0} {1}', a, b)`: GitHub fails the step at run time when the format string is malformed or names more
// arguments than were passed. When the format string is a literal we can tell before the push. The scan follows GitHub's
// runtime (`{{`/`}}` escape braces, `{N...}` is a placeholder), not the stricter editor check, to avoid false alarms.
import type { CallNode } from './ast';

interface FormatShape {
  readonly valid: boolean;
  readonly maxIndex: number;
}

export function formatShape(text: string): FormatShape {
  let maxIndex = -1;
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
      if (digits === undefined || right < 0) return { valid: false, maxIndex };
      maxIndex = Math.max(maxIndex, Number(digits));
      i = right + 1;
    } else if (right >= 0) {
      if (text[right + 1] !== '}') return { valid: false, maxIndex };
      i = right + 2;
    } else {
      break;
    }
  }
  return { valid: true, maxIndex };
}

/** What is wrong with a `format(...)` call whose first argument is a literal, or undefined. */
export function checkFormatCall(call: CallNode): string | undefined {
  const first = call.args[0];
  if (first?.kind !== 'literal' || typeof first.value !== 'string') return undefined;
  const shape = formatShape(first.value);
  if (!shape.valid) return "The format string is invalid: placeholders are '{0}', '{1}', ...; write '{{' and '}}' for literal braces.";
  const supplied = call.args.length - 1;
  if (shape.maxIndex >= supplied) {
    return `The format string uses '{${shape.maxIndex}}' but only ${supplied} value${supplied === 1 ? ' is' : 's are'} passed after it.`;
  }
  return undefined;
}
