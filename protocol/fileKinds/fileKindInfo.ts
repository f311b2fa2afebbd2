// What every layer knows of one kind of file (the server, the client, the webview, package.json): its name for people,
// its icon, how its files are named. The engine's side of a kind (detection, parsing, schema) is in
// server/src/engine/kinds/; package.json's copies of these names are checked against them by test/unit/fileKinds.test.ts.

export interface FileKindInfo<Id extends string = string> {
  /** Stable id: in the protocol, the fixtures' folder names (test/fixtures/rules/<id>/), rule `kinds`. Never renamed. */
  readonly id: Id;
  /** Words a person reads: the panel's group heading and row titles. */
  readonly label: string;
  /** Codicon beside its files in the panel. */
  readonly icon: string;
  /** How its files are named, for a person: the panel's empty state and the CLI's "no pipeline files" message. */
  readonly example: string;
  /**
   * Workspace globs naming its files: the extension activates when the workspace holds one (package.json
   * `activationEvents`, `workspaceContains:`). Empty for a kind known by content only, or whose files matter only
   * beside other pipeline files.
   */
  readonly globs: readonly string[];
  /**
   * Its files are YAML without a YAML extension (`MLmodel`): package.json tells VS Code they are YAML (`languages`,
   * `filenames`: the globs' last segment) and the language client selects them by the globs as well as by language.
   */
  readonly yamlWithoutExtension?: true;
}

/** Keeps each kind's id a literal type, so the list in index.ts defines FileKind. */
export function fileKind<const Id extends string>(info: FileKindInfo<Id>): FileKindInfo<Id> {
  return info;
}
