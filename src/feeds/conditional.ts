import type { RenderedFeed } from './cache.js';

/**
 * RFC 9110 conditional GET: If-None-Match wins when present (weak comparison, `*`, lists);
 * otherwise If-Modified-Since against the feed's last change, to the second.
 */
export function isNotModified(
  feed: RenderedFeed,
  ifNoneMatch: string | undefined,
  ifModifiedSince: string | undefined,
): boolean {
  if (ifNoneMatch !== undefined) {
    const opaque = feed.etag.replace(/^W\//, '');
    return ifNoneMatch.split(',').some((tag) => {
      const candidate = tag.trim();
      return candidate === '*' || candidate.replace(/^W\//, '') === opaque;
    });
  }
  if (ifModifiedSince !== undefined) {
    const since = Date.parse(ifModifiedSince);
    return !Number.isNaN(since) && feed.lastModifiedSeconds <= Math.floor(since / 1000);
  }
  return false;
}
