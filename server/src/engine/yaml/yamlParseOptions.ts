// The one set of `yaml` options every parse uses, whole-file or by segments, so both paths read a text the same way.
import type { DocumentOptions, ParseOptions, SchemaOptions } from 'yaml';

export const YAML_PARSE_OPTIONS: ParseOptions & DocumentOptions & SchemaOptions = {
  prettyErrors: false,
  // Duplicate keys are errors for GitHub, GitLab, DVC and MLflow alike.
  uniqueKeys: true,
  keepSourceTokens: false,
};
