// One kind of file, described once: what every layer shows of it (label, icon, example name, the globs that wake the
// extension; see protocol/fileKinds/fileKindInfo.ts), and what the engine asks of it (how it is recognised, how it is
// parsed, what structure its tool accepts, where it sits in a repository). The editor-facing part is copied into
// protocol/ and package.json by `npm run generate:kinds`; rules say which kinds they check (rules/rule.ts).
import type { FileKind, FileKindInfo } from '../../../../protocol/fileKinds/index';
import type { LineIndex } from '../../../../shared/lineIndex';
import type { Schema } from '../schema/schema';
import { parseYaml, type ParsedYaml, type ParseUse } from '../yaml/parsedYaml';
import { YAML_PARSE_OPTIONS, type YamlParseOptions } from '../yaml/yamlParseOptions';

/** What every parsed form gives the check runner: the text, and its lines for positions and suppression comments. */
export interface ParsedText {
  readonly text: string;
  readonly lines: LineIndex;
}

/**
 * `Id` is the kind's own literal id: a descriptor does not depend on the generated FileKind, so a new kind compiles
 * before `npm run generate:kinds` has listed it (the list in index.ts is where the two must agree).
 */
export interface Kind<Parsed extends ParsedText, Id extends string = FileKind> extends FileKindInfo<Id> {
  /** Decides by the path alone (`/` separators; `name` is its last segment): cheap, asked of every file a walk meets. */
  readonly byPath?: (path: string, name: string) => boolean;
  /** For a YAML file no path decided: decides by its first 8 KB (a Kubernetes manifest has no fixed name). */
  readonly byContent?: (head: string) => boolean;
  /** For a YAML file neither path nor content decided: decides by the repository around it, read from disk. */
  readonly byRepository?: (path: string) => boolean;
  /** Files this one pulls in that are of this kind whatever their names (absolute paths), found with it in a walk. */
  readonly includes?: (path: string) => readonly string[];
  /** One parse per text, shared by every rule: `use` says whether the text is being edited (see parseYaml). */
  readonly parse: (text: string, use?: ParseUse) => Parsed;
  /** Where such a file sits in a repository at /repo (`name` tells several apart): fixtures are checked as if there. */
  readonly examplePath: (name: string) => string;
}

export interface YamlKind<Id extends string = FileKind> extends Kind<ParsedYaml, Id> {
  /** The structure its tool accepts: the schema rules check it, hover and completion read it. */
  readonly schema?: Schema;
}

/** A kind whose files are YAML, parsed with the common options or with those of its own dialect. */
export function yamlKind<const Id extends string>(
  spec: Omit<YamlKind<Id>, 'parse'> & { readonly yamlOptions?: YamlParseOptions },
): YamlKind<Id> {
  const { yamlOptions = YAML_PARSE_OPTIONS, ...kind } = spec;
  return { ...kind, parse: (text, use) => parseYaml(text, yamlOptions, use) };
}
