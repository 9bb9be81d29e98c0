import { performance } from 'node:perf_hooks';
import underPressure from '@fastify/under-pressure';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { HttpProblem } from '../../problems.js';
import { isShed } from '../app/request-queue.js';

/** Answered while shedding: the liveness and readiness checks and the metrics that show the overload. */
const ALWAYS_ANSWERED = new Set(['/health', '/ready', '/metrics']);

export function alwaysAnswered(url: string): boolean {
  return ALWAYS_ANSWERED.has(url.split('?')[0]!);
}

const SAMPLE_INTERVAL_MS = 250;

const overloaded = () =>
  new HttpProblem(503, 'the service is overloaded; try again in a second', undefined, { 'retry-after': '1' });

/**
 * At saturation every other request gets 503 problem+json with Retry-After at once, so answered requests stay fast
 * and clients back off. Two signals: a request that waited in the request queue past the limit (app/request-queue.ts,
 * per request), and @fastify/under-pressure's mean event-loop delay (maintained; it catches the loop held up by work
 * that is not a request).
 */
async function overload(fastify: FastifyInstance, opts: { maxEventLoopDelayMs: number }): Promise<void> {
  if (opts.maxEventLoopDelayMs === 0) return;
  fastify.addHook('onRequest', async (request) => {
    if (isShed(request.raw) && !alwaysAnswered(request.url)) throw overloaded();
  });
  // The first samples measure start-up's own work (loading calendars, compiling schemas), not load: a fresh
  // process shed its first callers (seen: 157 of a lone client's requests in its first 1.5 s). The delay counts
  // from the first sample taken wholly after the app is ready; meanwhile the request queue still sheds what waits too long.
  let trustedFrom = Infinity;
  fastify.addHook('onReady', async () => {
    trustedFrom = performance.now() + 2 * SAMPLE_INTERVAL_MS;
  });
  await fastify.register(underPressure, {
    // Above this mean event-loop delay (OVERLOAD_MAX_DELAY_MS) a queue grows unseen: shed instead.
    maxEventLoopDelay: opts.maxEventLoopDelayMs,
    sampleInterval: SAMPLE_INTERVAL_MS,
    pressureHandler: (request) =>
      alwaysAnswered(request.url) || performance.now() < trustedFrom ? undefined : Promise.reject(overloaded()),
  });
}

export default fp(overload, { name: 'overload' });
