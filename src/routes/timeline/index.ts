import { type FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { computeTimeline } from '../../domain/timeline.js';
import { tenantOf } from '../../plugins/app/auth.js';
import { invalidInput, notFound } from '../../problems.js';
import { SECURITY, problemResponses } from '../../schemas/common.js';
import { ProviderParamsSchema } from '../../schemas/providers.js';
import { TimelineQuerySchema, TimelineSchema } from '../../schemas/timeline.js';

const timeline: FastifyPluginAsyncTypebox = async (fastify) => {
  fastify.addHook('onRequest', fastify.authenticate);

  fastify.get('/:id/timeline', {
    schema: {
      operationId: 'getProviderTimeline',
      tags: ['timeline'],
      summary: "A provider's timeline",
      description:
        'Every date that applies to the provider across its contracts, sorted by due date, with statuses as of `asOf`. Relative dates count from recorded events, otherwise from the predicted date of the step before (`projected`). Filter by due date (`from`, `to`, inclusive) and `actor`.',
      security: SECURITY,
      params: ProviderParamsSchema,
      querystring: TimelineQuerySchema,
      response: { 200: { ...TimelineSchema, description: 'The timeline.' }, ...problemResponses(400, 401, 404, 429, 500) },
    },
  }, async (request) => {
    const { asOf = fastify.today(), from, to, actor } = request.query;
    if (from !== undefined && to !== undefined && from > to) throw invalidInput([{ field: 'to', in: 'querystring', message: 'must not be before from' }]);
    const provider = fastify.store.providers.get(request.params.id, tenantOf(request));
    if (!provider) throw notFound('provider');
    const items = computeTimeline(provider, fastify.calendars, fastify.store.events.recordedEvents(provider.id), asOf).filter(
      (item) => (from === undefined || (item.due !== null && item.due >= from)) && (to === undefined || (item.due !== null && item.due <= to)) && (actor === undefined || item.actor === actor),
    );
    return { provider: { id: provider.id, name: provider.name, agb: provider.agb, kinds: provider.kinds }, asOf, items };
  });
};

export default timeline;
