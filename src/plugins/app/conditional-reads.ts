import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { etagOf, ifNoneMatchHolds } from './etags.js';

/** A read whose answer the client may already hold: it sent `If-None-Match`. */
export function isConditionalRead(request: FastifyRequest): boolean {
  return (request.method === 'GET' || request.method === 'HEAD') && request.headers['if-none-match'] !== undefined;
}

/**
 * Every successful read of the scope answers with a strong ETag of its bytes, and with 304 when `If-None-Match`
 * still matches: lists, calendars and single resources alike, without each route hashing its own answer. A route
 * that set its ETag already (from the answer cache, or a representation) keeps it, and is compared by it.
 */
export function etagEveryRead(request: FastifyRequest, reply: FastifyReply, payload: unknown): unknown {
  if (request.method !== 'GET' && request.method !== 'HEAD') return payload;
  if (reply.statusCode !== 200) return payload;
  let etag = reply.getHeader('etag');
  if (typeof etag !== 'string') {
    if (typeof payload !== 'string' && !Buffer.isBuffer(payload)) return payload;
    etag = etagOf(payload);
    reply.header('etag', etag);
  }
  if (!ifNoneMatchHolds(request.headers['if-none-match'], etag)) return payload;
  reply.code(304);
  return null;
}

async function conditionalReads(fastify: FastifyInstance): Promise<void> {
  fastify.addHook('onSend', async (request, reply, payload) => etagEveryRead(request, reply, payload));
}

export default fp(conditionalReads, { name: 'conditional-reads' });
