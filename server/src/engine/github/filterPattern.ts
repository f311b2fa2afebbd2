// GitHub's filter pattern syntax (the "filter pattern cheat sheet" of the workflow syntax docs), for `branches`, `tags`,
// `paths` and their `-ignore` forms, and `image_version.versions`:
//   `*` any characters but `/`, `**` any characters, `?` zero or one of the preceding character, `+` one or more of the
//   preceding character, `[abc]`/`[0-9]` one character of a class, a leading `!` negates, `\` escapes a special character.
// GitHub compiles these patterns when it reads the workflow and rejects the file when one does not compile ("push event
// contained invalid paths patterns: the following globs were invalid: **.c++"). Branch and tag patterns are matched
// against ref names, so a pattern spelling a character no ref name may contain (`man git-check-ref-format`) never matches.
// Path patterns are matched against paths relative to the repository root, so `./` and `../` segments never match.

/** What the pattern is matched against: a branch or tag name, a file path, or another name (versions). */
export type FilterTarget = 'ref' | 'path' | 'name';

export interface PatternProblem {
  /** A sentence fragment saying what is wrong and how to write it instead. */
  readonly message: string;
  /** Where in the pattern text the problem is (UTF-16 offsets), for a precise range. */
  readonly start: number;
  readonly end: number;
  /**
   * `broken`: GitHub rejects the pattern or it can never match what it names, so the filter does not do what it says.
   * `style`: it works as written but says more than it needs to.
   */
  readonly level: 'broken' | 'style';
}

/** Characters with a meaning in filter patterns; `\` before one of them makes it literal. */
const SPECIAL = new Set(['*', '?', '+', '[', ']', '!', '\\']);
/** Characters git forbids anywhere in a ref name, besides the glob characters `* ? [` (`man git-check-ref-format`). */
const NOT_IN_REF_NAMES = new Set([' ', '\t', '~', '^', ':']);
/** Of the characters `\` may make literal, those a ref name can never contain. */
const ESCAPED_NOT_IN_REF_NAMES = new Set(['*', '?', '[', '\\']);

function describe(char: string): string {
  if (char === ' ') return 'a space';
  if (char === '\t') return 'a tab';
  return `'${char}'`;
}

/** Problems with one filter pattern; empty when GitHub reads it and it can match. */
export function filterPatternProblems(pattern: string, target: FilterTarget): PatternProblem[] {
  if (pattern.trim() === '') {
    const message =
      pattern === ''
        ? 'an empty pattern matches nothing'
        : 'a pattern of only spaces or newlines matches no name: write the name or glob to match';
    return [{ message, start: 0, end: pattern.length, level: 'broken' }];
  }
  if (pattern !== pattern.trim()) {
    return [
      {
        message: 'leading or trailing spaces or newlines are part of the pattern, so it matches no name: remove them',
        start: 0,
        end: pattern.length,
        level: 'broken',
      },
    ];
  }
  // GitHub's reader refuses any expression in a filter ("Unrecognized named-value", "A template expression is not allowed
  // in this context") except a lone string literal, which it reads as that text: the expression rules report the first,
  // and the second is a pattern only once evaluated, so neither is read as a pattern here.
  if (pattern.includes('${{')) return [];
  const scanner = new PatternScanner(pattern, target);
  scanner.scan();
  if (target === 'path') scanner.problems.push(...dotSegmentProblems(pattern));
  return scanner.problems;
}

class PatternScanner {
  readonly problems: PatternProblem[] = [];
  private i = 0;
  /** Whether the last thing read is a plain character that `?` or `+` may repeat. */
  private repeatable = false;
  /** Whether the last character read was escaped (an escaped `/` or `.` at the end is still a character of the name). */
  private lastEscaped = false;

  constructor(
    private readonly text: string,
    private readonly target: FilterTarget,
  ) {}

  /** Reports each kind of problem once per pattern (at its first place): `a b c` needs one word about spaces. */
  private broken(message: string, start: number, end = start + 1): void {
    if (this.problems.some((p) => p.message === message)) return;
    this.problems.push({ message, start, end, level: 'broken' });
  }

  scan(): void {
    const { text } = this;
    if (text.startsWith('!')) {
      if (text.length === 1) {
        const example = { ref: "'!release/**'", path: "'!docs/**'", name: "'!1.*'" }[this.target];
        this.broken(`a lone '!' negates nothing: write the pattern to exclude after it (e.g. ${example})`, 0);
        return;
      }
      this.i = 1;
    } else if (this.target === 'ref' && text.startsWith('/')) {
      this.broken(
        "branch and tag names never start with '/': remove it (the pattern is matched against the name, e.g. 'main', not 'refs/heads/main')",
        0,
      );
      this.i = 1;
      this.repeatable = true;
    }
    while (this.i < text.length) this.next();
    const last = text[text.length - 1];
    if (this.target === 'ref' && !this.lastEscaped && (last === '/' || last === '.')) {
      this.broken(
        `branch and tag names never end with '${last}': remove it, or end the pattern with '*' or '**' to match names that continue`,
        text.length - 1,
      );
    }
  }

