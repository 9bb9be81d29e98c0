import type { FastifyInstance, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { HttpProblem } from '../../problems.js';
import { isShed } from '../app/request-queue.js';

/** Answered while shedding: the liveness and readiness checks and the metrics that show the overload. */
const ALWAYS_ANSWERED = new Set(['/health', '/ready', '/metrics']);

export function alwaysAnswered(url: string): boolean {
  return ALWAYS_ANSWERED.has(url.split('?')[0]!);
}

const overloaded = () =>
  new HttpProblem('overloaded', 'the service is overloaded; try again in a second', undefined, { 'retry-after': '1' });

/**
 * At saturation every request that waited too long behind others gets 503 problem+json with Retry-After at once, so
 * answered requests stay fast and clients back off. The one signal is our own request queue (app/request-queue.ts):
 * a request that waited past OVERLOAD_MAX_DELAY_MS behind other waiting requests. The event-loop delay alone
 * (@fastify/under-pressure, used before) is no longer a reason: it rose with first-request compilation, background
 * work and other processes' CPU, and shed lone requests that had nothing queued before them.
 */
async function overload(fastify: FastifyInstance, opts: { maxDelayMs: number }): Promise<void> {
  if (opts.maxDelayMs === 0) return;
  fastify.addHook('onRequest', async (request) => {
    if (isShed(request.raw) && !alwaysAnswered(request.url) && !inApiScope(request.url)) throw overloaded();
  });
}

/** /api/v1 sheds in its own scope, after the rate limit (shedApiRequest): a shed request uses its key's budget. */
const inApiScope = (url: string) => url.startsWith('/api/');

/**
 * The shed for /api/v1, as an onRequest hook of that scope registered after the rate limit's: a key whose requests
 * are shed keeps spending its budget and is refused with 429 once it is spent, instead of retrying on every 503 for
 * free while other tenants wait behind it.
 */
export async function shedApiRequest(request: FastifyRequest): Promise<void> {
  if (isShed(request.raw)) throw overloaded();
}

export default fp(overload, { name: 'overload' });
