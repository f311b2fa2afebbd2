// YAML parsed with source positions. Every file kind goes through here once per text; rules share the result.
import type { Document } from 'yaml';
import { LineIndex } from '../../../../shared/lineIndex';
import { parseDocuments } from './parseDocuments';
import { SegmentCache } from './segmentCache';
import { parseSegmented } from './segmentedParse';
import { YAML_PARSE_OPTIONS, type YamlParseOptions } from './yamlParseOptions';

export interface ParsedYaml {
  readonly text: string;
  readonly lines: LineIndex;
  /**
   * Usually one; Kubernetes-style files may hold several separated by `---`. Node comment fields and range[2] are not
   * reliable (large files are parsed by segments, see segmentedParse.ts): read comments from the text.
   */
  readonly documents: readonly Document.Parsed[];
}

/**
 * Below this size a whole-file parse takes about a millisecond and segments would gain little. Above it, a file being
 * edited is parsed by segments and only the changed ones are parsed again.
 */
const SEGMENTED_MIN_CHARS = 8 * 1024;
/**
 * Bounds each segment cache by its segments' text: parsed nodes take about 20 bytes of heap per character (measured: 19 MB
 * for 1 M characters), so 1.5 M characters hold several large files being edited in about 30 MB. A file larger than the
 * cache gains nothing at all (its first segments are evicted before the next version asks for them: a 420 KB workflow
 * took 1.2 s to parse again after a one-line edit with 400 K, 0.2 s with room for it).
 */
const SEGMENT_CACHE_CHARS = 1_500_000;
// Memos of a pure function keyed by its whole input (the exact segment text), one per set of parse options (a GitLab
// file parses `!reference` differently), shared by every caller in the process.
const segmentCaches = new Map<YamlParseOptions, SegmentCache>();

/**
 * How a text is parsed: `edited` for a file being edited (the editor's documents, the default), whose next version
 * shares most segments with this one; `once` for a file read once (the CLI, files on disk), for which cutting and caching
 * segments would cost about 40% more than one whole-file parse and gain nothing.
 */
export type ParseUse = 'edited' | 'once';

/** Parses with the options of the file's dialect (a kind's own: see kinds/parseFile); the common ones by default. */
export function parseYaml(
  text: string,
  options: YamlParseOptions = YAML_PARSE_OPTIONS,
  use: ParseUse = 'edited',
): ParsedYaml {
  const segmented =
    use === 'edited' && text.length >= SEGMENTED_MIN_CHARS
      ? parseSegmented(text, segmentCacheFor(options), options)
      : undefined;
  return { text, lines: new LineIndex(text), documents: segmented ? [segmented] : parseWhole(text, options) };
}

function segmentCacheFor(options: YamlParseOptions): SegmentCache {
  let cache = segmentCaches.get(options);
  if (!cache) segmentCaches.set(options, (cache = new SegmentCache(SEGMENT_CACHE_CHARS)));
  return cache;
}

/** The whole-file parse: the reference every other path must agree with. */
export function parseWhole(text: string, options: YamlParseOptions = YAML_PARSE_OPTIONS): Document.Parsed[] {
  return parseDocuments(text, options);
}

/**
 * Documents that parsed without errors. Structural rules read only these: after a syntax error the parser's recovery can
 * move keys to the wrong level, and reporting on that guess would be a false positive on top of the real error.
 */
export function cleanDocuments(yaml: ParsedYaml): readonly Document.Parsed[] {
  return yaml.documents.filter((d) => d.errors.length === 0);
}

/**
 * Documents whose structure can be read: those without YAML errors, and those whose only errors are repeated keys. A
 * repeated key is reported by the YAML rules and GitHub rejects the file for it, but the parser has read the whole tree
 * (the repeat is one more pair in its mapping), so what else is wrong in the file can still be reported with it, as
 * GitHub's own tools do. Readers of a mapping take the first of two pairs with the same key.
 */
export function readableDocuments(yaml: ParsedYaml): readonly Document.Parsed[] {
  const clean = cleanDocuments(yaml);
  if (clean.length === yaml.documents.length) return clean;
  return yaml.documents.filter((d) => d.errors.every((e) => e.code === 'DUPLICATE_KEY'));
}
