// Refreshes server/src/engine/github/data/popularActions.json from the actions' own action.yml files. Run by a
// maintainer, never by the build or the tests. For each listed action and each major version that has a release tag
// (vX.Y.Z), it reads action.yml at the newest release of that major and records what GitHub would read there: the inputs
// (`required` only when there is no default; the action's own `deprecationMessage`), the output names and `runs.using`
// (the runtime, e.g. node16), together with that release tag and the date the data was read (`recordedAt`). Checks use
// the release and the date to say how old the data is, and stay lenient for refs newer than it (a moving `v4`).
// It also records the commit of the newest release per major (`pins`, for the "Pin to commit SHA" fix); older pins are
// kept. `retired` entries (majors GitHub has turned off) are facts from GitHub's changelog, and `undeclaredInputs` (an
// action that reads `with:` keys its action.yml does not declare) quotes the action's own documentation: both are kept as
// written.
//
// Sources: GitHub (the tags API and raw.githubusercontent.com; GITHUB_TOKEN raises the rate limit), or local git clones
// with tags: `--git-dirs PATTERN`, where PATTERN names each clone with {owner} and {repo}, e.g.
// `--git-dirs '/src/{owner}+{repo}/repo'` (then `recordedAt` is the newest commit date in the clone, not today).
// Usage: node scripts/refreshActionMetadata.mjs [--dry-run] [--git-dirs PATTERN] [--add owner/repo[/path] ...]
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';

const file = path.resolve(
  import.meta.dirname,
  '..',
  'server',
  'src',
  'engine',
  'github',
  'data',
  'popularActions.json',
);
const args = process.argv.slice(2);
const dryRun = args.includes('--dry-run');
const gitDirs = args.includes('--git-dirs') ? args[args.indexOf('--git-dirs') + 1] : undefined;
const added = args.flatMap((a, i) => (args[i - 1] === '--add' ? [a.toLowerCase()] : []));
const COMMENT =
  "Popular actions per major version, read from each major's newest release tag (`release`) on `recordedAt`: inputs (`required` when there is no default, the action's own `deprecationMessage`), output names and `runs.using`; `retired`: majors GitHub turned off (from its changelog); `undeclaredInputs`: why an action reads inputs it does not declare (its documentation); `pins`: commit SHAs of release tags for the pin-to-SHA fix. Regenerate with `node scripts/refreshActionMetadata.mjs` (see its header).";
const data = JSON.parse(fs.readFileSync(file, 'utf8'));
data.$comment = COMMENT;
for (const name of added) data.actions[name] ??= { latest: '', majors: {} };

const RELEASE = /^v(\d+)\.(\d+)\.(\d+)$/;
const parts = (tag) => RELEASE.exec(tag).slice(1).map(Number);
const newer = (a, b) => {
  const x = parts(a);
  const y = parts(b);
  for (let i = 0; i < 3; i++) if (x[i] !== y[i]) return x[i] > y[i];
  return false;
};
const today = () => new Date().toISOString().slice(0, 10);

/** Tags, file contents and the data's date, from GitHub. */
function githubSource(repository) {
  const headers = {
    accept: 'application/vnd.github+json',
    ...(process.env.GITHUB_TOKEN ? { authorization: `Bearer ${process.env.GITHUB_TOKEN}` } : {}),
  };
  return {
    async releaseTags() {
      const tags = [];
      for (let page = 1; page <= 10; page++) {
        const response = await fetch(`https://api.github.com/repos/${repository}/tags?per_page=100&page=${page}`, {
          headers,
          signal: AbortSignal.timeout(15_000),
        });
        if (!response.ok) throw new Error(`tags of ${repository}: HTTP ${response.status}`);
        const batch = await response.json();
        for (const t of batch)
          if (RELEASE.test(t.name) && /^[0-9a-f]{40}$/.test(t.commit?.sha ?? ''))
            tags.push({ name: t.name, sha: t.commit.sha });
        if (batch.length < 100) break;
      }
      return tags;
    },
    async readFile(tag, filePath) {
      const response = await fetch(`https://raw.githubusercontent.com/${repository}/${tag}/${filePath}`, {
        signal: AbortSignal.timeout(15_000),
      });
      return response.ok ? response.text() : undefined;
    },
    async recordedAt() {
      return today();
    },
  };
}

