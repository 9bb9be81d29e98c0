import cors from '@fastify/cors';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';

/**
 * Browser clients from the configured origins only (CORS_ORIGINS); with none, no CORS headers at all.
 * @fastify/cors: preflights, Vary and the header lists done by the maintained plugin instead of by hand.
 */
async function allowedOrigins(fastify: FastifyInstance, opts: { origins: string[] }): Promise<void> {
  if (opts.origins.length === 0) return;
  await fastify.register(cors, {
    origin: opts.origins,
    methods: ['GET', 'HEAD', 'POST', 'PATCH', 'DELETE'],
    allowedHeaders: [
      'authorization',
      'content-type',
      'if-none-match',
      'if-modified-since',
      'if-match',
      'idempotency-key',
    ],
    exposedHeaders: [
      'location',
      'etag',
      'link',
      'last-modified',
      'retry-after',
      'ratelimit',
      'ratelimit-policy',
      'x-request-id',
    ],
    maxAge: 600,
  });
}

export default fp(allowedOrigins, { name: 'cors' });
