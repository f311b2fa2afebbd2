// Parses of exact texts, most recently used kept, bounded by the total length of the texts. The key is the whole text
// given to the parser, so a hit returns what parsing that text returns; nothing else (path, time) decides a hit.
import type { Document } from 'yaml';

export class SegmentCache {
  private readonly entries = new Map<string, Document.Parsed | null>();
  private chars = 0;

  constructor(private readonly maxChars: number) {}

  get(text: string): Document.Parsed | null | undefined {
    const hit = this.entries.get(text);
    if (hit !== undefined) {
      // Map keeps insertion order: re-inserting marks the entry as most recently used.
      this.entries.delete(text);
      this.entries.set(text, hit);
    }
    return hit;
  }

  set(text: string, parsed: Document.Parsed | null): void {
    if (text.length > this.maxChars) return;
    if (!this.entries.has(text)) this.chars += text.length;
    this.entries.set(text, parsed);
    for (const oldest of this.entries.keys()) {
      if (this.chars <= this.maxChars) break;
      this.entries.delete(oldest);
      this.chars -= oldest.length;
    }
  }

  get size(): number {
    return this.entries.size;
  }
}
