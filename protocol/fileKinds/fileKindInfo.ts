// What every layer knows of one kind of file (the server, the client, the webview, package.json): its name for people,
// its icon, how its files are named. Each kind's descriptor in server/src/engine/kinds/ sets these fields beside its
// detection and schema; scripts/generateFileKinds.mjs copies them (the fields listed there as INFO_FIELDS) into
// fileKinds.generated.ts and package.json.

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
   * Workspace globs naming its files: the extension activates when the workspace holds one (generated into
   * package.json's `activationEvents`, `workspaceContains:`). Empty for a kind known by content only, or whose files
   * matter only beside other pipeline files.
   */
  readonly globs: readonly string[];
  /**
   * Its files are YAML without a YAML extension (`MLmodel`): package.json tells VS Code they are YAML (`languages`,
   * `filenames`: the globs' last segment) and the language client selects them by the globs as well as by language.
   */
  readonly yamlWithoutExtension?: true;
}
