import rateLimit from '@fastify/rate-limit';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { presentedKey } from '../app/auth.js';

/**
 * Requests per minute on every route of the scope it is registered in; 0 turns it off. The budget belongs to the
 * caller: a live API key has its own (a vendor serving many practices from one server address does not share one
 * per-address budget), a request without a live key counts against its client address (wrong keys included, so
 * keys cannot be guessed at speed). A scope-level hook (not the plugin's per-route one) so it runs before
 * authentication. Answers carry RateLimit headers (IETF draft) and, when limited, Retry-After.
 */
async function requestRateLimit(fastify: FastifyInstance, opts: { perMinute: number }): Promise<void> {
  if (opts.perMinute === 0) return;
  const caller = (request: FastifyRequest): string => {
    const apiKey = presentedKey(fastify.store.apiKeys, request)?.apiKey;
    return apiKey ? `key:${apiKey.id}` : `address:${request.ip}`;
  };
  await fastify.register(rateLimit, { global: false, enableDraftSpec: true });
  fastify.addHook(
    'onRequest',
    fastify.rateLimit({ max: opts.perMinute, timeWindow: '1 minute', keyGenerator: caller }),
  );
  // The draft's combined field beside the separate ones @fastify/rate-limit sends, for clients that read either.
  fastify.addHook('onSend', async (_request, reply) => {
    const limit = reply.getHeader('ratelimit-limit');
    if (limit === undefined) return;
    reply.header(
      'ratelimit',
      `limit=${limit}, remaining=${reply.getHeader('ratelimit-remaining')}, reset=${reply.getHeader('ratelimit-reset')}`,
    );
    reply.header('ratelimit-policy', `${limit};w=60`);
  });
}

export default fp(requestRateLimit, { name: 'rate-limit', dependencies: ['store'] });
