// Copies GitHub's own workflow and action.yml syntax definitions (the template schemas of @actions/workflow-parser,
// the parser GitHub's language service uses) into server/src/engine/github/syntax/, stamped with the package version
// they came from, and the webhook payloads GitHub documents for `github.event` (from @actions/languageservice). The engine reads only these copies; test/unit/githubSyntaxData.test.ts fails when they drift from the
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
  for (const [source, target] of [
    ['workflow-v1.0.min.json', 'workflowSyntax.json'],
    ['action-v1.0.min.json', 'actionSyntax.json'],
  ]) {
    const schema = JSON.parse(fs.readFileSync(path.join(pkgDir, 'dist', source), 'utf8'));
    const data = { source: { package: '@actions/workflow-parser', version, file: `dist/${source}` }, ...schema };
    files[path.join(outDir, target)] = JSON.stringify(data, null, 1) + '\n';
  }
  files[path.join(outDir, 'eventPayloads.json')] = eventPayloadsFile();
  return files;
}

/**
 * The webhook payloads GitHub documents, as `github.event` holds them: the descriptions GitHub's own language service
 * ships (@actions/languageservice, events/webhooks.min.json and objects.min.json), each event's activity types merged
 * into one tree of property names with the first sentence of each description. Shared objects stay shared (`objects`,
 * referred to by index), as in the source.
 */
function eventPayloadsFile() {
  const dir = path.join(root, 'node_modules', '@actions', 'languageservice');
  const { version } = JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8'));
  const events = path.join(dir, 'dist', 'context-providers', 'events');
  const webhooks = JSON.parse(fs.readFileSync(path.join(events, 'webhooks.min.json'), 'utf8'));
  const objects = JSON.parse(fs.readFileSync(path.join(events, 'objects.min.json'), 'utf8'));
  const firstSentence = (text) => {
    const plain = (text ?? '').replace(/\s+/g, ' ').trim();
    const end = plain.search(/\.(\s|$)/);
    return (end === -1 ? plain : plain.slice(0, end + 1)).slice(0, 200);
  };
  const node = (param) => {
    const out = { n: param.name };
    const d = firstSentence(param.description);
    if (d) out.d = d;
    if (param.childParamsGroups?.length) out.c = param.childParamsGroups.map(node);
    return out;
  };
  const byEvent = {};
  for (const [event, actions] of Object.entries(webhooks).sort(([a], [b]) => a.localeCompare(b))) {
    const refs = new Map();
    for (const payload of Object.values(actions)) {
      for (const param of payload.bodyParameters) {
        const key = typeof param === 'number' ? `#${param}` : param.name;
        if (!refs.has(key)) refs.set(key, typeof param === 'number' ? param : node(param));
      }
    }
    byEvent[event] = [...refs.values()];
  }
  const data = {
    source: {
      package: '@actions/languageservice',
      version,
      files: ['dist/context-providers/events/webhooks.min.json', 'dist/context-providers/events/objects.min.json'],
    },
    objects: objects.map(node),
    events: byEvent,
  };
  return JSON.stringify(data) + '\n';
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(import.meta.filename)) {
  const check = process.argv.includes('--check');
  let stale = false;
  for (const [file, text] of Object.entries(generatedSyntaxFiles())) {
    const current = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '';
    if (current === text) continue;
    stale = true;
    if (check) console.error(`${path.relative(root, file)} differs from the installed @actions/workflow-parser`);
    else (fs.writeFileSync(file, text), console.log(`wrote ${path.relative(root, file)}`));
  }
  if (check && stale) process.exit(1);
}
