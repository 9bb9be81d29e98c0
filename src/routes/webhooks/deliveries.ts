import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { tenantOf } from '../../plugins/app/auth.js';
import { notFound } from '../../problems.js';
import { SECURITY, problemResponses } from '../../schemas/common.js';
import { LINK_HEADER } from '../../schemas/paging.js';
import { DeliveryListQuerySchema, DeliveryListSchema, WebhookParamsSchema } from '../../schemas/webhooks.js';
import type { WebhookDelivery } from '../../store/webhook-deliveries.js';
import { decodeCursor, encodeCursor, linkToNext } from '../paging.js';
import { WEBHOOK_DELIVERIES_DESCRIPTION } from './descriptions.js';

function deliveryState(delivery: WebhookDelivery): 'pending' | 'delivered' | 'given-up' {
  return delivery.deliveredAt !== null ? 'delivered' : delivery.givenUpAt !== null ? 'given-up' : 'pending';
}

/** An endpoint's delivery log, newest first, paged by cursor (registered inside the webhook routes). */
const deliveryLog: FastifyPluginAsyncTypebox = async (fastify) => {
  const { endpoints, deliveries } = fastify.webhooks;

  fastify.get(
    '/:id/deliveries',
    {
      schema: {
        operationId: 'listWebhookDeliveries',
        tags: ['webhooks'],
        summary: "A webhook endpoint's delivery log",
        description: WEBHOOK_DELIVERIES_DESCRIPTION,
        security: SECURITY,
        params: WebhookParamsSchema,
        querystring: DeliveryListQuerySchema,
        response: {
          200: { ...DeliveryListSchema, description: 'One page of the delivery log.', headers: LINK_HEADER },
          ...problemResponses(400, 401, 404, 429, 500),
        },
      },
    },
    async (request, reply) => {
      const endpoint = endpoints.get(request.params.id, tenantOf(request));
      if (!endpoint) throw notFound('webhook');
      const { limit = 50, cursor } = request.query;
      const scope = `deliveries\n${endpoint.id}`;
      const after = decodeCursor(cursor, scope, 2);
      const found = deliveries.log(
        endpoint.id,
        limit + 1, // one more than the page: whether a next page follows
        after ? { createdAt: after[0]!, id: after[1]! } : undefined,
      );
      const page = found.slice(0, limit);
      const last = page.at(-1);
      const next = found.length > limit && last ? encodeCursor(scope, [last.createdAt, last.id]) : null;
      linkToNext(request, reply, next);
      return {
        items: page.map((delivery) => ({
          id: delivery.id,
          type: delivery.type,
          createdAt: delivery.createdAt,
          state: deliveryState(delivery),
          attempts: delivery.attempts,
          nextAttemptAt: deliveryState(delivery) === 'pending' ? delivery.nextAttemptAt : null,
          deliveredAt: delivery.deliveredAt,
          attemptLog: delivery.attemptLog,
        })),
        next,
      };
    },
  );
};

export default deliveryLog;
