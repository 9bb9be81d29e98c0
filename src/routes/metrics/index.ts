import { Type } from '@sinclair/typebox';
import { type FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';

const metrics: FastifyPluginAsyncTypebox = async (fastify) => {
  fastify.get('/metrics', {
    schema: {
      tags: ['service'],
      summary: 'Prometheus metrics',
      description:
        'Prometheus text format: requests per route and status, feed cache hits and misses, outbox sizes per status, the last reminder run, providers, memory. Holds no personal data; restrict it to your monitoring network at the proxy.',
      response: { 200: Type.String({ description: 'Prometheus text exposition format 0.0.4.', examples: ['# HELP providers Registered providers.\n# TYPE providers gauge\nproviders 12\n'] }) },
    },
  }, async (_request, reply) => {
    reply.type('text/plain; version=0.0.4; charset=utf-8');
    return fastify.metrics.render();
  });
};

export default metrics;
