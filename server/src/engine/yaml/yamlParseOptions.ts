// The options every parse of a file kind uses, whole-file or by segments, so both paths read a text the same way.
import type { CollectionTag, DocumentOptions, ParseOptions, SchemaOptions } from 'yaml';
import type { FileKind } from '../kinds';

export type YamlParseOptions = ParseOptions & DocumentOptions & SchemaOptions;

const COMMON: YamlParseOptions = {
  prettyErrors: false,
  // Duplicate keys are errors for GitHub, GitLab, DVC and MLflow alike; parseDocuments.ts finds them in linear time
  // instead of the library's pairwise comparison.
  uniqueKeys: false,
  keepSourceTokens: false,
};

/**
 * GitLab's `!reference [job, key, ...]`: a sequence GitLab resolves itself when it loads the file. Registered so that the
 * parser keeps it as a sequence node tagged `!reference` instead of warning about an unknown tag; on anything but a
 * sequence the parser still warns, as GitLab rejects that too.
 */
const GITLAB_REFERENCE: CollectionTag = {
  tag: '!reference',
  collection: 'seq',
  default: false,
  resolve: (seq) => seq,
};

const GITLAB: YamlParseOptions = { ...COMMON, customTags: [GITLAB_REFERENCE] };

/** One object per dialect, so that callers may key caches on the options themselves. */
export function yamlParseOptions(kind: FileKind | undefined): YamlParseOptions {
  return kind === 'gitlab-ci' ? GITLAB : COMMON;
}
