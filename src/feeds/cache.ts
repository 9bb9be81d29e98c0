/** A rendered feed as it goes out: the bytes and the validators that belong to exactly these bytes. */
export interface RenderedFeed {
  body: Buffer;
  /** Strong ETag, quoted: a hash of the body. */
  etag: string;
  /** HTTP date of the feed's last change. */
  lastModified: string;
  /** Whole seconds since the epoch of the same instant, for If-Modified-Since. */
  lastModifiedSeconds: number;
}

/**
 * Rendered feeds by feed, each valid for one version key (what the feed was rendered from). A lookup
 * with another key is a miss, so a stale entry is never served. Bounded by bytes, not entries (a feed is
 * 10 to 100 KB); the least recently used go first.
 */
export class FeedCache {
  private readonly entries = new Map<string, { version: string; feed: RenderedFeed }>();
  private bytes = 0;
  /** Lookups answered from the cache, and lookups that had to render (for /metrics). */
  hits = 0;
  misses = 0;

  constructor(private readonly maxBytes = 64 * 1024 * 1024) {}

  get(feed: string, version: string): RenderedFeed | undefined {
    const entry = this.entries.get(feed);
    if (!entry || entry.version !== version) {
      this.misses++;
      return undefined;
    }
    this.hits++;
    this.entries.delete(feed);
    this.entries.set(feed, entry);
    return entry.feed;
  }

  set(feed: string, version: string, rendered: RenderedFeed): void {
    this.delete(feed);
    this.entries.set(feed, { version, feed: rendered });
    this.bytes += rendered.body.length;
    for (const oldest of this.entries.keys()) {
      if (this.bytes <= this.maxBytes || oldest === feed) break;
      this.delete(oldest);
    }
  }

  clear(): void {
    this.entries.clear();
    this.bytes = 0;
  }

  get size(): number {
    return this.entries.size;
  }

  get sizeBytes(): number {
    return this.bytes;
  }

  private delete(feed: string): void {
    const entry = this.entries.get(feed);
    if (!entry) return;
    this.bytes -= entry.feed.body.length;
    this.entries.delete(feed);
  }
}
