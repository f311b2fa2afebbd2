// The options every parse uses, whole-file or by segments, so both paths read a text the same way. A kind with a
// dialect of its own extends them (GitLab's `!reference` tag: kinds/gitlabCi.ts).
import type { DocumentOptions, ParseOptions, SchemaOptions } from 'yaml';

export type YamlParseOptions = ParseOptions & DocumentOptions & SchemaOptions;

/** One object per dialect, so that callers may key caches on the options themselves. */
export const YAML_PARSE_OPTIONS: YamlParseOptions = {
  prettyErrors: false,
  // Duplicate keys are errors for GitHub, GitLab, DVC and MLflow alike; parseDocuments.ts finds them in linear time
  // instead of the library's pairwise comparison.
  uniqueKeys: false,
  keepSourceTokens: false,
};
