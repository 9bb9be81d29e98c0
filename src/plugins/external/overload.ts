import underPressure from '@fastify/under-pressure';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { HttpProblem } from '../../problems.js';

/** Answered while shedding: the liveness and readiness checks and the metrics that show the overload. */
const ALWAYS_ANSWERED = new Set(['/health', '/ready', '/metrics']);

/**
 * @fastify/under-pressure (maintained, samples the event-loop delay itself): at saturation every other request
 * gets 503 problem+json with Retry-After at once, so answered requests stay fast and clients back off.
 */
async function overload(fastify: FastifyInstance, opts: { maxEventLoopDelayMs: number }): Promise<void> {
  if (opts.maxEventLoopDelayMs === 0) return;
  await fastify.register(underPressure, {
    // Above this mean event-loop delay (OVERLOAD_MAX_DELAY_MS) a queue grows unseen: shed instead.
    maxEventLoopDelay: opts.maxEventLoopDelayMs,
    sampleInterval: 250,
    pressureHandler: (request) => {
      if (ALWAYS_ANSWERED.has(request.url.split('?')[0]!)) return undefined;
      return Promise.reject(new HttpProblem(503, 'the service is overloaded; try again in a second', undefined, { 'retry-after': '1' }));
    },
  });
}

export default fp(overload, { name: 'overload' });
