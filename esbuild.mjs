// Bundles the shipped pieces into dist/: the VS Code client, the language server and the CLI as Node CommonJS (vscode is
// provided by the editor; onnxruntime-node is native and loads from node_modules), the webview as a browser IIFE.
import * as esbuild from 'esbuild';
import { copyFileSync, cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';

const { version } = JSON.parse(readFileSync('package.json', 'utf8'));

const watch = process.argv.includes('--watch');
const production = process.argv.includes('--production');

const node = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: !production,
  minify: production,
  external: ['vscode', 'onnxruntime-node'],
  define: { PREFLIGHT_VERSION: JSON.stringify(version) },
  logLevel: 'warning',
};

const builds = [
  { ...node, entryPoints: { client: 'client/src/extension.ts' } },
  // Loaded lazily by the client after activation (see client/src/preflightServer.ts).
  { ...node, entryPoints: { languageClient: 'client/src/languageClientSession.ts' } },
  { ...node, entryPoints: { server: 'server/src/lsp/main.ts' } },
  // The failure model's retraining runs in a worker thread the server starts from dist/ (engine/model/failure/retrainInWorker.ts).
  { ...node, entryPoints: { retrainWorker: 'server/src/engine/model/failure/retrainWorker.ts' } },
  // Validation runs in a worker thread the server starts from dist/ (server/src/lsp/checkInWorker.ts).
  { ...node, entryPoints: { checkWorker: 'server/src/lsp/checkWorker.ts' } },
  { ...node, entryPoints: { cli: 'server/src/cli/main.ts' } },
  // `preflight check` checks many files on worker threads it starts from dist/ (server/src/cli/checking/checkTargets.ts).
  { ...node, entryPoints: { cliCheckWorker: 'server/src/cli/checking/cliCheckWorker.ts' } },
  {
    // The pipeline panel and the model view (custom editor for .onnx files) are separate pages with separate bundles.
    entryPoints: { webview: 'webview/src/main.ts', modelView: 'webview/src/modelMain.ts' },
    bundle: true,
    platform: 'browser',
    target: 'es2022',
    format: 'iife',
    sourcemap: !production,
    minify: production,
    logLevel: 'warning',
  },
];

// The panel loads codicons from dist/ (its only local resource root): the stylesheet by <link id="vscode-codicon-stylesheet">
// and the font it points at, which must sit next to it.
mkdirSync('dist/codicons', { recursive: true });
for (const file of ['codicon.css', 'codicon.ttf'])
  copyFileSync(`node_modules/@vscode/codicons/dist/${file}`, `dist/codicons/${file}`);
// The failure-risk model that ships (npm run train:default writes it); the server and CLI load it from dist/.
copyFileSync('server/src/engine/model/data/defaultFailureModel.onnx', 'dist/defaultFailureModel.onnx');

/**
 * onnxruntime-node is native, so it is not bundled: the server and CLI require it at run time. The packaged extension
 * has no node_modules (vsce runs with --no-dependencies), so the runtime for THIS platform (45 MB on linux-x64 of the
 * package's 288 MB) is copied to dist/node_modules, where Node's resolution from dist/server.js finds it first.
 * Skipped when the copy is already there for the installed version.
 */
function copyOnnxRuntime() {
  const target = `${process.platform}/${process.arch}`;
  const { version: ortVersion } = JSON.parse(readFileSync('node_modules/onnxruntime-node/package.json', 'utf8'));
  const stamp = 'dist/node_modules/.onnxruntime-stamp';
  const wanted = `${ortVersion} ${target}`;
  if (existsSync(stamp) && readFileSync(stamp, 'utf8') === wanted) return;
  rmSync('dist/node_modules', { recursive: true, force: true });
  const copy = (from) => {
    cpSync(`node_modules/${from}`, `dist/node_modules/${from}`, { recursive: true });
  };
  for (const part of ['package.json', 'dist', 'LICENSE', `bin/napi-v6/${target}`]) {
    if (existsSync(`node_modules/onnxruntime-node/${part}`)) copy(`onnxruntime-node/${part}`);
  }
  for (const part of ['package.json', 'dist/cjs', 'LICENSE']) {
    if (existsSync(`node_modules/onnxruntime-common/${part}`)) copy(`onnxruntime-common/${part}`);
  }
  writeFileSync(stamp, wanted);
}
copyOnnxRuntime();

if (watch) {
  for (const b of builds) await (await esbuild.context({ ...b, outdir: 'dist' })).watch();
} else {
  await Promise.all(builds.map((b) => esbuild.build({ ...b, outdir: 'dist' })));
}
