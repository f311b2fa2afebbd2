// Cuts the GitHub Actions operations Preflight uses, with every component they reference, out of GitHub's official OpenAPI
// description (@octokit/openapi, MIT) into test/support/github/actionsOpenApi.slice.json. The test stand-in validates every
// reply against this slice, so it cannot drift from the real API. The full description is 13 MB inside a 385 MB package;
// the slice is committed so tests need neither.
//
// Usage: node scripts/sliceGithubOpenApi.mjs [--spec PATH/TO/@octokit/openapi/generated/api.github.com.json]
// (default: /tmp/openapi/node_modules/@octokit/openapi/generated/api.github.com.json, installed outside the repo with
//  `npm install --prefix /tmp/openapi @octokit/openapi@23.0.2`).
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const specFlag = process.argv.indexOf('--spec');
const specPath =
  specFlag === -1
    ? '/tmp/openapi/node_modules/@octokit/openapi/generated/api.github.com.json'
    : path.resolve(process.argv[specFlag + 1] ?? '');
const outPath = path.join(root, 'test/support/github/actionsOpenApi.slice.json');

/** The operations the engine calls and the stand-in serves (operationId -> why). */
export const OPERATIONS = [
  'actions/list-workflow-runs-for-repo', // runs for a branch / head sha, with status filter
  'actions/get-workflow-run',
  'actions/list-jobs-for-workflow-run', // jobs with steps, filter=latest|all
  'actions/get-job-for-workflow-run',
  'actions/download-job-logs-for-workflow-run', // 302 to a short-lived blob URL
  'actions/re-run-workflow',
  'actions/re-run-workflow-failed-jobs',
  'actions/re-run-job-for-workflow-run',
  'actions/cancel-workflow-run', // 409 when the run already completed
  'actions/get-workflow',
  'actions/list-repo-workflows',
  'repos/get',
  'rate-limit/get',
];

const bytes = fs.readFileSync(specPath);
const spec = JSON.parse(bytes.toString('utf8'));
const pkg = JSON.parse(fs.readFileSync(path.join(path.dirname(specPath), '..', 'package.json'), 'utf8'));

const paths = {};
const found = new Set();
for (const [route, item] of Object.entries(spec.paths)) {
  for (const [method, op] of Object.entries(item)) {
    if (!OPERATIONS.includes(op?.operationId)) continue;
    found.add(op.operationId);
    paths[route] ??= {};
    paths[route][method] = op;
  }
}
const missing = OPERATIONS.filter((id) => !found.has(id));
if (missing.length > 0) {
  console.error(`not in ${specPath}: ${missing.join(', ')}`);
  process.exit(1);
}

// Follow every local $ref (schemas, parameters, responses, examples, headers) until closed.
const components = {};
const queue = [paths];
const seen = new Set();
function collectRefs(value) {
  if (Array.isArray(value)) return value.forEach(collectRefs);
  if (value === null || typeof value !== 'object') return;
  for (const [key, child] of Object.entries(value)) {
    if (key === '$ref' && typeof child === 'string' && child.startsWith('#/components/')) {
      if (seen.has(child)) continue;
      seen.add(child);
      const [, , section, name] = child.split('/');
      const target = spec.components[section]?.[name];
      if (target === undefined) throw new Error(`dangling $ref ${child}`);
      components[section] ??= {};
      components[section][name] = target;
      queue.push(target);
    } else {
      collectRefs(child);
    }
  }
}
while (queue.length > 0) collectRefs(queue.shift());
// The stand-in validates error replies of any status against GitHub's generic error shape.
for (const name of ['basic-error', 'validation-error']) {
  components.schemas[name] ??= spec.components.schemas[name];
}
const sorted = (obj) => Object.fromEntries(Object.entries(obj).sort(([a], [b]) => a.localeCompare(b)));
for (const section of Object.keys(components)) components[section] = sorted(components[section]);

const slice = {
  provenance: {
    package: pkg.name,
    version: pkg.version,
    license: pkg.license,
    file: 'generated/api.github.com.json',
    sha256: createHash('sha256').update(bytes).digest('hex'),
    operations: OPERATIONS,
    generatedBy: 'scripts/sliceGithubOpenApi.mjs',
  },
  openapi: spec.openapi,
  info: { title: spec.info.title, version: spec.info.version, license: spec.info.license },
  servers: spec.servers,
  paths: sorted(paths),
  components: sorted(components),
};
fs.writeFileSync(outPath, `${JSON.stringify(slice, null, 1)}\n`);
const counts = Object.entries(components)
  .map(([k, v]) => `${Object.keys(v).length} ${k}`)
  .join(', ');
console.log(
  `${path.relative(root, outPath)}: ${OPERATIONS.length} operations, ${counts}, ${(fs.statSync(outPath).size / 1024).toFixed(0)} KB`,
);
