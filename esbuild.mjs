// Bundles the shipped pieces into dist/: the VS Code client, the language server and the CLI as Node CommonJS (vscode is
// provided by the editor; onnxruntime-node is native and loads from node_modules), the webview as a browser IIFE.
import * as esbuild from 'esbuild';
import { copyFileSync, mkdirSync, readFileSync } from 'node:fs';

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
  { ...node, entryPoints: { cli: 'server/src/cli/main.ts' } },
  {
    entryPoints: { webview: 'webview/src/main.ts' },
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
for (const file of ['codicon.css', 'codicon.ttf']) copyFileSync(`node_modules/@vscode/codicons/dist/${file}`, `dist/codicons/${file}`);
// The failure-risk model that ships (npm run train:default writes it); the server and CLI load it from dist/.
copyFileSync('server/src/engine/model/data/defaultFailureModel.onnx', 'dist/defaultFailureModel.onnx');

if (watch) {
  for (const b of builds) await (await esbuild.context({ ...b, outdir: 'dist' })).watch();
} else {
  await Promise.all(builds.map((b) => esbuild.build({ ...b, outdir: 'dist' })));
}
