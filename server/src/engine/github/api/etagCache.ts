// Conditional requests: the last ETag and body per URL. GitHub answers an If-None-Match that still matches with 304, which
// costs no rate limit, and the cached body stands in for the reply.

export interface CachedReply {
  readonly etag: string;
  readonly data: unknown;
  /** The Link header of the cached page, so pagination continues from a 304 too. */
  readonly link: string | undefined;
}

export class EtagCache {
  private readonly entries = new Map<string, CachedReply>();

  constructor(private readonly maxEntries = 500) {}

  get(key: string): CachedReply | undefined {
    return this.entries.get(key);
  }

  set(key: string, reply: CachedReply): void {
    // Oldest first out: a watcher touches the same few URLs, so anything pushed out is no longer being watched.
    this.entries.delete(key);
    this.entries.set(key, reply);
    if (this.entries.size > this.maxEntries) {
      const oldest = this.entries.keys().next();
      if (oldest.done !== true) this.entries.delete(oldest.value);
    }
  }

  clear(): void {
    this.entries.clear();
  }
}
