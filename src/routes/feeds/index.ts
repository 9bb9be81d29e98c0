import { type FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { kindsOf, type CompiledCalendar } from '../../domain/calendar.js';
import type { RenderedFeed } from '../../feeds/cache.js';
import { isNotModified } from '../../feeds/conditional.js';
import { HttpProblem, invalidInput, notFound } from '../../problems.js';
import { problemResponses } from '../../schemas/common.js';
import {
  CalendarFeedParamsSchema,
  CalendarFeedQuerySchema,
  CombinedFeedQuerySchema,
  FEED_CONTENT_TYPE,
  FeedTokenParamsSchema,
  feedResponses,
} from '../../schemas/feeds.js';

import { parseSituation, queryOf, situationQuery } from '../../web/situation-query.js';
import {
  GET_ALL_CALENDARS_FEED_DESCRIPTION,
  GET_CALENDAR_FEED_DESCRIPTION,
  GET_SITUATION_FEED_DESCRIPTION,
  GET_PROVIDER_FEED_DESCRIPTION,
} from './descriptions.js';

const tags = ['feeds'];

const SITUATION_PROBLEMS = {
  'no-kind': 'give at least one kind of care (kind=verloskunde)',
  'no-contract': 'give at least one calendar as existing or new (c:cz-groep:2027=new)',
  'bad-value': 'no such status or attribute value (GET /api/v1/calendars)',
  'unknown-insurer': 'no such insurer or contract year (GET /api/v1/insurers)',
};

/** The feed's bytes with its validators, or 304 when the client's copy is still this one. */
function sendFeed(request: FastifyRequest, reply: FastifyReply, feed: RenderedFeed, cacheControl: string) {
  reply
    .header('content-type', FEED_CONTENT_TYPE)
    .header('etag', feed.etag)
    .header('last-modified', feed.lastModified)
    .header('cache-control', cacheControl);
  const { 'if-none-match': ifNoneMatch, 'if-modified-since': ifModifiedSince } = request.headers;
  if (isNotModified(feed, ifNoneMatch, ifModifiedSince)) return reply.code(304).send();
  return reply.send(feed.body);
}

/** 404 naming the kinds each calendar does list. */
function kindNotListed(calendars: readonly CompiledCalendar[], kind: string): HttpProblem {
  const lists = calendars.map((calendar) => `${calendar.key} lists ${kindsOf(calendar).join(', ')}`).join('; ');
  return new HttpProblem('not-found', `kind "${kind}" not found: ${lists}`);
}

const feeds: FastifyPluginAsyncTypebox<{ publicBaseUrl: string }> = async (fastify, { publicBaseUrl }) => {
  fastify.get(
    '/calendars.ics',
    {
      schema: {
        operationId: 'getAllCalendarsFeed',
        tags,
        summary: 'Public feed of several calendars',
        description: GET_ALL_CALENDARS_FEED_DESCRIPTION,
        querystring: CombinedFeedQuerySchema,
        response: { ...feedResponses('The combined feed'), ...problemResponses(400, 404, 500) },
      },
    },
    async (request, reply) => {
      const { calendar: keys, kind, status } = request.query;
      const known = fastify.calendars.all();
      const selected: CompiledCalendar[] = [];
      const unknown: string[] = [];
      for (const key of keys ?? known.map((calendar) => calendar.key)) {
        const calendar = known.find((candidate) => candidate.key === key);
        if (calendar) selected.push(calendar);
        else unknown.push(key);
      }
      if (unknown.length > 0) {
        throw invalidInput(
          unknown.map((key) => ({
            field: 'calendar',
            in: 'querystring',
            message: `no calendar "${key}"; known: ${known.map((c) => c.key).join(', ')}`,
          })),
        );
      }
      // Named calendars must each list the kind; with none named, the calendars that list it are combined.
      const listing = selected.filter((calendar) => kindsOf(calendar).includes(kind));
      const missing =
        keys === undefined
          ? listing.length === 0
            ? selected
            : []
          : selected.filter((calendar) => !listing.includes(calendar));
      if (missing.length > 0) throw kindNotListed(missing, kind);
      return sendFeed(request, reply, fastify.feeds.calendarFeed(listing, kind, status), 'public, no-cache');
    },
  );

  fastify.get(
    '/calendars/:insurer/:year.ics',
    {
      schema: {
        operationId: 'getCalendarFeed',
        tags,
        summary: 'Public feed of one calendar',
        description: GET_CALENDAR_FEED_DESCRIPTION,
        params: CalendarFeedParamsSchema,
        querystring: CalendarFeedQuerySchema,
        response: { ...feedResponses("The calendar's feed"), ...problemResponses(400, 404, 500) },
      },
    },
    async (request, reply) => {
      const { insurer, year } = request.params;
      const calendar = fastify.calendars.get(insurer, year);
      if (!calendar) throw notFound(`calendar ${insurer}/${year}`);
      if (!kindsOf(calendar).includes(request.query.kind)) throw kindNotListed([calendar], request.query.kind);
      return sendFeed(
        request,
        reply,
        fastify.feeds.calendarFeed([calendar], request.query.kind, request.query.status),
        'public, no-cache',
      );
    },
  );

  fastify.get(
    '/situatie.ics',
    {
      schema: {
        operationId: 'getSituationFeed',
        tags,
        summary: 'Public feed of one situation',
        description: GET_SITUATION_FEED_DESCRIPTION,
        response: { ...feedResponses("The situation's feed"), ...problemResponses(400, 500) },
      },
    },
    async (request, reply) => {
      const { situation, problems } = parseSituation(queryOf(request.url), fastify.calendars);
      if (problems.length > 0) {
        throw invalidInput(
          problems.map((problem) => ({
            field: problem.field,
            in: 'querystring',
            message: SITUATION_PROBLEMS[problem.code],
          })),
        );
      }
      const query = situationQuery(situation);
      return sendFeed(
        request,
        reply,
        fastify.feeds.situationFeed(situation, query, `${publicBaseUrl}/situatie?${query}`),
        'public, no-cache',
      );
    },
  );

  fastify.get(
    '/:token.ics',
    {
      schema: {
        operationId: 'getProviderFeed',
        tags,
        summary: "A provider's secret feed",
        description: GET_PROVIDER_FEED_DESCRIPTION,
        params: FeedTokenParamsSchema,
        response: { ...feedResponses("The provider's feed"), ...problemResponses(404, 500) },
      },
    },
    async (request, reply) => {
      const feed = fastify.feeds.providerFeed(request.params.token);
      if (!feed) throw notFound('feed');
      // A secret address: no shared cache may keep it, and search engines should not list it.
      reply.header('x-robots-tag', 'noindex');
      return sendFeed(request, reply, feed, 'private, no-cache');
    },
  );
};

export default feeds;
