import { createHash } from 'node:crypto';

/**
 * Validators of the API's representations (RFC 9110): the strong ETag of exactly these bytes and the two
 * conditions clients send with it. The answer cache (`answer-cache.ts`), the conditional reads of answers built
 * per request (`conditional-reads.ts`) and If-Match on changes (`preconditions.ts`) all compare with these.
 */

/** A strong ETag of exactly these bytes, quoted: what every read of the API answers with. */
export function etagOf(body: string | Buffer): string {
  return `"${createHash('sha256').update(body).digest('base64url').slice(0, 32)}"`;
}

/** RFC 9110 If-None-Match (weak comparison, `*`, lists) against the answer's ETag. */
export function ifNoneMatchHolds(ifNoneMatch: string | undefined, etag: string): boolean {
  if (ifNoneMatch === undefined) return false;
  return ifNoneMatch.split(',').some((tag) => {
    const candidate = tag.trim();
    return candidate === '*' || candidate.replace(/^W\//, '') === etag;
  });
}

/** RFC 9110 If-Match: strong comparison (a weak tag never matches), `*` for any current representation. */
export function ifMatchHolds(ifMatch: string | undefined, etag: string): boolean {
  if (ifMatch === undefined) return true;
  return ifMatch.split(',').some((tag) => {
    const candidate = tag.trim();
    return candidate === '*' || candidate === etag;
  });
}
