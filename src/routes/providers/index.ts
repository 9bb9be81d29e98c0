import { Type, type FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { sendAnswer, sendAnswerBytes, type CachedAnswer } from '../../plugins/app/answer-cache.js';
import { ifMatchHolds } from '../../plugins/app/etags.js';
import { preconditionFailed } from '../../plugins/app/preconditions.js';
import { IdempotencyKeyHeaders, idempotentCreate } from '../../plugins/app/idempotency.js';
import { tenantOf } from '../../plugins/app/auth.js';
import { changeProvider } from '../../operations/providers.js';
import { HttpProblem, invalidInput, notFound } from '../../problems.js';
import { LINK_HEADER } from '../../schemas/paging.js';
import { decodeCursor, encodeCursor, linkToNext } from '../paging.js';
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
  CreateProviderSchema,
  ProviderListQuerySchema,
  ProviderListSchema,
  ProviderParamsSchema,
  ProviderSchema,
  UpdateProviderSchema,
} from '../../schemas/providers.js';
import { NewContactCapError } from '../../store/new-contacts.js';
import { DuplicateAgbError } from '../../store/providers.js';
import { validateProviderInput } from '../../validation/provider-input.js';
import providerBatch from './batch.js';
import { providerResource } from './resource.js';
import {
  CREATE_PROVIDER_DESCRIPTION,
  UPDATE_PROVIDER_DESCRIPTION,
  ROTATE_FEED_TOKEN_DESCRIPTION,
} from './descriptions.js';

const tags = ['providers'];

