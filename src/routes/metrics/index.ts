import { Type } from '@sinclair/typebox';
import { type FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { createHash, timingSafeEqual } from 'node:crypto';
import { HttpProblem } from '../../problems.js';
import { problemResponses } from '../../schemas/common.js';
import { GET_METRICS_DESCRIPTION } from './descriptions.js';

/** Compared as SHA-256 digests: equal length, constant time, whatever was sent. */
function sameToken(expected: string, presented: string): boolean {
  const digest = (text: string) => createHash('sha256').update(text, 'utf8').digest();
  return timingSafeEqual(digest(expected), digest(presented));
}

const metrics: FastifyPluginAsyncTypebox<{ token?: string }> = async (fastify, opts) => {
  if (opts.token !== undefined) {
    const token = opts.token;
    fastify.addHook('onRequest', async (request) => {
      const header = request.headers.authorization ?? '';
      const presented = /^Bearer +(\S{1,512}) *$/i.exec(header)?.[1];
      if (presented === undefined || !sameToken(token, presented)) {
        throw new HttpProblem(
          'unauthorized',
          'send the metrics token: Authorization: Bearer <METRICS_TOKEN>',
          [{ field: 'authorization', in: 'headers', message: 'must be the metrics token' }],
          {
            'www-authenticate': 'Bearer realm="metrics"',
          },
        );
      }
    });
  }
  fastify.get(
    '/metrics',
    {
      schema: {
        operationId: 'getMetrics',
        tags: ['service'],
        summary: 'Prometheus metrics',
        description: GET_METRICS_DESCRIPTION,
        response: {
          200: {
            description: 'Prometheus text exposition format 0.0.4.',
            content: {
              'text/plain': {
                schema: Type.String({
                  examples: ['# HELP providers Registered providers.\n# TYPE providers gauge\nproviders 12\n'],
                }),
              },
            },
          },
          ...problemResponses(401, 500),
        },
      },
    },
    async (_request, reply) => {
      reply.type('text/plain; version=0.0.4; charset=utf-8');
      return fastify.metrics.render();
    },
  );
};

export default metrics;
