import { Type, type FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { OWN_ITEM_PREFIX } from '../../domain/own-items.js';
import { IdempotencyKeyHeaders, idempotentCreate } from '../../plugins/app/idempotency.js';
import { sendAnswer } from '../../plugins/app/answer-cache.js';
import { tenantOf } from '../../plugins/app/auth.js';
import { addOwnItem, changeOwnItem } from '../../operations/own-dates.js';
import { invalidInput, notFound } from '../../problems.js';
import { assertIfMatch, representationOf, sendRepresentation } from '../../plugins/app/preconditions.js';
import {
  ETAG_HEADER,
  IF_MATCH_HEADERS,
  CREATED_HEADERS,
  NOT_MODIFIED,
  PATCH_CONTENT_TYPES,
  SECURITY,
  problemResponses,
} from '../../schemas/common.js';
import {
  CreateOwnItemSchema,
  OwnDateHistorySchema,
  OwnItemListSchema,
  OwnItemParamsSchema,
  OwnItemSchema,
  UpdateOwnItemSchema,
} from '../../schemas/own-dates.js';
import { ProviderParamsSchema } from '../../schemas/providers.js';
import type { OwnItemRecord } from '../../store/own-dates.js';
import { LINK_HEADER, PageQuerySchema } from '../../schemas/paging.js';
import type { OwnDateProblem } from '../../validation/own-dates.js';
import { cachedPage, decodeCursor, encodeCursor, linkToNext, pageOf } from '../paging.js';
import { CREATE_OWN_ITEM_DESCRIPTION, UPDATE_OWN_ITEM_DESCRIPTION } from './descriptions.js';
import { REPRESENTATIONS } from '../../schemas/representations.js';

const ownItemSchema = REPRESENTATIONS.ownItem;

const tags = ['own dates'];

export function ownItemResource(item: OwnItemRecord) {
  return { ...item, item: `${OWN_ITEM_PREFIX}${item.id}` };
}

/** Her own dated items: create, list, change, remove, and each one's history. */
const ownItems: FastifyPluginAsyncTypebox = async (fastify) => {
  fastify.addHook('onRequest', fastify.authenticate);

  const providerOf = (request: { params: { id: string } } & Parameters<typeof tenantOf>[0]) => {
    const provider = fastify.store.providers.get(request.params.id, tenantOf(request));
    if (!provider) throw notFound('provider');
    return provider;
  };
  const parts = () => ({
    ownDates: fastify.store.ownDates,
    events: fastify.store.events,
    calendars: fastify.calendars,
    today: fastify.today(),
  });
  const refused = (problems: readonly OwnDateProblem[]) =>
    invalidInput(problems.map(({ field, message }) => ({ field, in: 'body' as const, message })));

  fastify.post(
    '/:id/own-items',
    {
      schema: {
        operationId: 'createOwnItem',
        tags,
        summary: 'Record an own dated item',
        description: CREATE_OWN_ITEM_DESCRIPTION,
        security: SECURITY,
        params: ProviderParamsSchema,
        headers: IdempotencyKeyHeaders,
        body: CreateOwnItemSchema,
        response: {
          201: { ...Type.Ref(OwnItemSchema, { description: 'The recorded item.' }), headers: CREATED_HEADERS },
          ...problemResponses(400, 401, 404, 413, 415, 422, 429, 500),
        },
      },
    },
    async (request, reply) => {
      const provider = providerOf(request);
      const { insurer, title, due, note, from = null, time = null, done = null } = request.body;
      const creation = idempotentCreate(
        fastify,
        request,
        () => {
          const input = { insurer, title, due, note, from, time, done };
          const added = addOwnItem(parts(), provider.id, input, tenantOf(request).keyId);
          if ('problems' in added) throw refused(added.problems);
          const { item } = added;
          return { location: `/api/v1/providers/${provider.id}/own-items/${item.id}`, value: item };
        },
        (location) => fastify.store.ownDates.item(provider.id, location.split('/').at(-1)!),
      );
      if (creation.replayed) reply.header('idempotent-replayed', 'true');
      // With the ETag its GET gives, so the client's next If-Match needs no read first.
      const created = representationOf(reply, ownItemSchema, ownItemResource(creation.value));
      return sendRepresentation(reply.code(201).header('location', creation.location), created);
    },
  );

  fastify.get(
    '/:id/own-items',
    {
      schema: {
        operationId: 'listOwnItems',
        tags,
        summary: 'List own dated items',
        description: "The provider's live own items by due date (removed ones are in each item's history).",
        security: SECURITY,
        params: ProviderParamsSchema,
        querystring: PageQuerySchema,
        response: {
          200: {
            ...OwnItemListSchema,
            description: 'One page of own items.',
            headers: { ...ETAG_HEADER, ...LINK_HEADER },
          },
          ...NOT_MODIFIED,
          ...problemResponses(400, 401, 404, 429, 500),
        },
      },
    },
    async (request, reply) => {
      const { id } = request.params;
      const { limit = 100, cursor } = request.query;
      const scope = `own-items\n${id}`;
      const after = decodeCursor(cursor, scope, 3);
      // The feed counter moves with every write to her own items (migration 009's triggers).
      const version = fastify.store.providers.versionOf(id, tenantOf(request), request.generation);
      if (version === undefined) throw notFound('provider');
      const { answer, next } = cachedPage(fastify.answerCache, `${scope}\n${limit}\n${cursor ?? ''}`, version, () => {
        const all = fastify.store.ownDates.items(id);
        const { page, last } = pageOf(all, (item) => [item.due, item.recordedAt, item.id], limit, after);
        const next = last === null ? null : encodeCursor(scope, last);
        return { body: reply.serialize({ items: page.map(ownItemResource), next }) as string, next };
      });
      linkToNext(request, reply, next);
      return sendAnswer(request, reply, answer);
    },
  );

  const ownItemOf = (request: { params: { id: string; ownItemId: string } } & Parameters<typeof tenantOf>[0]) => {
    const item = fastify.store.ownDates.item(providerOf(request).id, request.params.ownItemId);
    if (!item) throw notFound('own item');
    return item;
  };

  fastify.get(
    '/:id/own-items/:ownItemId',
    {
      schema: {
        operationId: 'getOwnItem',
        tags,
        summary: 'Get an own dated item',
        description: 'The live own item; its `ETag` is what `If-Match` on a change or removal compares.',
        security: SECURITY,
        params: OwnItemParamsSchema,
        response: {
          200: { ...Type.Ref(OwnItemSchema, { description: 'The item.' }), headers: ETAG_HEADER },
          ...NOT_MODIFIED,
          ...problemResponses(400, 401, 404, 429, 500),
        },
      },
    },
    async (request, reply) =>
      sendRepresentation(reply, representationOf(reply, ownItemSchema, ownItemResource(ownItemOf(request)))),
  );

  fastify.patch(
    '/:id/own-items/:ownItemId',
    {
      schema: {
        operationId: 'updateOwnItem',
        tags,
        summary: 'Change an own dated item',
        description: UPDATE_OWN_ITEM_DESCRIPTION,
        security: SECURITY,
        params: OwnItemParamsSchema,
        headers: IF_MATCH_HEADERS,
        consumes: PATCH_CONTENT_TYPES,
        body: UpdateOwnItemSchema,
        response: {
          200: { ...Type.Ref(OwnItemSchema, { description: 'The item as it is now.' }), headers: ETAG_HEADER },
          ...problemResponses(400, 401, 404, 412, 413, 415, 429, 500),
        },
      },
    },
    async (request, reply) => {
      const provider = providerOf(request);
      const old = ownItemOf(request);
      assertIfMatch(request, 'own item', () => representationOf(reply, ownItemSchema, ownItemResource(old)));
      const { insurer, title, due, note, from, time, done } = { ...old, ...request.body };
      const input = { insurer, title, due, note, from, time, done };
      const changed = changeOwnItem(parts(), provider.id, old.id, input, tenantOf(request).keyId);
      if (changed && 'problems' in changed) throw refused(changed.problems);
      if (!changed) throw notFound('own item');
      return sendRepresentation(reply, representationOf(reply, ownItemSchema, ownItemResource(changed.item)));
    },
  );

  fastify.delete(
    '/:id/own-items/:ownItemId',
    {
      schema: {
        operationId: 'removeOwnItem',
        tags,
        summary: 'Remove an own dated item',
        description:
          'Removes an own item from her timeline, feed and reminders. Its history keeps it, with who removed it and when.',
        security: SECURITY,
        params: OwnItemParamsSchema,
        headers: IF_MATCH_HEADERS,
        response: { 204: Type.Null({ description: 'Removed.' }), ...problemResponses(400, 401, 404, 412, 429, 500) },
      },
    },
    async (request, reply) => {
      const provider = providerOf(request);
      assertIfMatch(request, 'own item', () =>
        representationOf(reply, ownItemSchema, ownItemResource(ownItemOf(request))),
      );
      if (!fastify.store.ownDates.removeItem(provider.id, request.params.ownItemId, tenantOf(request).keyId))
        throw notFound('own item');
      return reply.code(204).send(null);
    },
  );

  fastify.get(
    '/:id/own-items/:ownItemId/history',
    {
      schema: {
        operationId: 'getOwnItemHistory',
        tags,
        summary: "An own item's history",
        description:
          'Every change of the own item, oldest first: created, changed, removed, with who (API key id), when, and the values before and after. Also for a removed item.',
        security: SECURITY,
        params: OwnItemParamsSchema,
        response: {
          200: { ...OwnDateHistorySchema, description: 'The history.' },
          ...problemResponses(400, 401, 404, 429, 500),
        },
      },
    },
    async (request) => {
      const provider = providerOf(request);
      const items = fastify.store.ownDates.history(provider.id, 'own-item', request.params.ownItemId);
      if (items.length === 0) throw notFound('own item');
      return { items };
    },
  );
};

export default ownItems;
