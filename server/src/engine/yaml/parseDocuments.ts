// The one call into the `yaml` library's parser for pipeline files, whole or by segments: its documents, with the
// duplicate-key errors its own check would have given (see duplicateKeys.ts for why that check is ours).
import { parseAllDocuments, type Document } from 'yaml';
import { addDuplicateKeyErrors } from './duplicateKeys';
import type { YamlParseOptions } from './yamlParseOptions';

export function parseDocuments(text: string, options: YamlParseOptions): Document.Parsed[] {
  const parsed = parseAllDocuments(text, options);
  // An empty stream (no documents at all) comes back as a non-array value.
  const docs = Array.isArray(parsed) ? parsed : [];
  for (const doc of docs) addDuplicateKeyErrors(doc);
  return docs;
}
