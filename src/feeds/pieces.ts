/**
 * Rendered parts of feeds (a VEVENT's folded text, a calendar header), each under a key that is a hash of
 * everything the text shows, so an entry is never stale: changed content has another key. Bounded by
 * characters; the least recently used go first. A budget of 0 keeps nothing.
 */
export class RenderedPieces {
  private readonly entries = new Map<string, string>();
  private chars = 0;

  constructor(private readonly maxChars = 8 * 1024 * 1024) {}

  get(key: string): string | undefined {
    const text = this.entries.get(key);
    if (text !== undefined) {
      this.entries.delete(key);
      this.entries.set(key, text);
    }
    return text;
  }

  set(key: string, text: string): void {
    this.delete(key);
    if (text.length > this.maxChars) return;
    this.entries.set(key, text);
    this.chars += text.length;
    for (const oldest of this.entries.keys()) {
      if (this.chars <= this.maxChars) break;
      this.delete(oldest);
    }
  }

  clear(): void {
    this.entries.clear();
    this.chars = 0;
  }

  get size(): number {
    return this.entries.size;
  }

  get sizeChars(): number {
    return this.chars;
  }

  private delete(key: string): void {
    const text = this.entries.get(key);
    if (text === undefined) return;
    this.chars -= text.length;
    this.entries.delete(key);
  }
}
