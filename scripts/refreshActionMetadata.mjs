// Refreshes server/src/engine/github/data/popularActions.json from the actions' own action.yml files on GitHub.
// Needs network (GitHub), so it is run by a maintainer, not by the build or the tests. For each listed action it
// reads the current major's action.yml (tag `latest`, e.g. v4) and replaces that major range's inputs and outputs;
// older majors keep their recorded metadata. Usage: node scripts/refreshActionMetadata.mjs [--dry-run]
import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';

const file = path.resolve(import.meta.dirname, '..', 'server', 'src', 'engine', 'github', 'data', 'popularActions.json');
const dryRun = process.argv.includes('--dry-run');
const data = JSON.parse(fs.readFileSync(file, 'utf8'));

async function fetchActionYaml(name, ref) {
  const [owner, repo, ...sub] = name.split('/');
  for (const fileName of ['action.yml', 'action.yaml']) {
    const url = `https://raw.githubusercontent.com/${owner}/${repo}/${ref}/${[...sub, fileName].join('/')}`;
    const response = await fetch(url, { signal: AbortSignal.timeout(15_000) });
    if (response.ok) return parse(await response.text());
  }
  throw new Error(`no action.yml for ${name}@${ref}`);
}

function rangeHolding(versions, major) {
  return Object.keys(versions).find((range) => {
    const [lo, hi] = range.split('-').map(Number);
    return major >= lo && major <= (hi ?? lo);
  });
}

let changed = 0;
for (const [name, entry] of Object.entries(data.actions)) {
  try {
    const manifest = await fetchActionYaml(name, entry.latest);
    const inputs = Object.fromEntries(Object.entries(manifest.inputs ?? {}).map(([id, spec]) => [id, {
      ...(spec?.required === true && spec?.default === undefined ? { required: true } : {}),
      ...(spec?.deprecationMessage ? { deprecated: true } : {}),
    }]));
    const outputs = Object.keys(manifest.outputs ?? {});
    const major = Number(/\d+/.exec(entry.latest)?.[0]);
    const range = rangeHolding(entry.versions, major) ?? `${major}`;
    const before = JSON.stringify(entry.versions[range]);
    entry.versions[range] = { inputs, outputs };
    if (JSON.stringify(entry.versions[range]) !== before) {
      changed++;
      console.log(`${name}@${entry.latest}: updated ${range} (${Object.keys(inputs).length} inputs, ${outputs.length} outputs)`);
    }
  } catch (error) {
    console.error(`${name}: ${error.message} (kept the recorded metadata)`);
  }
}
if (!dryRun && changed > 0) fs.writeFileSync(file, JSON.stringify(data, null, 1) + '\n');
console.log(`${changed} action${changed === 1 ? '' : 's'} changed${dryRun ? ' (dry run, nothing written)' : ''}.`);
