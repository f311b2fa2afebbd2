// An MLproject command is a Python format string: MLflow runs `command.format(**parameters)`. So `{name}` must name a
// declared parameter, `{}` or `{0}` fail (no positional arguments), and literal braces are written `{{` and `}}`.

export interface CommandField {
  /** Offsets of `{` and just past `}` in the command. */
  readonly start: number;
  readonly end: number;
  /** The parameter named (text before `.`, `[`, `!` or `:`); '' for `{}`. */
  readonly name: string;
  readonly nameStart: number;
}

export interface CommandTemplate {
  readonly fields: readonly CommandField[];
  /** Offsets of a `}` with no `{` (Python: "Single '}' encountered"), or of a `{` never closed. */
  readonly strayBraces: readonly number[];
}

export function parseCommandTemplate(command: string): CommandTemplate {
  const fields: CommandField[] = [];
  const strayBraces: number[] = [];
  let i = 0;
  while (i < command.length) {
    const c = command[i];
    if (c === '{' && command[i + 1] === '{') {
      i += 2;
    } else if (c === '}' && command[i + 1] === '}') {
      i += 2;
    } else if (c === '}') {
      strayBraces.push(i);
      i++;
    } else if (c === '{') {
      // Nested braces belong to a format spec (`{x:{width}}`): the field ends where the depth returns to zero.
      let depth = 1;
      let j = i + 1;
      for (; j < command.length && depth > 0; j++) {
        if (command[j] === '{') depth++;
        else if (command[j] === '}') depth--;
      }
      if (depth > 0) {
        strayBraces.push(i);
        break;
      }
      const inner = command.slice(i + 1, j - 1);
      const name = /^[^.[!:]*/.exec(inner)?.[0] ?? '';
      fields.push({ start: i, end: j, name, nameStart: i + 1 });
      i = j;
    } else {
      i++;
    }
  }
  return { fields, strayBraces };
}
