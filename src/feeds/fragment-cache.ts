import { LRUCache } from 'lru-cache';

/**
 * Rendered fragments of feeds (a VEVENT's folded text, a calendar header), each under a key that is a hash of
 * everything the text shows, so an entry is never stale: changed content has another key. Bounded by
 * characters; the least recently used go first (lru-cache, as the answer cache). A budget of 0 keeps nothing.
 */
export class FragmentCache {
  private readonly entries: LRUCache<string, string> | undefined;

  constructor(maxChars = 8 * 1024 * 1024) {
    this.entries =
      maxChars > 0
        ? new LRUCache({ maxSize: maxChars, sizeCalculation: (text) => Math.max(1, text.length) })
        : undefined;
  }

  get(key: string): string | undefined {
    return this.entries?.get(key);
  }

  set(key: string, text: string): void {
    this.entries?.set(key, text); // one larger than the whole budget is not kept
  }

  clear(): void {
    this.entries?.clear();
  }

  get size(): number {
    return this.entries?.size ?? 0;
  }

  get sizeChars(): number {
    return this.entries?.calculatedSize ?? 0;
  }
}
