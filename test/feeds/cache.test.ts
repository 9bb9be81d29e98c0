import { describe, expect, it } from 'vitest';
import { FeedCache, type RenderedFeed } from '../../src/feeds/cache.js';
import { isNotModified } from '../../src/feeds/conditional.js';
import { FragmentCache } from '../../src/feeds/fragment-cache.js';

const feed = (bytes: number, etag = '"a"'): RenderedFeed => ({
  body: Buffer.alloc(bytes),
  etag,
  lastModified: 'Mon, 23 Nov 2026 10:00:00 GMT',
  lastModifiedSeconds: Date.parse('2026-11-23T10:00:00Z') / 1000,
});

describe('FeedCache', () => {
  it('serves an entry only for the version it was rendered from', () => {
    const cache = new FeedCache();
    const rendered = feed(10);
    cache.set('provider/1', 'v1|2026-06-01|1', rendered);
    expect(cache.get('provider/1', 'v1|2026-06-01|1')).toBe(rendered);
    expect(cache.get('provider/1', 'v2|2026-06-01|1')).toBeUndefined();
    expect(cache.get('provider/1', 'v1|2026-06-02|1')).toBeUndefined();
    expect(cache.get('provider/2', 'v1|2026-06-01|1')).toBeUndefined();
  });

  it('keeps within its byte budget by dropping the least recently used', () => {
    const cache = new FeedCache(250);
    cache.set('a', 'v', feed(100));
    cache.set('b', 'v', feed(100));
    cache.get('a', 'v');
    cache.set('c', 'v', feed(100));
    expect(cache.get('b', 'v')).toBeUndefined();
    expect(cache.get('a', 'v')).toBeDefined();
    expect(cache.get('c', 'v')).toBeDefined();
    cache.set('a', 'w', feed(100));
    expect(cache.size).toBe(2);
    cache.set('huge', 'v', feed(1000));
    expect(cache.get('huge', 'v')).toBeDefined();
    expect(cache.size).toBe(1);
  });
});

describe('FragmentCache', () => {
  it('keeps within its character budget by dropping the least recently used, and keeps nothing with a budget of 0', () => {
    const fragments = new FragmentCache(25);
    fragments.set('a', 'x'.repeat(10));
    fragments.set('b', 'y'.repeat(10));
    expect(fragments.get('a')).toBe('x'.repeat(10));
    fragments.set('c', 'z'.repeat(10));
    expect(fragments.get('b')).toBeUndefined();
    expect([fragments.get('a'), fragments.get('c')]).toEqual(['x'.repeat(10), 'z'.repeat(10)]);
    fragments.set('a', 'w');
    expect([fragments.size, fragments.sizeChars]).toEqual([2, 11]);
    fragments.set('huge', 'h'.repeat(26));
    expect(fragments.get('huge')).toBeUndefined();
    expect(fragments.sizeChars).toBe(11);
    const none = new FragmentCache(0);
    none.set('a', 'x');
    expect([none.get('a'), none.size]).toEqual([undefined, 0]);
  });
});

describe('isNotModified', () => {
  const rendered = feed(1, '"abc"');
  it.each([
    [{ inm: '"abc"' }, true],
    [{ inm: 'W/"abc"' }, true],
    [{ inm: '"x", "abc"' }, true],
    [{ inm: '*' }, true],
    [{ inm: '"abcd"' }, false],
    [{ ims: 'Mon, 23 Nov 2026 10:00:00 GMT' }, true],
    [{ ims: 'Mon, 23 Nov 2026 09:59:59 GMT' }, false],
    [{ ims: 'gisteren' }, false],
    [{ inm: '"x"', ims: 'Mon, 23 Nov 2026 11:00:00 GMT' }, false],
    [{}, false],
  ])('%j → %s', (headers: { inm?: string; ims?: string }, expected) => {
    expect(isNotModified(rendered, headers.inm, headers.ims)).toBe(expected);
  });
});
