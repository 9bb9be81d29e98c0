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
 * with another key is a miss, so a stale entry is never served; the least recently used go first.
 */
export class FeedCache {
  private readonly entries = new Map<string, { version: string; feed: RenderedFeed }>();

  constructor(private readonly maxEntries = 5_000) {}

  get(feed: string, version: string): RenderedFeed | undefined {
    const entry = this.entries.get(feed);
    if (!entry || entry.version !== version) return undefined;
    this.entries.delete(feed);
    this.entries.set(feed, entry);
    return entry.feed;
  }

  set(feed: string, version: string, rendered: RenderedFeed): void {
    this.entries.delete(feed);
    this.entries.set(feed, { version, feed: rendered });
    if (this.entries.size > this.maxEntries) this.entries.delete(this.entries.keys().next().value as string);
  }

  clear(): void {
    this.entries.clear();
  }

  get size(): number {
    return this.entries.size;
  }
}
