// YAML parsed with source positions. Every file kind goes through here once per text; rules share the result.
import { parseAllDocuments, type Document } from 'yaml';
import { LineIndex } from '../text/lineIndex';

export interface ParsedYaml {
  readonly text: string;
  readonly lines: LineIndex;
  /** Usually one; Kubernetes-style files may hold several separated by `---`. */
  readonly documents: readonly Document.Parsed[];
}

export function parseYaml(text: string): ParsedYaml {
  const parsed = parseAllDocuments(text, {
    prettyErrors: false,
    // Duplicate keys are errors for GitHub, GitLab, DVC and MLflow alike.
    uniqueKeys: true,
    keepSourceTokens: false,
  });
  // An empty stream (no documents at all) comes back as a non-array value.
  const documents = Array.isArray(parsed) ? parsed : [];
  return { text, lines: new LineIndex(text), documents };
}

/**
 * Documents that parsed without errors. Structural rules read only these: after a syntax error the parser's recovery can
 * move keys to the wrong level, and reporting on that guess would be a false positive on top of the real error.
 */
export function cleanDocuments(yaml: ParsedYaml): readonly Document.Parsed[] {
  return yaml.documents.filter((d) => d.errors.length === 0);
}
