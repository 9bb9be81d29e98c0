import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { daysBetween } from '../../domain/plain-date.js';
import { invalidInput, notFound } from '../../problems.js';
import { LOCATION_HEADER, SECURITY, problemResponses } from '../../schemas/common.js';
import {
  MAX_RUN_DAYS_FROM_TODAY,
  OutboxListSchema,
  OutboxQuerySchema,
  RunParamsSchema,
  RunRemindersSchema,
  RunStatusSchema,
} from '../../schemas/reminders.js';
import { LINK_HEADER } from '../../schemas/paging.js';
import { decodeCursor, encodeCursor, linkToNext } from '../paging.js';
import { RUN_REMINDERS_DESCRIPTION } from './descriptions.js';

const tags = ['admin'];

const runPath = (day: string) => `/api/v1/admin/reminders/runs/${day}`;

function throwNotFound(day: string): never {
  throw notFound(`reminder run of ${day}`);
}

/** Operating the reminders: run a day by hand, look into the outbox. Admin keys only. */
const admin: FastifyPluginAsyncTypebox = async (fastify) => {
  fastify.addHook('onRequest', fastify.authenticate);
  fastify.addHook('onRequest', fastify.requireAdmin);
  const { outbox } = fastify.store;

  fastify.post(
    '/reminders/run',
    {
      schema: {
        operationId: 'runReminders',
        tags,
        summary: 'Start the reminder run of a day',
        description: RUN_REMINDERS_DESCRIPTION,
        security: SECURITY,
        body: RunRemindersSchema,
        response: {
          202: {
            ...RunStatusSchema,
            description: 'The run, started (or queued behind a run of this service).',
            headers: LOCATION_HEADER,
          },
          ...problemResponses(400, 401, 403, 413, 415, 429, 500),
        },
      },
    },
    async (request, reply) => {
      const today = fastify.today();
      const day = request.body?.date ?? today;
      const distance = Math.abs(daysBetween(today, day));
      if (distance > MAX_RUN_DAYS_FROM_TODAY && request.body?.force !== true)
        throw invalidInput([
          {
            field: 'date',
            in: 'body',
            message: `is ${distance} days from today (${today}): every contact would be mailed the statuses of that day; send "force": true to run it all the same`,
          },
        ]);
      request.log.info({ day, forced: request.body?.force === true }, 'reminders: run started by hand');
      fastify.reminders
        .runDay(day)
        .catch((error: unknown) => request.log.error({ err: error, day }, 'reminders: run failed'));
      // runDay recorded the run before returning, so it has a status already.
      return reply.code(202).header('location', runPath(day)).send(fastify.reminders.status(day)!);
    },
  );

  fastify.get(
    '/reminders/runs/:day',
    {
      schema: {
        operationId: 'getReminderRun',
        tags,
        summary: 'Follow a reminder run',
        description:
          "The state of a day's run and its digests: planned, sent, pending (still to send) and failed. Poll it until `state` is `finished`.",
        security: SECURITY,
        params: RunParamsSchema,
        response: {
          200: { ...RunStatusSchema, description: 'The run.' },
          ...problemResponses(400, 401, 403, 404, 429, 500),
        },
      },
    },
    async (request) => {
      return fastify.reminders.status(request.params.day) ?? throwNotFound(request.params.day);
    },
  );

  fastify.get(
    '/outbox',
    {
      schema: {
        operationId: 'listOutbox',
        tags,
        summary: 'List the mail outbox',
        description:
          'Every stored digest with its delivery state, newest first, one page at a time (`cursor` from `next` or `Link`; `offset` is deprecated); `?status=failed` lists what needs attention (the last SMTP answer is in `lastError`).',
        security: SECURITY,
        querystring: OutboxQuerySchema,
        response: {
          200: { ...OutboxListSchema, description: 'One page of the outbox.', headers: LINK_HEADER },
          ...problemResponses(400, 401, 403, 429, 500),
        },
      },
    },
    async (request, reply) => {
      // The schema's defaults are filled in by validation; spelled out again for the type only.
      const { status, day, cursor, limit = 50, offset = 0 } = request.query;
      if (cursor !== undefined && offset > 0)
        throw invalidInput([{ field: 'offset', in: 'querystring', message: 'cannot be combined with cursor' }]);
      const scope = JSON.stringify(['outbox', status, day]);
      const after = decodeCursor(cursor, scope, 2);
      const { items, total } = outbox.list({
        ...(status === undefined ? {} : { status }),
        ...(day === undefined ? {} : { day }),
        limit: limit + 1, // one more than the page: whether a next page follows
        offset,
        ...(after ? { after: { createdAt: after[0]!, id: after[1]! } } : {}),
      });
      const page = items.slice(0, limit);
      const last = page.at(-1);
      const next = items.length > limit && last ? encodeCursor(scope, [last.createdAt, last.id]) : null;
      linkToNext(request, reply, next);
      return { items: page, total, limit, offset, next };
    },
  );
};

export default admin;
