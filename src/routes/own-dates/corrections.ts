import { Type, type FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { TimelineItem } from '../../domain/types.js';
import { tenantOf } from '../../plugins/app/auth.js';
import { IdempotencyKeyHeaders, idempotentCreate } from '../../plugins/app/idempotency.js';
import { computedDates, correctDate } from '../../operations/own-dates.js';
import { invalidInput, notFound } from '../../problems.js';
import { assertIfMatch, representationOf, sendRepresentation } from '../../plugins/app/preconditions.js';
import {
  ETAG_HEADER,
  IF_MATCH_HEADERS,
  CREATED_HEADERS,
  NOT_MODIFIED,
  SECURITY,
  problemResponses,
} from '../../schemas/common.js';
import {
  CorrectionListSchema,
  CorrectionParamsSchema,
  CorrectionSchema,
  CreateCorrectionSchema,
  OwnDateHistorySchema,
} from '../../schemas/own-dates.js';
import { ProviderParamsSchema } from '../../schemas/providers.js';
import type { CorrectionRecord } from '../../store/own-dates.js';
import type { ProviderRecord } from '../../store/providers.js';
import { LINK_HEADER, PageQuerySchema } from '../../schemas/paging.js';
import { decodeCursor, encodeCursor, linkToNext, pageOf } from '../paging.js';
import { CREATE_CORRECTION_DESCRIPTION } from './descriptions.js';
import { REPRESENTATIONS } from '../../schemas/representations.js';

const correctionSchema = REPRESENTATIONS.correction;

const tags = ['own dates'];

/** A correction with the date the calendar computes today, so a moved original shows. */
function correctionResource(correction: CorrectionRecord, computed: readonly TimelineItem[]) {
  return { ...correction, computed: computed.find((item) => item.id === correction.item)?.due ?? null };
}

/** Her corrections of computed dates: correct, list, undo, and each one's history. */
const corrections: FastifyPluginAsyncTypebox = async (fastify) => {
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
  const computedOf = (provider: ProviderRecord) => computedDates(parts(), provider);

  fastify.post(
    '/:id/corrections',
    {
      schema: {
        operationId: 'correctDate',
        tags,
        summary: 'Correct a computed date',
        description: CREATE_CORRECTION_DESCRIPTION,
        security: SECURITY,
        params: ProviderParamsSchema,
        headers: IdempotencyKeyHeaders,
        body: CreateCorrectionSchema,
        response: {
          201: { ...Type.Ref(CorrectionSchema, { description: 'The new correction.' }), headers: CREATED_HEADERS },
          200: Type.Ref(CorrectionSchema, { description: 'The changed correction of the same item.' }),
          ...problemResponses(400, 401, 404, 413, 415, 422, 429, 500),
        },
      },
    },
    async (request, reply) => {
      const provider = providerOf(request);
      const { item, due, reason } = request.body;
      let created = true;
      const creation = idempotentCreate(
        fastify,
        request,
        () => {
          const corrected = correctDate(parts(), provider, { item, due, reason }, tenantOf(request).keyId);
          if ('problems' in corrected)
            throw invalidInput(
              corrected.problems.map(({ field, message }) => ({ field, in: 'body' as const, message })),
              corrected.problems.some((problem) => problem.kind === 'item') ? 'unknown-step' : 'validation-failed',
            );
          created = corrected.created;
          const { correction, computed } = corrected;
          const location = `/api/v1/providers/${provider.id}/corrections/${correction.id}`;
          return { location, value: correctionResource(correction, computed) };
        },
        (location) => {
          const correction = fastify.store.ownDates.correction(provider.id, location.split('/').at(-1)!);
          return correction && correctionResource(correction, computedOf(provider));
        },
      );
      // A replay answers 201: the key's first request is what a client retries, and most create (docs/api.md).
      if (creation.replayed) reply.header('idempotent-replayed', 'true');
      // With the ETag its GET gives, so the client's next If-Match needs no read first.
      const answer = representationOf(reply, correctionSchema, creation.value);
      return sendRepresentation(reply.code(created ? 201 : 200).header('location', creation.location), answer);
    },
  );

  fastify.get(
    '/:id/corrections',
    {
      schema: {
        operationId: 'listCorrections',
        tags,
        summary: 'List corrections',
        description:
          "The provider's live corrections, each with the date the calendar computes today (`computed`): where it is not `original`, a calendar version moved it since and she should check her correction.",
        security: SECURITY,
        params: ProviderParamsSchema,
        querystring: PageQuerySchema,
        response: {
          200: { ...CorrectionListSchema, description: 'One page of corrections.', headers: LINK_HEADER },
          ...problemResponses(400, 401, 404, 429, 500),
        },
      },
    },
    async (request, reply) => {
      const provider = providerOf(request);
      const { limit = 100, cursor } = request.query;
      const scope = `corrections\n${provider.id}`;
      const all = fastify.store.ownDates.corrections(provider.id);
      const { page, last } = pageOf(all, (entry) => [entry.item], limit, decodeCursor(cursor, scope, 1));
      const next = last === null ? null : encodeCursor(scope, last);
      linkToNext(request, reply, next);
      const computed = computedOf(provider);
      return { items: page.map((entry) => correctionResource(entry, computed)), next };
    },
  );

  /** The correction as its GET answers it (with the date the calendar computes today). */
  const currentCorrection = (
    reply: Parameters<typeof representationOf>[0],
    request: { params: { id: string; correctionId: string } } & Parameters<typeof tenantOf>[0],
  ) => {
    const provider = providerOf(request);
    const correction = fastify.store.ownDates.correction(provider.id, request.params.correctionId);
    if (!correction) throw notFound('correction');
    return representationOf(reply, correctionSchema, correctionResource(correction, computedOf(provider)));
  };

  fastify.get(
    '/:id/corrections/:correctionId',
    {
      schema: {
        operationId: 'getCorrection',
        tags,
        summary: 'Get a correction',
        description:
          'The live correction with the date the calendar computes today; its `ETag` is what `If-Match` on undo compares.',
        security: SECURITY,
        params: CorrectionParamsSchema,
        response: {
          200: { ...Type.Ref(CorrectionSchema, { description: 'The correction.' }), headers: ETAG_HEADER },
          ...NOT_MODIFIED,
          ...problemResponses(400, 401, 404, 429, 500),
        },
      },
    },
    async (request, reply) => sendRepresentation(reply, currentCorrection(reply, request)),
  );

  fastify.delete(
    '/:id/corrections/:correctionId',
    {
      schema: {
        operationId: 'undoCorrection',
        tags,
        summary: 'Undo a correction',
        description:
          'Undoes a correction: the item is on its computed date again (its feed event moves back). The history keeps it, with who undid it and when.',
        security: SECURITY,
        params: CorrectionParamsSchema,
        headers: IF_MATCH_HEADERS,
        response: { 204: Type.Null({ description: 'Undone.' }), ...problemResponses(400, 401, 404, 412, 429, 500) },
      },
    },
    async (request, reply) => {
      const provider = providerOf(request);
      assertIfMatch(request, 'correction', () => currentCorrection(reply, request));
      if (!fastify.store.ownDates.removeCorrection(provider.id, request.params.correctionId, tenantOf(request).keyId))
        throw notFound('correction');
      return reply.code(204).send(null);
    },
  );

  fastify.get(
    '/:id/corrections/:correctionId/history',
    {
      schema: {
        operationId: 'getCorrectionHistory',
        tags,
        summary: "A correction's history",
        description:
          'Every change of the correction, oldest first: created, changed (corrected again), removed (undone), with who, when, and the values before and after.',
        security: SECURITY,
        params: CorrectionParamsSchema,
        response: {
          200: { ...OwnDateHistorySchema, description: 'The history.' },
          ...problemResponses(400, 401, 404, 429, 500),
        },
      },
    },
    async (request) => {
      const provider = providerOf(request);
      const items = fastify.store.ownDates.history(provider.id, 'correction', request.params.correctionId);
      if (items.length === 0) throw notFound('correction');
      return { items };
    },
  );
};

export default corrections;
