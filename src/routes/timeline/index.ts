import { type FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { groupOf, roundClosesOf } from '../../domain/groups.js';
import { timelineWithOwnDates } from '../../domain/own-items.js';
import { sendAnswer, timelineVersion } from '../../plugins/app/answer-cache.js';
import { tenantOf } from '../../plugins/app/auth.js';
import { invalidInput, notFound } from '../../problems.js';
import { ETAG_HEADER, NOT_MODIFIED, SECURITY, problemResponses } from '../../schemas/common.js';
import { ProviderParamsSchema } from '../../schemas/providers.js';
import { TimelineQuerySchema, TimelineSchema } from '../../schemas/timeline.js';
import { GET_PROVIDER_TIMELINE_DESCRIPTION } from './descriptions.js';

const timeline: FastifyPluginAsyncTypebox = async (fastify) => {
  fastify.addHook('onRequest', fastify.authenticate);

  fastify.get(
    '/:id/timeline',
    {
      schema: {
        operationId: 'getProviderTimeline',
        tags: ['timeline'],
        summary: "A provider's timeline",
        description: GET_PROVIDER_TIMELINE_DESCRIPTION,
        security: SECURITY,
        params: ProviderParamsSchema,
        querystring: TimelineQuerySchema,
        response: {
          200: { ...TimelineSchema, description: 'The timeline.', headers: ETAG_HEADER },
          ...NOT_MODIFIED,
          ...problemResponses(400, 401, 404, 429, 500),
        },
      },
    },
    async (request, reply) => {
      const today = fastify.today();
      const { asOf = today, from, to, actor, group } = request.query;
      if (from !== undefined && to !== undefined && from > to)
        throw invalidInput([{ field: 'to', in: 'querystring', message: 'must not be before from' }]);
      const tenant = tenantOf(request);
      const { id } = request.params;
      // The version is read (tenant checked) on every request; the provider with its children only when it moved.
      const version = fastify.store.providers.versionOf(id, tenant, request.generation);
      if (version === undefined) throw notFound('provider');
      const key = `timeline\n${id}\n${asOf}\n${from ?? ''}\n${to ?? ''}\n${actor ?? ''}\n${group ?? ''}`;
      const answer = fastify.answerCache.answer(
        key,
        timelineVersion(version, today, fastify.calendars),
        'application/json; charset=utf-8',
        () => {
          const provider = fastify.store.providers.get(id, tenant);
          if (!provider) throw notFound('provider');
          const items = timelineWithOwnDates(
            provider,
            fastify.calendars,
            fastify.store.events.recordedEvents(provider.id),
            fastify.store.ownDates.ownDates(provider.id),
            asOf,
          ).filter(
            (item) =>
              (from === undefined || (item.due !== null && item.due >= from)) &&
              (to === undefined || (item.due !== null && item.due <= to)) &&
              (actor === undefined || item.actor === actor) &&
              (group === undefined || groupOf(item, asOf, roundClosesOf(fastify.calendars, item.calendar)) === group),
          );
          return reply.serialize({
            provider: { id: provider.id, name: provider.name, agb: provider.agb, kinds: provider.kinds },
            asOf,
            items,
          }) as string;
        },
      );
      return sendAnswer(request, reply, answer);
    },
  );
};

export default timeline;
