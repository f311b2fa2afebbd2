// Refreshes server/src/engine/github/data/popularActions.json from the actions' own action.yml files on GitHub.
// Needs network (GitHub), so it is run by a maintainer, not by the build or the tests. For each listed action it
// reads the current major's action.yml (tag `latest`, e.g. v4) and replaces that major range's inputs and outputs;
// older majors keep their recorded metadata. It also records, per major version the metadata knows, the newest release
// tag (vX.Y.Z) and the commit it points to (`pins`, used by the "Pin to commit SHA" fix), from the GitHub API's tag list
// (which gives the commit of annotated tags too); GITHUB_TOKEN raises the rate limit. Older pins are kept.
// Usage: node scripts/refreshActionMetadata.mjs [--dry-run]
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

/** Every `vX.Y.Z` tag of a repository with its commit SHA (GET /repos/{owner}/{repo}/tags, paginated). */
async function releaseTags(repository) {
  const headers = { accept: 'application/vnd.github+json', ...(process.env.GITHUB_TOKEN ? { authorization: `Bearer ${process.env.GITHUB_TOKEN}` } : {}) };
  const tags = [];
  for (let page = 1; page <= 10; page++) {
    const response = await fetch(`https://api.github.com/repos/${repository}/tags?per_page=100&page=${page}`, { headers, signal: AbortSignal.timeout(15_000) });
    if (!response.ok) throw new Error(`tags of ${repository}: HTTP ${response.status}`);
    const batch = await response.json();
    for (const t of batch) if (/^v\d+\.\d+\.\d+$/.test(t.name) && /^[0-9a-f]{40}$/.test(t.commit?.sha ?? '')) tags.push({ name: t.name, sha: t.commit.sha });
    if (batch.length < 100) break;
  }
  return tags;
}

const parts = (tag) => tag.slice(1).split('.').map(Number);
const newer = (a, b) => { const x = parts(a); const y = parts(b); for (let i = 0; i < 3; i++) if (x[i] !== y[i]) return x[i] > y[i]; return false; };

/** Majors covered by an entry's version ranges ("2-6" -> 2..6) and its latest tag. */
function knownMajors(entry) {
  const majors = new Set([Number(/\d+/.exec(entry.latest)?.[0])]);
  for (const range of Object.keys(entry.versions)) {
    const [lo, hi] = range.split('-').map(Number);
    for (let m = lo; m <= (hi ?? lo); m++) majors.add(m);
  }
  return majors;
}

let changed = 0;
for (const [name, entry] of Object.entries(data.actions)) {
  // Sub-path actions (actions/cache/restore) share their repository's tags: the pins live on the repository's entry.
  if (name.split('/').length > 2) continue;
  try {
    const newest = new Map();
    for (const tag of await releaseTags(name)) {
      const major = parts(tag.name)[0];
      if (knownMajors(entry).has(major) && (!newest.has(major) || newer(tag.name, newest.get(major).name))) newest.set(major, tag);
    }
    const pins = { ...entry.pins };
    for (const tag of newest.values()) pins[tag.name] = tag.sha;
    if (JSON.stringify(pins) !== JSON.stringify(entry.pins ?? {})) {
      entry.pins = Object.fromEntries(Object.entries(pins).sort(([a], [b]) => (newer(a, b) ? 1 : newer(b, a) ? -1 : 0)));
      changed++;
      console.log(`${name}: pins ${[...newest.values()].map((t) => t.name).join(', ')}`);
    }
  } catch (error) {
    console.error(`${name}: ${error.message} (kept the recorded pins)`);
  }
}
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
