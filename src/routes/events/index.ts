import { Type, type FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { sendAnswer } from '../../plugins/app/answer-cache.js';
import { IdempotencyKeyHeaders, idempotentCreate } from '../../plugins/app/idempotency.js';
import { tenantOf } from '../../plugins/app/auth.js';
import { recordEvent, undoEvent, type EventProblem, type RecordingRules } from '../../operations/events.js';
import { invalidInput, notFound, type FieldError, type ProblemType } from '../../problems.js';
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
  CreateEventSchema,
  EventListQuerySchema,
  EventListSchema,
  EventParamsSchema,
  EventSchema,
} from '../../schemas/events.js';
import { ProviderParamsSchema } from '../../schemas/providers.js';
import type { EventRecord } from '../../store/events.js';
import { LINK_HEADER } from '../../schemas/paging.js';
import { cachedPage, decodeCursor, encodeCursor, linkToNext, pageOf } from '../paging.js';
import { RECORD_EVENT_DESCRIPTION } from './descriptions.js';
import { REPRESENTATIONS } from '../../schemas/representations.js';

const eventSchema = REPRESENTATIONS.event;

const tags = ['events'];

/** The API's notes are free text (the schema bounds them); a repeat is asked for with an Idempotency-Key. */
const API_RULES: RecordingRules = { note: 'free-text', sameTwiceIsOnce: false };

function eventResource(event: EventRecord) {
  const { providerId: _providerId, ...resource } = event;
  return resource;
}

