// The answer cache (`fastify.answerCache`): serialised read answers of the API and the pages by what was asked, and
// sending one with its ETag (the validators themselves are `etags.ts`).
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { LRUCache } from 'lru-cache';
import type { CalendarSet } from '../../domain/calendar-set.js';
import type { IsoDate } from '../../domain/types.js';
import { etagOf, ifNoneMatchHolds } from './etags.js';

declare module 'fastify' {
  interface FastifyInstance {
    /** The answer cache: serialised read answers, each kept with the version it was built from. */
    answerCache: AnswerCache;
  }
}

/** An answer as it goes out: the bytes, their type and a strong ETag of exactly these bytes. */
export interface CachedAnswer {
  body: Buffer;
  contentType: string;
  /** Quoted: a hash of the body. */
  etag: string;
}

/** Bytes besides the body an entry costs (key, version, objects), so many small answers are bounded too. */
const ENTRY_OVERHEAD_BYTES = 512;

/**
 * Read answers by what was asked (route, provider, query), each valid for one version: what the answer was
 * built from (the provider's feed counter, today, the calendar set). A lookup with another version is a
 * miss, so a stale answer is never served; the caller reads the version fresh on every request. Bounded by
 * bytes, least recently used first.
 */
export class AnswerCache {
  private readonly entries: LRUCache<string, { version: string; answer: CachedAnswer }>;
  /** Lookups answered from the cache, and lookups that had to build the answer (for /metrics). */
  hits = 0;
  misses = 0;

  constructor(maxBytes = 16 * 1024 * 1024) {
    this.entries = new LRUCache({
      maxSize: maxBytes,
      sizeCalculation: (entry) => entry.answer.body.length + ENTRY_OVERHEAD_BYTES,
    });
  }

  /** Drops every answer and zeroes the figures (after the start-up warm-up: its answers are of rows rolled back). */
  clear(): void {
    this.entries.clear();
    this.hits = 0;
    this.misses = 0;
  }

  get(key: string, version: string): CachedAnswer | undefined {
    const entry = this.entries.get(key);
    if (entry === undefined || entry.version !== version) {
      this.misses++;
      return undefined;
    }
    this.hits++;
    return entry.answer;
  }

  /** Keeps `body` as the answer to `key` at `version`, replacing any older one. */
  set(key: string, version: string, body: string | Buffer, contentType: string): CachedAnswer {
    const bytes = typeof body === 'string' ? Buffer.from(body, 'utf8') : body;
    const answer = { body: bytes, contentType, etag: etagOf(bytes) };
    this.entries.set(key, { version, answer });
    return answer;
  }

  /** The cached answer to `key` at `version`, or the one `build` makes now (then kept). */
  answer(key: string, version: string, contentType: string, build: () => string | Buffer): CachedAnswer {
    return this.get(key, version) ?? this.set(key, version, build(), contentType);
  }

  get size(): number {
    return this.entries.size;
  }

  get sizeBytes(): number {
    return this.entries.calculatedSize;
  }
}

const calendarSetIds = new WeakMap<CalendarSet, number>();
let nextCalendarSetId = 1;

/**
 * What a provider's timeline is computed from: the provider's version (`ProviderStore.versionOf`, or the feed
 * counter the triggers of migration 003 move on every write to the provider, its contracts and events), today
 * in Amsterdam, and the calendar set (a replaced set gets a new id).
 */
export function timelineVersion(providerVersion: string | number, today: IsoDate, calendars: CalendarSet): string {
  let id = calendarSetIds.get(calendars);
  if (id === undefined) calendarSetIds.set(calendars, (id = nextCalendarSetId++));
  return `${providerVersion}|${today}|${id}`;
}

/** The answer's bytes with its ETag, unconditionally (the answer to a change, as a read would now give it). */
export function sendAnswerBytes(reply: FastifyReply, answer: CachedAnswer): FastifyReply {
  return reply.header('etag', answer.etag).header('content-type', answer.contentType).send(answer.body);
}

/** The answer's bytes with its ETag, or 304 when the client's copy is still this one. */
export function sendAnswer(request: FastifyRequest, reply: FastifyReply, answer: CachedAnswer): FastifyReply {
  reply.header('etag', answer.etag).header('content-type', answer.contentType);
  if (ifNoneMatchHolds(request.headers['if-none-match'], answer.etag)) return reply.code(304).send();
  return reply.send(answer.body);
}

/** The answer cache with its figures on /metrics. */
async function answerCache(fastify: FastifyInstance, opts: { maxBytes?: number }): Promise<void> {
  const cache = new AnswerCache(opts.maxBytes);
  fastify.decorate('answerCache', cache);
  fastify.metrics.counterFrom(
    'answer_cache_lookups_total',
    'API and page reads answered from the cache (hit) or built (miss), since start.',
    () => [
      { labels: { result: 'hit' }, value: cache.hits },
      { labels: { result: 'miss' }, value: cache.misses },
    ],
  );
  fastify.metrics.gauge(
    'answer_cache_bytes',
    'Bytes of serialised API and page answers held in the cache.',
    () => cache.sizeBytes,
  );
}

export default fp(answerCache, { name: 'answer-cache', dependencies: ['metrics'] });