/** The same from a local clone that has the tags. */
function gitSource(repository, pattern) {
  const [owner, repo] = repository.split('/');
  const dir = pattern.replaceAll('{owner}', owner).replaceAll('{repo}', repo);
  const git = (...a) =>
    execFileSync('git', ['-C', dir, ...a], {
      encoding: 'utf8',
      maxBuffer: 64 << 20,
      stdio: ['ignore', 'pipe', 'ignore'],
    });
  return {
    async releaseTags() {
      return git('for-each-ref', '--format=%(refname:short) %(*objectname)%(objectname)', 'refs/tags')
        .split('\n')
        .flatMap((line) => {
          const [name, shas = ''] = line.split(' ');
          // Annotated tags print the commit (%(*objectname)) before the tag object's own id; lightweight ones only the commit.
          return name && RELEASE.test(name) ? [{ name, sha: shas.slice(0, 40) }] : [];
        });
    },
    async readFile(tag, filePath) {
      try {
        return git('show', `${tag}:${filePath}`);
      } catch {
        return undefined;
      }
    },
    async recordedAt() {
      return git('log', '-1', '--all', '--format=%cs').trim();
    },
  };
}

async function readManifest(source, subPath, tag) {
  for (const fileName of ['action.yml', 'action.yaml']) {
    const text = await source.readFile(tag, [...subPath, fileName].join('/'));
    if (text !== undefined) return parse(text);
  }
  return undefined;
}

/** What checks need from one action.yml. */
function majorMetadata(release, manifest) {
  const inputs = Object.fromEntries(
    Object.entries(manifest?.inputs ?? {}).map(([id, spec]) => [
      id,
      {
        ...(spec?.required === true && spec?.default === undefined ? { required: true } : {}),
        ...(typeof spec?.deprecationMessage === 'string' ? { deprecationMessage: spec.deprecationMessage.trim() } : {}),
      },
    ]),
  );
  const using = typeof manifest?.runs?.using === 'string' ? manifest.runs.using : undefined;
  return { release, ...(using ? { using } : {}), inputs, outputs: Object.keys(manifest?.outputs ?? {}) };
}

let changed = 0;
for (const [name, entry] of Object.entries(data.actions)) {
  const [owner, repo, ...subPath] = name.split('/');
  const source = gitDirs ? gitSource(`${owner}/${repo}`, gitDirs) : githubSource(`${owner}/${repo}`);
  try {
    const newest = new Map();
    for (const tag of await source.releaseTags()) {
      const major = parts(tag.name)[0];
      if (!newest.has(major) || newer(tag.name, newest.get(major).name)) newest.set(major, tag);
    }
    const majors = {};
    for (const [major, tag] of [...newest.entries()].sort(([a], [b]) => a - b)) {
      const manifest = await readManifest(source, subPath, tag.name);
      if (manifest) majors[major] = majorMetadata(tag.name, manifest);
    }
    if (Object.keys(majors).length === 0) throw new Error('no release tag with an action.yml');
    const latestMajor = Math.max(...Object.keys(majors).map(Number));
    const next = {
      latest: `v${latestMajor}`,
      recordedAt: await source.recordedAt(),
      majors,
      ...(entry.retired ? { retired: entry.retired } : {}),
      ...(entry.undeclaredInputs ? { undeclaredInputs: entry.undeclaredInputs } : {}),
    };
    // Sub-path actions (actions/cache/restore) share their repository's tags: the pins live on the repository's entry.
    if (subPath.length === 0) {
      const pins = { ...entry.pins };
      for (const tag of newest.values()) if (/^[0-9a-f]{40}$/.test(tag.sha)) pins[tag.name] = tag.sha;
      next.pins = Object.fromEntries(Object.entries(pins).sort(([a], [b]) => (newer(a, b) ? 1 : newer(b, a) ? -1 : 0)));
    }
    const before = JSON.stringify({ ...entry, recordedAt: undefined });
    data.actions[name] = next;
    if (JSON.stringify({ ...next, recordedAt: undefined }) !== before) {
      changed++;
      console.log(
        `${name}: ${Object.values(majors)
          .map((m) => `${m.release} (${m.using ?? '?'})`)
          .join(', ')}`,
      );
    }
  } catch (error) {
    console.error(`${name}: ${error.message} (kept the recorded metadata)`);
  }
}
data.actions = Object.fromEntries(Object.entries(data.actions).sort(([a], [b]) => a.localeCompare(b)));
if (!dryRun && changed > 0) fs.writeFileSync(file, JSON.stringify(data, null, 1) + '\n');
console.log(`${changed} action${changed === 1 ? '' : 's'} changed${dryRun ? ' (dry run, nothing written)' : ''}.`);
