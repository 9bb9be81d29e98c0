import rateLimit from '@fastify/rate-limit';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';

/**
 * Per-client request limit per minute on every route of the scope it is registered in; 0 turns it off.
 * A scope-level hook (not the plugin's per-route one) so it runs before authentication and counts bad keys too.
 */
async function requestRateLimit(fastify: FastifyInstance, opts: { perMinute: number }): Promise<void> {
  if (opts.perMinute === 0) return;
  await fastify.register(rateLimit, { global: false });
  fastify.addHook('onRequest', fastify.rateLimit({ max: opts.perMinute, timeWindow: '1 minute' }));
}

export default fp(requestRateLimit, { name: 'rate-limit' });