const providers: FastifyPluginAsyncTypebox<{ publicBaseUrl: string }> = async (fastify, opts) => {
  fastify.addHook('onRequest', fastify.authenticate);
  const resource = (record: Parameters<typeof providerResource>[0]) => providerResource(record, opts.publicBaseUrl);

  /** A second provider with the same AGB code under one key is almost always a retried POST. */
  const saving = <T>(write: () => T): T => {
    try {
      return write();
    } catch (error) {
      if (error instanceof DuplicateAgbError)
        throw new HttpProblem(
          'duplicate-agb',
          `${error.message}: /api/v1/providers/${error.existingId}`,
          [{ field: 'agb', in: 'body', message: 'another provider of this API key has this AGB code' }],
          { location: `/api/v1/providers/${error.existingId}` },
        );
      if (error instanceof NewContactCapError)
        throw new HttpProblem(
          429,
          `this API key has added ${error.cap} new contact addresses in the last 24 hours (NEW_CONTACTS_PER_KEY_PER_DAY); nothing was changed: try again in ${error.retryAfterSeconds} seconds`,
          [{ field: 'contacts', in: 'body', message: `at most ${error.cap} new addresses per API key in 24 hours` }],
          { 'retry-after': String(error.retryAfterSeconds) },
        );
      throw error;
    }
  };

  /** The provider's answer as GET gives it (bytes and ETag), from the cache while it has not moved. */
  const currentAnswer = (
    request: Parameters<typeof tenantOf>[0],
    generation: string | null,
    serialize: (value: unknown) => string,
    id: string,
  ): CachedAnswer => {
    const tenant = tenantOf(request);
    // The version is read (tenant checked) on every request; the provider with its children only when it moved.
    const version = fastify.store.providers.versionOf(id, tenant, generation) ?? throwNotFound();
    return fastify.answerCache.answer(`provider\n${id}`, version, 'application/json; charset=utf-8', () =>
      serialize(resource(fastify.store.providers.get(id, tenant) ?? throwNotFound())),
    );
  };

  /** A change goes ahead only while the provider is as the client last read it (its If-Match). */
  const assertUnchanged = (
    request: Parameters<typeof tenantOf>[0] & { headers: Record<string, unknown>; generation?: string | null },
    serialize: (value: unknown) => string,
    id: string,
  ): void => {
    const ifMatch = request.headers['if-match'];
    if (typeof ifMatch !== 'string') return;
    const { etag } = currentAnswer(request, request.generation ?? null, serialize, id);
    if (!ifMatchHolds(ifMatch, etag)) throw preconditionFailed('provider', etag);
  };

  fastify.post(
    '',
    {
      schema: {
        operationId: 'createProvider',
        tags,
        summary: 'Register a provider',
        description: CREATE_PROVIDER_DESCRIPTION,
        security: SECURITY,
        headers: IdempotencyKeyHeaders,
        body: CreateProviderSchema,
        response: {
          201: { ...Type.Ref(ProviderSchema, { description: 'The registered provider.' }), headers: CREATED_HEADERS },
          ...problemResponses(400, 401, 409, 413, 415, 422, 429, 500),
        },
      },
    },
    async (request, reply) => {
      const creation = idempotentCreate(
        fastify,
        request,
        () => {
          const input = validateProviderInput(request.body, fastify.calendars);
          const provider = saving(() => fastify.store.providers.create(tenantOf(request).keyId, input));
          return { location: `/api/v1/providers/${provider.id}`, value: provider };
        },
        (location) => fastify.store.providers.get(location.split('/').at(-1)!, tenantOf(request)),
      );
      if (creation.replayed) reply.header('idempotent-replayed', 'true');
      // Answered as GET answers it, with its ETag: the client's next If-Match needs no read first.
      const answer = currentAnswer(request, null, (value) => reply.serialize(value) as string, creation.value.id);
      return sendAnswerBytes(reply.code(201).header('location', creation.location), answer);
    },
  );

  fastify.get(
    '',
    {
      schema: {
        operationId: 'listProviders',
        tags,
        summary: 'List providers',
        description:
          'The providers of this API key (every provider for an admin key), oldest first, one page at a time: `limit`, then `cursor` from `next` (or `Link: rel="next"`). `updatedSince` lists only those changed since an instant. `total` counts all matches. `offset` still works but is deprecated.',
        security: SECURITY,
        querystring: ProviderListQuerySchema,
        response: {
          200: { ...ProviderListSchema, description: 'One page of providers.', headers: LINK_HEADER },
          ...problemResponses(400, 401, 429, 500),
        },
      },
    },
    async (request, reply) => {
      // The schema's defaults are filled in by validation; spelled out again for the type only.
      const { kind, insurer, agb, updatedSince, cursor, limit = 20, offset = 0 } = request.query;
      if (cursor !== undefined && offset > 0)
        throw invalidInput([{ field: 'offset', in: 'querystring', message: 'cannot be combined with cursor' }]);
      const changedSince = updatedSince === undefined ? undefined : new Date(updatedSince).toISOString();
      const scope = JSON.stringify(['providers', kind, insurer, agb, changedSince]);
      const after = decodeCursor(cursor, scope, 2);
      const { items, total } = fastify.store.providers.list(tenantOf(request), {
        kind,
        insurer,
        agb,
        changedSince,
        offset,
        limit: limit + 1, // one more than the page: whether a next page follows
        ...(after ? { after: { createdAt: after[0]!, id: after[1]! } } : {}),
      });
      const page = items.slice(0, limit);
      const last = page.at(-1);
      const next = items.length > limit && last ? encodeCursor(scope, [last.createdAt, last.id]) : null;
      linkToNext(request, reply, next);
      return { items: page.map(resource), total, limit, offset, next };
    },
  );

  fastify.get(
    '/:id',
    {
      schema: {
        operationId: 'getProvider',
        tags,
        summary: 'Get a provider',
        description: 'The provider with its contracts, contacts and feed address, if this API key may see it.',
        security: SECURITY,
        params: ProviderParamsSchema,
        response: {
          200: { ...Type.Ref(ProviderSchema, { description: 'The provider.' }), headers: ETAG_HEADER },
          ...NOT_MODIFIED,
          ...problemResponses(400, 401, 404, 429, 500),
        },
      },
    },
    async (request, reply) => {
      const serialize = (value: unknown) => reply.serialize(value) as string;
      const answer = currentAnswer(request, request.generation ?? null, serialize, request.params.id);
      return sendAnswer(request, reply, answer);
    },
  );

  fastify.patch(
    '/:id',
    {
      schema: {
        operationId: 'updateProvider',
        tags,
        summary: 'Change a provider',
        description: UPDATE_PROVIDER_DESCRIPTION,
        security: SECURITY,
        params: ProviderParamsSchema,
        headers: IF_MATCH_HEADERS,
        consumes: PATCH_CONTENT_TYPES,
        body: UpdateProviderSchema,
        response: {
          200: { ...Type.Ref(ProviderSchema, { description: 'The changed provider.' }), headers: ETAG_HEADER },
          ...problemResponses(400, 401, 404, 409, 412, 413, 415, 429, 500),
        },
      },
    },
    async (request, reply) => {
      const serialize = (value: unknown) => reply.serialize(value) as string;
      assertUnchanged(request, serialize, request.params.id);
      const existing = fastify.store.providers.get(request.params.id, tenantOf(request)) ?? throwNotFound();
      const merged = {
        name: request.body.name ?? existing.name,
        agb: request.body.agb ?? existing.agb,
        kinds: request.body.kinds ?? existing.kinds,
        contracts: request.body.contracts ?? existing.contracts,
        contacts:
          request.body.contacts ??
          existing.contacts.map(({ email, name, language }) => ({
            email,
            language,
            ...(name === null ? {} : { name }),
          })),
        reminderDays: request.body.reminderDays ?? existing.reminderDays,
        showExpected: request.body.showExpected ?? existing.showExpected,
      };
      const changed = saving(() => changeProvider(fastify.store.providers, fastify.calendars, existing, merged));
      if ('problems' in changed) throw invalidInput(changed.problems);
      // Answered as GET would answer now, with its ETag: the client's next If-Match.
      // Not at the request's generation: that was read before this change (it would find the old version).
      const answer = currentAnswer(request, null, serialize, existing.id);
      return sendAnswerBytes(reply, answer);
    },
  );

  await fastify.register(providerBatch, { publicBaseUrl: opts.publicBaseUrl, resource });

  fastify.post(
    '/:id/feed-token',
    {
      schema: {
        operationId: 'rotateFeedToken',
        tags,
        summary: 'Replace the feed address',
        description: ROTATE_FEED_TOKEN_DESCRIPTION,
        security: SECURITY,
        params: ProviderParamsSchema,
        response: {
          200: Type.Ref(ProviderSchema, { description: 'The provider with its new feed address.' }),
          ...problemResponses(400, 401, 404, 429, 500),
        },
      },
    },
    async (request) => {
      const existing = fastify.store.providers.get(request.params.id, tenantOf(request)) ?? throwNotFound();
      return resource(fastify.store.providers.rotateFeedToken(existing));
    },
  );

  fastify.delete(
    '/:id',
    {
      schema: {
        operationId: 'deleteProvider',
        tags,
        summary: 'Delete a provider',
        description: 'Deletes the provider with its contracts, contacts and recorded events; its feed stops.',
        security: SECURITY,
        params: ProviderParamsSchema,
        headers: IF_MATCH_HEADERS,
        response: { 204: Type.Null({ description: 'Deleted.' }), ...problemResponses(400, 401, 404, 412, 429, 500) },
      },
    },
    async (request, reply) => {
      assertUnchanged(request, (value) => reply.serialize(value) as string, request.params.id);
      const provider = fastify.store.providers.get(request.params.id, tenantOf(request)) ?? throwNotFound();
      fastify.store.providers.delete(provider.id);
      return reply.code(204).send(null);
    },
  );
};

function throwNotFound(): never {
  throw notFound('provider');
}

export default providers;
