import { Type } from '@sinclair/typebox';
import { type FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';

const metrics: FastifyPluginAsyncTypebox = async (fastify) => {
  fastify.get('/metrics', {
    schema: {
      operationId: 'getMetrics',
      tags: ['service'],
      summary: 'Prometheus metrics',
      description:
        'Prometheus text format: requests per route and status, feed cache hits and misses, outbox sizes per status, the last reminder run, providers, memory. Holds no personal data; restrict it to your monitoring network at the proxy.',
      response: {
        200: {
          description: 'Prometheus text exposition format 0.0.4.',
          content: { 'text/plain': { schema: Type.String({ examples: ['# HELP providers Registered providers.\n# TYPE providers gauge\nproviders 12\n'] }) } },
        },
      },
    },
  }, async (_request, reply) => {
    reply.type('text/plain; version=0.0.4; charset=utf-8');
    return fastify.metrics.render();
  });
};

export default metrics;
