// Copies GitHub's own workflow and action.yml syntax definitions (the template schemas of @actions/workflow-parser,
// the parser GitHub's language service uses) into server/src/engine/github/syntax/, stamped with the package version
// they came from. The engine reads only these copies; test/unit/githubSyntaxData.test.ts fails when they drift from the
// installed package, and `npm run generate:syntax` rewrites them after an upgrade.
// Usage: node scripts/generateGithubSyntax.mjs [--check]
import fs from 'node:fs';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const pkgDir = path.join(root, 'node_modules', '@actions', 'workflow-parser');
const outDir = path.join(root, 'server', 'src', 'engine', 'github', 'syntax');

/** The generated files' texts, keyed by output path: one per template schema the package ships. */
export function generatedSyntaxFiles() {
  const { version } = JSON.parse(fs.readFileSync(path.join(pkgDir, 'package.json'), 'utf8'));
  const files = {};
  for (const [source, target] of [['workflow-v1.0.min.json', 'workflowSyntax.json'], ['action-v1.0.min.json', 'actionSyntax.json']]) {
    const schema = JSON.parse(fs.readFileSync(path.join(pkgDir, 'dist', source), 'utf8'));
    const data = { source: { package: '@actions/workflow-parser', version, file: `dist/${source}` }, ...schema };
    files[path.join(outDir, target)] = JSON.stringify(data, null, 1) + '\n';
  }
  return files;
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(import.meta.filename)) {
  const check = process.argv.includes('--check');
  let stale = false;
  for (const [file, text] of Object.entries(generatedSyntaxFiles())) {
    const current = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '';
    if (current === text) continue;
    stale = true;
    if (check) console.error(`${path.relative(root, file)} differs from the installed @actions/workflow-parser`);
    else fs.writeFileSync(file, text), console.log(`wrote ${path.relative(root, file)}`);
  }
  if (check && stale) process.exit(1);
}
