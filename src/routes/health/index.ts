import { type FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { HttpProblem } from '../../problems.js';
import { problemResponses } from '../../schemas/common.js';
import { HealthSchema, ReadySchema } from '../../schemas/health.js';

const health: FastifyPluginAsyncTypebox = async (fastify) => {
  fastify.get(
    '/health',
    {
      schema: {
        operationId: 'getHealth',
        tags: ['service'],
        summary: 'Liveness',
        description: 'The process is up.',
        response: { 200: HealthSchema },
      },
    },
    async () => ({ status: 'ok' as const }),
  );

  fastify.get(
    '/ready',
    {
      schema: {
        operationId: 'getReadiness',
        tags: ['service'],
        summary: 'Readiness',
        description:
          'The database answers. Calendars are loaded and validated at start-up (a bad file stops the start), so a running service has them; `calendars` says how many.',
        response: { 200: ReadySchema, ...problemResponses(503) },
      },
    },
    async (request) => {
      try {
        const migration = fastify.db
          .prepare('SELECT coalesce(max(version), 0) FROM schema_migrations')
          .pluck()
          .get() as number;
        return { status: 'ready' as const, calendars: fastify.calendars.all().length, migration };
      } catch (error) {
        request.log.warn({ err: error }, 'not ready');
        throw new HttpProblem('not-ready', 'the database is not available');
      }
    },
  );
};

export default health;
