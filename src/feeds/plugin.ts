import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { FeedService } from './service.js';

declare module 'fastify' {
  interface FastifyInstance {
    /** Rendered iCal feeds with their cache. */
    feeds: FeedService;
  }
}

/** The feed service over the database, the calendars and the service's clock. */
async function feeds(fastify: FastifyInstance, opts: { publicBaseUrl: string }): Promise<void> {
  const service = new FeedService({
    db: fastify.db,
    providers: fastify.store.providers,
    events: fastify.store.events,
    ownDates: fastify.store.ownDates,
    feedStates: fastify.store.feedStates,
    calendars: () => fastify.calendars,
    today: () => fastify.today(),
    publicBaseUrl: opts.publicBaseUrl,
  });
  fastify.decorate('feeds', service);
  const { cache } = service;
  fastify.metrics.counterFrom(
    'feed_cache_lookups_total',
    'Feed requests answered from the cache (hit) or rendered (miss), since start.',
    () => [
      { labels: { result: 'hit' }, value: cache.hits },
      { labels: { result: 'miss' }, value: cache.misses },
    ],
  );
  fastify.metrics.gauge('feed_cache_bytes', 'Bytes of rendered feeds held in the cache.', () => cache.sizeBytes);
}

export default fp(feeds, { name: 'feeds', dependencies: ['sqlite', 'calendars', 'store', 'metrics'] });
