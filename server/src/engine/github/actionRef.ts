// What a `uses:` string refers to. Forms (GitHub docs): `./path` (local action or reusable workflow),
// `docker://image[:tag]`, `owner/repo@ref`, `owner/repo/sub/path@ref`.

export type ActionRef =
  | { readonly kind: 'local'; readonly path: string }
  | { readonly kind: 'docker'; readonly image: string }
  | {
      readonly kind: 'remote';
      readonly owner: string;
      readonly repo: string;
      readonly subPath: string;
      readonly ref: string;
      readonly name: string;
    }
  | { readonly kind: 'invalid'; readonly reason: string };

const REMOTE = /^([A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)\/([A-Za-z0-9._-]+)((?:\/[^@\s]+)?)@([^\s@]+)$/;

export function parseActionRef(uses: string): ActionRef {
  const text = uses.trim();
  if (text.startsWith('./') || text === '.') return { kind: 'local', path: text };
  if (text.startsWith('docker://')) {
    const image = text.slice('docker://'.length);
    if (!image) return { kind: 'invalid', reason: 'docker:// needs an image, e.g. docker://alpine:3.20' };
    // `image:` or `image@` leaves the tag or digest empty, which Docker cannot pull.
    if (/[:@]$/.test(image))
      return {
        kind: 'invalid',
        reason: `the image's ${image.endsWith('@') ? 'digest' : 'tag'} is empty: write docker://${image.slice(0, -1)}:TAG, or leave out '${image.slice(-1)}' for the latest tag`,
      };
    return { kind: 'docker', image };
  }
  if (text.startsWith('../') || text.startsWith('/'))
    return { kind: 'invalid', reason: 'local actions are referenced from the repository root: start with ./' };
  if (!text.includes('@'))
    return { kind: 'invalid', reason: 'a ref is missing: add @ and a tag, branch or commit SHA (e.g. @v4)' };
  const m = REMOTE.exec(text);
  if (!m) return { kind: 'invalid', reason: 'expected owner/repo@ref, owner/repo/path@ref, ./path or docker://image' };
  const [, owner = '', repo = '', sub = '', ref = ''] = m;
  return {
    kind: 'remote',
    owner,
    repo,
    subPath: sub.replace(/^\//, ''),
    ref,
    name: `${owner}/${repo}${sub}`.toLowerCase(),
  };
}

/** Major version of a ref like `v4`, `v4.1.2`, `4`, `release/v1`, `v2.x`; undefined for other branches and SHAs. */
export function majorOf(ref: string): number | undefined {
  const m = /^(?:release\/)?v?(\d+)(?:\.\d+){0,2}(?:\.x)*$/i.exec(ref);
  return m ? Number(m[1]) : undefined;
}

export function isFullSha(ref: string): boolean {
  return /^[0-9a-f]{40}$/.test(ref);
}
