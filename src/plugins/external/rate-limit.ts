import rateLimit from '@fastify/rate-limit';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';

/** Per-client request limit per minute on the routes registered after it in the same scope; 0 turns it off. */
async function requestRateLimit(fastify: FastifyInstance, opts: { perMinute: number }): Promise<void> {
  if (opts.perMinute === 0) return;
  await fastify.register(rateLimit, { max: opts.perMinute, timeWindow: '1 minute' });
}

export default fp(requestRateLimit, { name: 'rate-limit' });
