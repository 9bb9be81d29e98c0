import rateLimit from '@fastify/rate-limit';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { presentedKey } from '../app/auth.js';
import { isConditionalRead } from '../app/conditional-reads.js';

declare module 'fastify' {
  interface FastifyRequest {
    /** A conditional read whose budget is settled once its answer is known (304s are free). */
    rateLimitDeferred?: boolean;
  }
}

interface Limit {
  isAllowed: boolean;
  max?: number;
  remaining?: number;
  ttlInSeconds?: number;
  isExceeded?: boolean;
}

/**
 * Requests per minute on every route of the scope it is registered in; 0 turns it off. The budget belongs to the
 * caller: a live API key has its own (a vendor serving many practices from one server address does not share one
 * per-address budget), a request without a live key counts against its client address (wrong keys included, so
 * keys cannot be guessed at speed). A scope-level hook (not the plugin's per-route one) so it runs before
 * authentication. Answers carry RateLimit headers (IETF draft) and, when limited, Retry-After.
 *
 * A 304 costs nothing (issue 22): a conditional read (`If-None-Match`) only peeks at the budget when it arrives,
 * and is charged once its answer is known and is not a 304 (then a 429 if over). The library's own manual limiter
 * (`createRateLimit`, with `increment: false` to peek) does exactly this "charge on outcome"; a refund is not in its
 * store's contract, and deciding the 304 before the limiter would repeat every route's read in a hook.
 */
async function requestRateLimit(fastify: FastifyInstance, opts: { perMinute: number }): Promise<void> {
  if (opts.perMinute === 0) return;
  const caller = (request: FastifyRequest): string => {
    const apiKey = presentedKey(fastify.store.apiKeys, request)?.apiKey;
    return apiKey ? `key:${apiKey.id}` : `address:${request.ip}`;
  };
  await fastify.register(rateLimit, { global: false, enableDraftSpec: true });
  // One limiter (one store) for both moments: when a request arrives, and when a conditional read is answered.
  const limiter = fastify.createRateLimit({ max: opts.perMinute, timeWindow: '1 minute', keyGenerator: caller });

  const budgetHeaders = (reply: FastifyReply, limit: Limit) => {
    if (limit.isAllowed || limit.max === undefined) return;
    reply.header('ratelimit-limit', limit.max);
    reply.header('ratelimit-remaining', limit.isExceeded ? 0 : limit.remaining);
    reply.header('ratelimit-reset', limit.ttlInSeconds);
  };
  const tooMany = (reply: FastifyReply, limit: Limit) => {
    budgetHeaders(reply, limit);
    reply.header('retry-after', limit.ttlInSeconds);
    return Object.assign(new Error(`Rate limit exceeded, retry in ${limit.ttlInSeconds} seconds`), {
      statusCode: 429,
    });
  };

  fastify.addHook('onRequest', async (request, reply) => {
    if (isConditionalRead(request)) {
      request.rateLimitDeferred = true;
      budgetHeaders(reply, (await limiter(request, { increment: false })) as Limit);
      return;
    }
    const limit = (await limiter(request)) as Limit;
    if (limit.isExceeded) throw tooMany(reply, limit);
    budgetHeaders(reply, limit);
  });

  fastify.addHook('onSend', async (request, reply, payload) => {
    if (request.rateLimitDeferred === true) {
      request.rateLimitDeferred = false; // settled once: the 429 below comes through here again
      if (reply.statusCode !== 304) {
        const limit = (await limiter(request)) as Limit;
        if (limit.isExceeded) {
          reply.removeHeader('etag');
          throw tooMany(reply, limit);
        }
        budgetHeaders(reply, limit);
      }
    }
    // The draft's combined field beside the separate ones, for clients that read either.
    const limit = reply.getHeader('ratelimit-limit');
    if (limit === undefined) return payload;
    reply.header(
      'ratelimit',
      `limit=${limit}, remaining=${reply.getHeader('ratelimit-remaining')}, reset=${reply.getHeader('ratelimit-reset')}`,
    );
    reply.header('ratelimit-policy', `${limit};w=60`);
    return payload;
  });
}

export default fp(requestRateLimit, { name: 'rate-limit', dependencies: ['store'] });
