import { type FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { problemResponses } from '../../schemas/common.js';
import { InsurerListSchema } from '../../schemas/insurers.js';
import { LIST_INSURERS_DESCRIPTION } from './descriptions.js';

const insurers: FastifyPluginAsyncTypebox = async (fastify) => {
  fastify.get(
    '',
    {
      schema: {
        operationId: 'listInsurers',
        tags: ['insurers'],
        summary: 'List the insurer registry',
        description: LIST_INSURERS_DESCRIPTION,
        response: { 200: { ...InsurerListSchema, description: 'The registry.' }, ...problemResponses(429, 500) },
      },
    },
    async () => {
      const current = Number(fastify.today().slice(0, 4));
      return {
        items: fastify.calendars.registry.map((entry) => {
          const encoded = fastify.calendars.all().filter((calendar) => calendar.file.insurer === entry.id);
          const years = [...new Set([...encoded.map((calendar) => calendar.file.year), current, current + 1])].sort();
          return {
            id: entry.id,
            name: entry.name,
            labels: entry.labels ?? [],
            source: entry.source,
            years: years.map((year) => {
              const calendar = fastify.calendars.get(entry.id, year);
              return {
                year,
                calendar: calendar
                  ? { state: 'encoded' as const, version: calendar.file.version ?? 1 }
                  : { state: 'not-encoded' as const },
              };
            }),
          };
        }),
      };
    },
  );
};

export default insurers;
