import { Type, type FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { tenantOf } from '../../plugins/app/auth.js';
import { IdempotencyKeyHeaders, idempotentCreate } from '../../plugins/app/idempotency.js';
import { HttpProblem, invalidInput, notFound } from '../../problems.js';
import { assertIfMatch, representationOf, sendRepresentation } from '../../plugins/app/preconditions.js';
import {
  ETAG_HEADER,
  IF_MATCH_HEADERS,
  LOCATION_HEADER,
  PATCH_CONTENT_TYPES,
  SECURITY,
  problemResponses,
} from '../../schemas/common.js';
import {
  CreateWebhookSchema,
  PingSchema,
  UpdateWebhookSchema,
  WebhookListSchema,
  WebhookParamsSchema,
  WebhookSchema,
  WebhookWithSecretSchema,
} from '../../schemas/webhooks.js';
import type { WebhookEndpoint } from '../../store/webhook-endpoints.js';
import { envelope, type WEBHOOK_EVENT_TYPES } from '../../webhooks/payloads.js';
import { targetProblem } from '../../webhooks/target.js';
import { LINK_HEADER, PageQuerySchema } from '../../schemas/paging.js';
import { decodeCursor, encodeCursor, linkToNext, pageOf } from '../paging.js';
import deliveryLog from './deliveries.js';
import {
  CREATE_WEBHOOK_DESCRIPTION,
  ROTATE_WEBHOOK_SECRET_DESCRIPTION,
  UPDATE_WEBHOOK_DESCRIPTION,
} from './descriptions.js';
import { REPRESENTATIONS } from '../../schemas/representations.js';

const webhookSchema = REPRESENTATIONS.webhook;

const tags = ['webhooks'];

function webhookResource(endpoint: WebhookEndpoint) {
  return {
    id: endpoint.id,
    url: endpoint.url,
    // Stored from the validated enum (CreateWebhookSchema), so each is one of the types.
    events: endpoint.events as (typeof WEBHOOK_EVENT_TYPES)[number][] | null,
    enabled: endpoint.disabledAt === null,
    disabledAt: endpoint.disabledAt,
    disabledReason: endpoint.disabledReason,
    previousSecretValidUntil:
      endpoint.previousSecretUntil !== null && endpoint.previousSecretUntil > new Date().toISOString()
        ? endpoint.previousSecretUntil
        : null,
    createdAt: endpoint.createdAt,
    updatedAt: endpoint.updatedAt,
  };
}

const webhooks: FastifyPluginAsyncTypebox = async (fastify) => {
  fastify.addHook('onRequest', fastify.authenticate);
  const { endpoints, deliveries, dispatcher, allowInsecureTargets } = fastify.webhooks;

  const checkedUrl = (url: string | undefined) => {
    if (url === undefined) return undefined;
    const problem = targetProblem(url.trim(), allowInsecureTargets);
    if (problem) throw invalidInput([{ field: 'url', in: 'body', message: problem }]);
    return new URL(url.trim()).href;
  };
  const endpointOf = (request: { params: { id: string } } & Parameters<typeof tenantOf>[0]) => {
    const endpoint = endpoints.get(request.params.id, tenantOf(request));
    if (!endpoint) throw notFound('webhook');
    return endpoint;
  };
  const params = WebhookParamsSchema;
  const currentWebhook = (reply: Parameters<typeof representationOf>[0], endpoint: WebhookEndpoint) =>
    representationOf(reply, webhookSchema, webhookResource(endpoint));

  fastify.post(
    '',
    {
      schema: {
        operationId: 'createWebhook',
        tags,
        summary: 'Register a webhook endpoint',
        description: CREATE_WEBHOOK_DESCRIPTION,
        security: SECURITY,
        headers: IdempotencyKeyHeaders,
        body: CreateWebhookSchema,
        response: {
          201: { ...WebhookWithSecretSchema, description: 'The endpoint, with its secret.', headers: LOCATION_HEADER },
          ...problemResponses(400, 401, 404, 413, 415, 422, 429, 500),
        },
      },
    },
    async (request, reply) => {
      const tenant = tenantOf(request);
      const creation = idempotentCreate(
        fastify,
        request,
        () => {
          const url = checkedUrl(request.body.url) as string;
          const created = endpoints.create(tenant.keyId, { url, events: request.body.events ?? null });
          request.log.info({ webhookId: created.endpoint.id }, 'webhook endpoint registered');
          return { location: `/api/v1/webhooks/${created.endpoint.id}`, value: created };
        },
        // A retry answers the endpoint with its secret as it is now (derived again, never stored).
        (location) => endpoints.withSecret(location.split('/').at(-1)!, tenant),
      );
      if (creation.replayed) reply.header('idempotent-replayed', 'true');
      const { endpoint, secret } = creation.value;
      return reply
        .code(201)
        .header('location', creation.location)
        .send({ ...webhookResource(endpoint), secret });
    },
  );

  fastify.get(
    '',
    {
      schema: {
        operationId: 'listWebhooks',
        tags,
        summary: 'List webhook endpoints',
        description: "This key's endpoints (an admin key sees every key's); never their secrets.",
        security: SECURITY,
        querystring: PageQuerySchema,
        response: {
          200: { ...WebhookListSchema, description: 'One page of endpoints.', headers: LINK_HEADER },
          ...problemResponses(400, 401, 429, 500),
        },
      },
    },
    async (request, reply) => {
      const { limit = 100, cursor } = request.query;
      const after = decodeCursor(cursor, 'webhooks', 2);
      const all = endpoints.list(tenantOf(request));
      const { page, last } = pageOf(all, (endpoint) => [endpoint.createdAt, endpoint.id], limit, after);
      const next = last === null ? null : encodeCursor('webhooks', last);
      linkToNext(request, reply, next);
      return { items: page.map(webhookResource), next };
    },
  );

  fastify.get(
    '/:id',
    {
      schema: {
        operationId: 'getWebhook',
        tags,
        summary: 'Get a webhook endpoint',
        description: 'The endpoint, whether it is enabled and why not; never its secret.',
        security: SECURITY,
        params,
        response: {
          200: Type.Ref(WebhookSchema, { description: 'The endpoint.' }),
          ...problemResponses(400, 401, 404, 429, 500),
        },
      },
    },
    async (request) => webhookResource(endpointOf(request)),
  );

  fastify.patch(
    '/:id',
    {
      schema: {
        operationId: 'updateWebhook',
        tags,
        summary: 'Change a webhook endpoint',
        description: UPDATE_WEBHOOK_DESCRIPTION,
        security: SECURITY,
        params,
        headers: IF_MATCH_HEADERS,
        consumes: PATCH_CONTENT_TYPES,
        body: UpdateWebhookSchema,
        response: {
          200: { ...Type.Ref(WebhookSchema, { description: 'The endpoint as it now is.' }), headers: ETAG_HEADER },
          ...problemResponses(400, 401, 404, 412, 413, 415, 429, 500),
        },
      },
    },
    async (request, reply) => {
      assertIfMatch(request, 'webhook', () => currentWebhook(reply, endpointOf(request)));
      const url = checkedUrl(request.body.url);
      const updated = fastify.db.transaction(() => {
        const before = endpoints.get(request.params.id, tenantOf(request));
        const after = endpoints.update(request.params.id, tenantOf(request), {
          url,
          events: request.body.events,
          enabled: request.body.enabled,
        });
        if (before?.disabledAt != null && after?.disabledAt === null) deliveries.resume(after.id);
        return after;
      })();
      if (!updated) throw notFound('webhook');
      if (updated.disabledAt === null) dispatcher.wake();
      return sendRepresentation(reply, currentWebhook(reply, updated));
    },
  );

  fastify.delete(
    '/:id',
    {
      schema: {
        operationId: 'deleteWebhook',
        tags,
        summary: 'Delete a webhook endpoint',
        description: 'Stops its deliveries at once; its undelivered messages and its delivery log go with it.',
        security: SECURITY,
        params,
        headers: IF_MATCH_HEADERS,
        response: { 204: Type.Null({ description: 'Deleted.' }), ...problemResponses(400, 401, 404, 412, 429, 500) },
      },
    },
    async (request, reply) => {
      assertIfMatch(request, 'webhook', () => currentWebhook(reply, endpointOf(request)));
      if (!endpoints.remove(request.params.id, tenantOf(request))) throw notFound('webhook');
      return reply.code(204).send(null);
    },
  );

  fastify.post(
    '/:id/rotate-secret',
    {
      schema: {
        operationId: 'rotateWebhookSecret',
        tags,
        summary: "Rotate a webhook endpoint's signing secret",
        description: ROTATE_WEBHOOK_SECRET_DESCRIPTION,
        security: SECURITY,
        params,
        response: {
          200: { ...WebhookWithSecretSchema, description: 'The endpoint, with its new secret.' },
          ...problemResponses(400, 401, 404, 429, 500),
        },
      },
    },
    async (request) => {
      const rotated = endpoints.rotate(request.params.id, tenantOf(request));
      if (!rotated) throw notFound('webhook');
      request.log.info({ webhookId: rotated.endpoint.id }, 'webhook secret rotated');
      return { ...webhookResource(rotated.endpoint), secret: rotated.secret };
    },
  );

  fastify.post(
    '/:id/ping',
    {
      schema: {
        operationId: 'pingWebhook',
        tags,
        summary: 'Send a test message',
        description:
          'Puts a `webhook.ping` message in the outbox for this endpoint (whatever its event types), delivered and retried like any other: follow it in the delivery log. 409 while the endpoint is disabled.',
        security: SECURITY,
        params,
        response: {
          202: { ...PingSchema, description: 'The ping is on its way.' },
          ...problemResponses(400, 401, 404, 409, 429, 500),
        },
      },
    },
    async (request, reply) => {
      const endpoint = endpointOf(request);
      if (endpoint.disabledAt !== null)
        throw new HttpProblem(
          'webhook-disabled',
          'this endpoint is disabled: resume it first (PATCH with "enabled": true)',
        );
      const [id] = deliveries.enqueue([endpoint.id], 'webhook.ping', () =>
        envelope('webhook.ping', new Date().toISOString(), { endpointId: endpoint.id }),
      );
      dispatcher.wake();
      return reply.code(202).send({ id: id as string });
    },
  );

  await fastify.register(deliveryLog);
};

export default webhooks;