  private next(): void {
    const { text } = this;
    const at = this.i;
    const c = text[at] ?? '';
    this.lastEscaped = false;
    switch (c) {
      case '\\':
        this.escape(at);
        return;
      case '?':
      case '+':
        if (!this.repeatable) {
          const what = c === '+' ? 'one or more' : 'zero or one';
          this.broken(
            `'${c}' means ${what} of the character before it, and here there is no plain character before it: escape it as '\\${c}' for a literal '${c}'`,
            at,
          );
        }
        this.repeatable = false;
        this.i++;
        return;
      case '*':
        this.repeatable = false;
        this.i++;
        return;
      case '[':
        this.characterClass(at);
        this.repeatable = true;
        return;
      case '\n':
      case '\r':
        this.broken('a pattern cannot contain a newline: write one pattern per list item', at);
        this.repeatable = true;
        this.i++;
        return;
      default:
        if (this.target === 'ref' && NOT_IN_REF_NAMES.has(c)) {
          const hint =
            c === '^'
              ? " (filters are globs, not regular expressions: write 'foo*' for names starting with 'foo')"
              : '';
          this.broken(`branch and tag names cannot contain ${describe(c)}, so this pattern never matches${hint}`, at);
        }
        this.repeatable = true;
        this.i++;
    }
  }

  /** `\` makes a special character literal; before anything else it is itself a literal backslash. */
  private escape(at: number): void {
    const escaped = this.text[at + 1];
    this.repeatable = true;
    if (escaped !== undefined && SPECIAL.has(escaped)) {
      if (this.target === 'ref' && ESCAPED_NOT_IN_REF_NAMES.has(escaped)) {
        this.broken(
          `branch and tag names cannot contain ${describe(escaped)}, so '\\${escaped}' never matches`,
          at,
          at + 2,
        );
      }
      this.i = at + 2;
      this.lastEscaped = true;
      return;
    }
    if (this.target === 'ref') {
      const hint =
        escaped !== undefined && /[dswDSW]/.test(escaped)
          ? " (filters are globs, not regular expressions: '\\d' is not a digit; use '[0-9]')"
          : '';
      this.broken(
        `branch and tag names cannot contain '\\', and '\\' escapes only the special characters * ? + [ ] ! \\${hint}`,
        at,
        escaped === undefined ? at + 1 : at + 2,
      );
    }
    this.i = at + 1;
  }

  /** `[...]`: one character out of listed characters and ranges. */
  private characterClass(open: number): void {
    const { text } = this;
    let i = open + 1;
    if (text[i] === ']') {
      this.broken(
        "'[]' is an empty character class and matches nothing: list characters inside, e.g. '[0-9]'",
        open,
        i + 1,
      );
      this.i = i + 1;
      return;
    }
    let members = 0;
    let single = '';
    while (i < text.length && text[i] !== ']') {
      const from = text[i] ?? '';
      if (text[i + 1] === '-' && i + 2 < text.length) {
        const to = text[i + 2] ?? '';
        if (to === ']') {
          this.broken(
            `the range '${from}-' in '[...]' has no end: write e.g. '${from}-9', or put '-' first for a literal '-'`,
            i,
            i + 2,
          );
          i += 2;
          members += 2;
          continue;
        }
        if (from > to)
          this.broken(`the range '${from}-${to}' runs backwards and matches nothing: write '${to}-${from}'`, i, i + 3);
        i += 3;
        members += 2;
        continue;
      }
      single = from;
      members++;
      i++;
    }
    if (i >= text.length) {
      this.broken(
        "'[' opens a character class that is never closed: add ']' (or escape it as '\\[' for a literal '[')",
        open,
        text.length,
      );
      this.i = text.length;
      return;
    }
    if (members === 1) {
      const literal = SPECIAL.has(single) ? `\\${single}` : single;
      this.problems.push({
        message: `'[${single}]' matches only '${single}': write '${literal}'`,
        start: open,
        end: i + 1,
        level: 'style',
      });
    }
    this.i = i + 1;
  }
}

/** `.` and `..` path segments: GitHub matches paths like `src/app.py`, never `./src/app.py`. */
function dotSegmentProblems(pattern: string): PatternProblem[] {
  const problems: PatternProblem[] = [];
  let offset = pattern.startsWith('!') ? 1 : 0;
  for (const segment of pattern.slice(offset).split('/')) {
    if (segment === '.' || segment === '..') {
      problems.push({
        message:
          segment === '.'
            ? "paths are matched relative to the repository root without './', so this pattern never matches: remove './'"
            : "paths are matched inside the repository and never contain '..', so this pattern never matches: write the path from the repository root",
        start: offset,
        end: offset + segment.length,
        level: 'broken',
      });
    }
    offset += segment.length + 1;
  }
  return problems;
}
