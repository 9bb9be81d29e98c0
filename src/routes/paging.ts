import type { FastifyReply, FastifyRequest } from 'fastify';
import { invalidInput } from '../problems.js';
import type { AnswerCache, CachedAnswer } from '../plugins/app/answer-cache.js';

/**
 * Cursors of the paged lists: opaque to clients, base64url of the query they belong to (`scope`: the filters,
 * so a cursor used with other filters is a 400, not a page of something else) and the position of the last item
 * of the page before (its sort key). Keyset paging: a page is stable while items are added or removed elsewhere.
 */
export function encodeCursor(scope: string, position: readonly string[]): string {
  return Buffer.from(JSON.stringify([scope, ...position]), 'utf8').toString('base64url');
}

/** The position a cursor continues after, or undefined without one; a cursor of another query is a 400. */
export function decodeCursor(cursor: string | undefined, scope: string, length: number): string[] | undefined {
  if (cursor === undefined) return undefined;
  let decoded: unknown;
  try {
    decoded = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    decoded = undefined;
  }
  const valid =
    Array.isArray(decoded) &&
    decoded.length === length + 1 &&
    decoded.every((part) => typeof part === 'string') &&
    decoded[0] === scope;
  if (!valid)
    throw invalidInput([
      { field: 'cursor', in: 'querystring', message: 'belongs to another query; start again without it' },
    ]);
  return (decoded as string[]).slice(1);
}

/** Sends `Link: <this address with cursor=next>; rel="next"` (RFC 8288) when there is a next page. */
export function linkToNext(
  request: FastifyRequest,
  reply: FastifyReply,
  next: string | null,
  defaults: Record<string, string> = {},
): void {
  if (next === null) return;
  const [path, query = ''] = request.url.split('?') as [string, string?];
  const params = new URLSearchParams(query);
  params.delete('offset');
  for (const [name, value] of Object.entries(defaults)) params.set(name, value);
  params.set('cursor', next);
  reply.header('link', `<${path}?${params.toString()}>; rel="next"`);
}

/**
 * One page of a list held in memory, sorted by `keyOf` (unique per item): the items after `after`, at most
 * `limit`, and the position of the last when more follow. For lists that are short by nature (a provider's
 * events, the API keys); long ones page in SQL.
 */
export function pageOf<T>(
  items: readonly T[],
  keyOf: (item: T) => string[],
  limit: number,
  after: string[] | undefined,
): { page: T[]; last: string[] | null } {
  const compare = (a: string[], b: string[]) => {
    for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return (a[i] as string) < (b[i] as string) ? -1 : 1;
    return 0;
  };
  const rest = after === undefined ? items : items.filter((item) => compare(keyOf(item), after) > 0);
  const page = rest.slice(0, limit);
  const lastItem = page.at(-1);
  return { page, last: rest.length > limit && lastItem !== undefined ? keyOf(lastItem) : null };
}

/** The `next` cursor of each cached page, kept with its answer: a hit does not parse the body again to find it. */
const nextOfPage = new WeakMap<CachedAnswer, string | null>();

/**
 * A page of a list answered from the answer cache: its bytes and its `next` cursor (for the Link header), which a
 * cached answer carries in its body. `build` serialises the page and says its cursor.
 */
export function cachedPage(
  cache: AnswerCache,
  key: string,
  version: string,
  build: () => { body: string; next: string | null },
): { answer: CachedAnswer; next: string | null } {
  let built: string | null | undefined;
  const answer = cache.answer(key, version, 'application/json; charset=utf-8', () => {
    const page = build();
    built = page.next;
    return page.body;
  });
  if (built !== undefined) nextOfPage.set(answer, built);
  let next = nextOfPage.get(answer);
  // An answer cached without its cursor (by another caller of the cache): read from its body, then kept.
  if (next === undefined) {
    next = (JSON.parse(answer.body.toString('utf8')) as { next: string | null }).next;
    nextOfPage.set(answer, next);
  }
  return { answer, next };
}
