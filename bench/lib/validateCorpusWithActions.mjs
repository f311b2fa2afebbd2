// Child process for bench/cliCorpus.mjs: the anchor doing the CLI's job. Loads @actions/languageservice (bundled, see
// actionsLanguageService.mjs) and validates each listed file in turn, in one process, as a CLI built on it would.
// Usage: node validateCorpusWithActions.mjs BUNDLE LISTFILE   (LISTFILE: one absolute path a line)
// Prints one JSON line: { files, diagnostics, failures, elapsedMs } (elapsedMs from process start, via performance.now()).
import fs from 'node:fs';
import { pathToFileURL } from 'node:url';

const [bundle, listFile] = process.argv.slice(2);
const { validate, TextDocument } = await import(pathToFileURL(bundle).href);
const files = fs.readFileSync(listFile, 'utf8').split('\n').filter(Boolean);
let diagnostics = 0;
let failures = 0;
for (const file of files) {
  try {
    const text = fs.readFileSync(file, 'utf8');
    const doc = TextDocument.create(pathToFileURL(file).href, 'yaml', 1, text);
    diagnostics += (await validate(doc, {})).length;
  } catch {
    failures++;
  }
}
console.log(JSON.stringify({ files: files.length, diagnostics, failures, elapsedMs: performance.now() }));
