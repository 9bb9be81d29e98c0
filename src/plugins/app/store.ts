import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { createStores, type Stores } from '../../store/index.js';

/** The service's repositories: the one set made by src/store/index.ts, shared by routes, pages and workers. */
export type Store = Stores;

declare module 'fastify' {
  interface FastifyInstance {
    store: Store;
  }
}

/** The repositories over the database; ensures the bootstrap admin key from ADMIN_API_KEY. */
async function store(
  fastify: FastifyInstance,
  opts: { adminApiKey?: string; newContactsPerKeyPerDay?: number },
): Promise<void> {
  const repositories = createStores(fastify.db, { newContactsPerKeyPerDay: opts.newContactsPerKeyPerDay });
  // Each made now, as before: a database missing a table fails the start, not a request.
  Object.values(repositories);
  if (opts.adminApiKey) {
    const { apiKey, created } = repositories.apiKeys.ensureAdmin(opts.adminApiKey);
    fastify.log.info(
      { keyId: apiKey.id },
      created ? 'admin key from ADMIN_API_KEY created' : 'admin key from ADMIN_API_KEY is active',
    );
  }
  fastify.decorate('store', repositories);
}

export default fp(store, { name: 'store', dependencies: ['sqlite'] });
