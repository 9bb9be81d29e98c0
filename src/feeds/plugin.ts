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
  fastify.decorate(
    'feeds',
    new FeedService({
      db: fastify.db,
      providers: fastify.store.providers,
      events: fastify.store.events,
      calendars: () => fastify.calendars,
      today: () => fastify.today(),
      publicBaseUrl: opts.publicBaseUrl,
    }),
  );
}

export default fp(feeds, { name: 'feeds', dependencies: ['sqlite', 'calendars', 'store'] });
