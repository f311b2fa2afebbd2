// Real YAML to test parsers on: every committed YAML file, and seeded mutations of a text of the kinds people make
// (broken indentation, stray quotes and brackets, repeated and deleted lines).
import fs from 'node:fs';
import path from 'node:path';

/** Every YAML file (and MLproject/MLmodel) under `dir`. */
export function yamlFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) return yamlFiles(full);
    return /\.ya?ml$|^MLproject$|^MLmodel$/.test(e.name) ? [full] : [];
  });
}

/** A seeded generator of numbers in [0, 1): the same mutations on every run. */
export function random(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

/** Fragments inserted into a line by `mutate`. */
const PIECES = [
  '"',
  "'",
  ':',
  ' ',
  '\n',
  '  ',
  '- ',
  '#',
  '[',
  ']',
  '{',
  '}',
  '&a ',
  '*a',
  '!t ',
  '|',
  '>',
  '? ',
  '---\n',
  'k: v\n',
  '  k: v\n',
  '\t',
  ',',
  '%',
];

/** One random edit of `text`: a line deleted, repeated, re-indented, or a fragment inserted. */
export function mutate(text: string, next: () => number): string {
  const lines = text.split('\n');
  const at = Math.floor(next() * lines.length);
  const line = lines[at] ?? '';
  switch (Math.floor(next() * 4)) {
    case 0:
      lines.splice(at, 1);
      break;
    case 1:
      lines.splice(at, 0, lines[Math.floor(next() * lines.length)] ?? '');
      break;
    case 2:
      lines[at] = ' '.repeat(Math.floor(next() * 5)) + line.trimStart();
      break;
    default: {
      const cut = Math.floor(next() * (line.length + 1));
      lines[at] = line.slice(0, cut) + (PIECES[Math.floor(next() * PIECES.length)] ?? '') + line.slice(cut);
    }
  }
  return lines.join('\n');
}
