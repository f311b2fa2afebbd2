// Each file kind is written once, as one descriptor in server/src/engine/kinds/ listed in its index.ts. What other
// layers read of it is generated from that list by `npm run generate:kinds` (protocol/fileKinds/fileKinds.generated.ts;
// package.json's activation events and YAML file names, which cannot import anything): these tests fail when the
// generated files are stale, and check what the descriptors say (icons that exist, examples each kind recognises).
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { FILE_KIND_INFOS, FILE_KINDS } from '../../protocol/fileKinds/index';
import { PIPELINE_DOCUMENTS } from '../../client/src/pipelineDocuments';
import { detectKind, KINDS, kindFromPath, needsContentToDecide } from '../../server/src/engine/kinds';
import type { YamlKind } from '../../server/src/engine/kinds/kind';
import { REPO_ROOT } from '../support/paths';

interface Manifest {
  readonly activationEvents: readonly string[];
  readonly contributes: {
    readonly languages: readonly { readonly id: string; readonly filenames?: readonly string[] }[];
  };
}

const manifest = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')) as Manifest;
const yamlWithoutExtension = FILE_KIND_INFOS.filter((k) => k.yamlWithoutExtension === true);

describe('file kinds', () => {
  it("the generated files say what the engine's list of kinds says", async () => {
    const generator = (await import(path.join(REPO_ROOT, 'scripts', 'generateFileKinds.mjs'))) as {
      fileKindFiles(kinds: readonly YamlKind[]): Promise<Record<string, string>>;
    };
    for (const [file, text] of Object.entries(await generator.fileKindFiles(KINDS))) {
      assert.equal(
        fs.readFileSync(file, 'utf8'),
        text,
        `${path.relative(REPO_ROOT, file)} is stale: run npm run generate:kinds`,
      );
    }
  });

  it("package.json activates on every kind's globs, and on no other workspaceContains", () => {
    const inManifest = manifest.activationEvents.filter((e) => e.startsWith('workspaceContains:'));
    const expected = FILE_KIND_INFOS.flatMap((k) => k.globs.map((glob) => `workspaceContains:${glob}`));
    assert.deepEqual(inManifest, expected, 'run npm run generate:kinds');
  });

  it('package.json opens the kinds that are YAML without a YAML name as YAML', () => {
    const filenames = manifest.contributes.languages.filter((l) => l.id === 'yaml').flatMap((l) => l.filenames ?? []);
    const expected = yamlWithoutExtension.flatMap((k) => k.globs.map((glob) => glob.slice(glob.lastIndexOf('/') + 1)));
    assert.deepEqual(filenames, expected, 'run npm run generate:kinds');
  });

  it('the language client selects YAML, and those files by name too', () => {
    assert.deepEqual(PIPELINE_DOCUMENTS, [
      { scheme: 'file', language: 'yaml' },
      ...yamlWithoutExtension.flatMap((k) => k.globs.map((pattern) => ({ scheme: 'file', pattern }))),
    ]);
  });

  it("every kind's icon is a codicon", () => {
    const css = fs.readFileSync(
      path.join(REPO_ROOT, 'node_modules', '@vscode', 'codicons', 'dist', 'codicon.css'),
      'utf8',
    );
    for (const k of FILE_KIND_INFOS)
      assert.ok(css.includes(`.codicon-${k.icon}:before`), `${k.id}: no codicon '${k.icon}'`);
  });

  it('the engine has one kind for each kind every layer knows, in the same order', () => {
    assert.deepEqual(
      KINDS.map((k) => k.id),
      [...FILE_KINDS],
    );
  });

  it('each kind recognises its own example path: by path, or (kinds known by content) not by path', () => {
    for (const kind of KINDS) {
      const example = kind.examplePath('example');
      if (kind.byPath) {
        assert.equal(kindFromPath(example), kind.id, example);
      } else {
        assert.equal(kindFromPath(example), undefined, example);
        assert.ok(needsContentToDecide(example), `${example}: a kind known by content must have a YAML example path`);
      }
    }
  });

  it('a kind whose files are YAML without a YAML name is recognised by that name', () => {
    for (const info of yamlWithoutExtension) {
      for (const glob of info.globs)
        assert.equal(detectKind(`/repo/sub/${glob.slice(glob.lastIndexOf('/') + 1)}`), info.id, glob);
    }
  });
});
