// The anchor: @actions/languageservice, the validator inside GitHub's own Actions extension. Its published ESM build
// imports JSON schema files without import attributes, which Node refuses to load as-is, so we bundle it once with
// esbuild, as that extension does when it ships it. The bundle lands in the OS temp folder, outside the work tree.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { repoRoot } from './stats.mjs';

const ENTRY = `
export { validate } from '@actions/languageservice';
export { clearCacheEntry } from '@actions/languageservice/utils/workflow-cache';
export { TextDocument } from 'vscode-languageserver-textdocument';
`;

export function anchorVersion() {
  const pkg = JSON.parse(
    fs.readFileSync(path.join(repoRoot(), 'node_modules/@actions/languageservice/package.json'), 'utf8'),
  );
  return `@actions/languageservice ${pkg.version}`;
}

/** Bundles the anchor and returns the bundle's path. */
export async function buildAnchorBundle() {
  const esbuild = await import('esbuild');
  const outDir = fs.mkdtempSync(path.join(os.tmpdir(), 'preflight-bench-anchor-'));
  const outfile = path.join(outDir, 'actionsLanguageService.mjs');
  await esbuild.build({
    stdin: { contents: ENTRY, resolveDir: repoRoot(), loader: 'js' },
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    outfile,
    logLevel: 'error',
    // A few CommonJS dependencies call require() for Node built-ins; give the ESM bundle one.
    banner: { js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);" },
  });
  return outfile;
}

/** `{ validate, clearCacheEntry, TextDocument }` from a bundle made by buildAnchorBundle. */
export function loadAnchor(bundlePath) {
  return import(pathToFileURL(bundlePath).href);
}
