import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { Metrics } from '../../metrics.js';

declare module 'fastify' {
  interface FastifyInstance {
    metrics: Metrics;
  }
}

/** Request counts and durations per route, process memory, and what the store holds; other parts add their own. */
async function metrics(fastify: FastifyInstance): Promise<void> {
  const registry = new Metrics();
  registry.counter('http_requests_total', 'HTTP requests answered, by method, route and status.');
  registry.counter('http_request_duration_seconds_sum', 'Total time spent answering requests, by route.');
  const started = Date.now();
  registry.gauge('process_resident_memory_bytes', 'Resident set size of the process.', () => process.memoryUsage().rss);
  registry.gauge('process_uptime_seconds', 'Seconds since the service started.', () => (Date.now() - started) / 1000);
  registry.gauge(
    'providers',
    'Registered providers.',
    () => fastify.db.prepare('SELECT count(*) FROM providers').pluck().get() as number,
  );
  registry.gauge('calendars_loaded', 'Calendars loaded at start-up.', () => fastify.calendars.all().length);
  fastify.decorate('metrics', registry);

  fastify.addHook('onResponse', async (request, reply) => {
    // The route template, never the URL: URLs carry feed tokens and ids.
    const route = request.routeOptions.url ?? 'unmatched';
    registry.inc('http_requests_total', { method: request.method, route, status: String(reply.statusCode) });
    registry.inc('http_request_duration_seconds_sum', { route }, reply.elapsedTime / 1000);
  });
}

export default fp(metrics, { name: 'metrics', dependencies: ['sqlite', 'calendars'] });