const events: FastifyPluginAsyncTypebox = async (fastify) => {
  fastify.addHook('onRequest', fastify.authenticate);

  const actorOf = (request: Parameters<typeof tenantOf>[0]) => ({
    keyId: tenantOf(request).keyId,
    via: 'api' as const,
  });

  const providerOf = (request: { params: { id: string } } & Parameters<typeof tenantOf>[0]) => {
    const provider = fastify.store.providers.get(request.params.id, tenantOf(request));
    if (!provider) throw notFound('provider');
    return provider;
  };

  fastify.post(
    '/:id/events',
    {
      schema: {
        operationId: 'recordEvent',
        tags,
        summary: 'Record an event',
        description: RECORD_EVENT_DESCRIPTION,
        security: SECURITY,
        params: ProviderParamsSchema,
        headers: IdempotencyKeyHeaders,
        body: CreateEventSchema,
        response: {
          201: { ...Type.Ref(EventSchema, { description: 'The recorded event.' }), headers: CREATED_HEADERS },
          ...problemResponses(400, 401, 404, 413, 415, 422, 429, 500),
        },
      },
    },
    async (request, reply) => {
      const provider = providerOf(request);
      const { item, date, note } = request.body;
      const creation = idempotentCreate(
        fastify,
        request,
        () => {
          const parts = { events: fastify.store.events, calendars: fastify.calendars, today: fastify.today() };
          const result = recordEvent(parts, provider, { item, date, note: note ?? null }, actorOf(request), API_RULES);
          if ('problems' in result)
            throw invalidInput(
              result.problems.map((problem) => fieldError(problem, provider.id)),
              recordingProblemType(result.problems),
            );
          const { event } = result;
          return { location: `/api/v1/providers/${provider.id}/events/${event.id}`, value: event };
        },
        (location) => fastify.store.events.get(provider.id, location.split('/').at(-1)!),
      );
      if (creation.replayed) reply.header('idempotent-replayed', 'true');
      // With the ETag its GET gives, so the client's next If-Match needs no read first.
      const created = representationOf(reply, eventSchema, eventResource(creation.value));
      return sendRepresentation(reply.code(201).header('location', creation.location), created);
    },
  );

  fastify.get(
    '/:id/events',
    {
      schema: {
        operationId: 'listEvents',
        tags,
        summary: 'List recorded events',
        description:
          "The provider's recorded events by date, one page at a time (`limit`, and `cursor` from `next` or `Link`); with `includeUndone=true` also the undone ones (the audit trail).",
        security: SECURITY,
        params: ProviderParamsSchema,
        querystring: EventListQuerySchema,
        response: {
          200: { ...EventListSchema, description: 'One page of events.', headers: { ...ETAG_HEADER, ...LINK_HEADER } },
          ...NOT_MODIFIED,
          ...problemResponses(400, 401, 404, 429, 500),
        },
      },
    },
    async (request, reply) => {
      const { id } = request.params;
      const { limit = 100, cursor } = request.query;
      const includeUndone = request.query.includeUndone === true;
      const scope = `events\n${id}\n${includeUndone}`;
      const after = decodeCursor(cursor, scope, 3);
      // The feed counter moves with every recorded and undone event; the provider itself is not read.
      const version = fastify.store.providers.versionOf(id, tenantOf(request), request.generation);
      if (version === undefined) throw notFound('provider');
      const { answer, next } = cachedPage(fastify.answerCache, `${scope}\n${limit}\n${cursor ?? ''}`, version, () => {
        const all = fastify.store.events.list(id, includeUndone);
        const { page, last } = pageOf(all, (event) => [event.date, event.recordedAt, event.id], limit, after);
        const next = last === null ? null : encodeCursor(scope, last);
        return { body: reply.serialize({ items: page.map(eventResource), next }) as string, next };
      });
      linkToNext(request, reply, next);
      return sendAnswer(request, reply, answer);
    },
  );

  const eventOf = (request: { params: { id: string; eventId: string } } & Parameters<typeof tenantOf>[0]) => {
    const event = fastify.store.events.get(providerOf(request).id, request.params.eventId);
    if (!event) throw notFound('event');
    return event;
  };

  fastify.get(
    '/:id/events/:eventId',
    {
      schema: {
        operationId: 'getEvent',
        tags,
        summary: 'Get a recorded event',
        description:
          'The event, also when undone (then with who undid it and when); its `ETag` is what `If-Match` on undo compares.',
        security: SECURITY,
        params: EventParamsSchema,
        response: {
          200: { ...Type.Ref(EventSchema, { description: 'The event.' }), headers: ETAG_HEADER },
          ...NOT_MODIFIED,
          ...problemResponses(400, 401, 404, 429, 500),
        },
      },
    },
    async (request, reply) =>
      sendRepresentation(reply, representationOf(reply, eventSchema, eventResource(eventOf(request)))),
  );

  fastify.delete(
    '/:id/events/:eventId',
    {
      schema: {
        operationId: 'undoEvent',
        tags,
        summary: 'Undo an event',
        description:
          'Undoes a recorded event: the timeline no longer counts from it. The event stays in the audit trail, marked with who undid it and when.',
        security: SECURITY,
        params: EventParamsSchema,
        headers: IF_MATCH_HEADERS,
        response: { 204: Type.Null({ description: 'Undone.' }), ...problemResponses(400, 401, 404, 412, 429, 500) },
      },
    },
    async (request, reply) => {
      const provider = providerOf(request);
      assertIfMatch(request, 'event', () => representationOf(reply, eventSchema, eventResource(eventOf(request))));
      if (!undoEvent(fastify.store.events, provider.id, request.params.eventId, actorOf(request)))
        throw notFound('event');
      return reply.code(204).send(null);
    },
  );
};

export default events;

/** The cause a client acts on first: a step that is not hers, else a date outside what the step allows. */
function recordingProblemType(problems: EventProblem[]): ProblemType {
  if (problems.some((problem) => problem.kind === 'not-an-item')) return 'unknown-step';
  if (problems.some((problem) => problem.kind === 'after-today' || problem.kind === 'too-early'))
    return 'event-date-out-of-range';
  return 'validation-failed';
}

function fieldError(problem: EventProblem, providerId: string): FieldError {
  return { field: problem.field, in: 'body', message: apiMessage(problem, providerId) };
}

/** A recording problem as the API says it, naming the allowed range or where to look. */
function apiMessage(problem: EventProblem, providerId: string): string {
  switch (problem.kind) {
    case 'not-a-date':
      return 'must be a real date YYYY-MM-DD';
    case 'after-today':
      return `must not be after today (${problem.today}, Europe/Amsterdam)`;
    case 'too-early':
      return `must be between ${problem.from} and ${problem.to}: not before ${problem.reason} (${problem.from})`;
    case 'not-an-item':
      return `is not an item of this provider's timeline (GET /api/v1/providers/${providerId}/timeline)`;
    case 'bad-note':
      return `must be at most ${problem.maxLength} characters`;
  }
}
