import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { ApiKeyStore } from '../../store/api-keys.js';
import { EventStore } from '../../store/events.js';
import { IdempotencyStore } from '../../store/idempotency.js';
import { OwnDateStore } from '../../store/own-dates.js';
import { NewContactLedger } from '../../store/new-contacts.js';
import { ProviderStore } from '../../store/providers.js';

export interface Store {
  apiKeys: ApiKeyStore;
  providers: ProviderStore;
  events: EventStore;
  idempotency: IdempotencyStore;
  ownDates: OwnDateStore;
}

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
  const repositories: Store = {
    apiKeys: new ApiKeyStore(fastify.db),
    providers: new ProviderStore(fastify.db, {
      newContacts: new NewContactLedger(fastify.db, opts.newContactsPerKeyPerDay ?? 0),
    }),
    events: new EventStore(fastify.db),
    idempotency: new IdempotencyStore(fastify.db),
    ownDates: new OwnDateStore(fastify.db),
  };
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
