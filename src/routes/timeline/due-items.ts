import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { groupOf, roundClosesOf } from '../../domain/groups.js';
import { NO_OWN_DATES, timelineWithOwnDates } from '../../domain/own-items.js';
import { addDays, daysBetween } from '../../domain/plain-date.js';
import type { TimelineItem } from '../../domain/types.js';
import { tenantOf } from '../../plugins/app/auth.js';
import { invalidInput } from '../../problems.js';
import { SECURITY, problemResponses } from '../../schemas/common.js';
import { LINK_HEADER } from '../../schemas/paging.js';
import { DueItemsQuerySchema, DueItemsSchema, MAX_DUE_RANGE_DAYS } from '../../schemas/due-items.js';
import { decodeCursor, encodeCursor, linkToNext } from '../paging.js';
import { DUE_ITEMS_DESCRIPTION } from './descriptions.js';

/** Providers read per batch: their events and own dates with one query each. */
const BATCH = 200;

interface DueItem {
  provider: { id: string; name: string; agb: string };
  item: TimelineItem;
}

/** The order of a page and its cursor: due date, provider, item; all three are stable for a given day. */
const orderKey = (entry: DueItem) => `${entry.item.due}\u0000${entry.provider.id}\u0000${entry.item.id}`;

/** `GET /api/v1/timeline`: what is due across every provider of the key, one page at a time (cursor paging). */
const dueItems: FastifyPluginAsyncTypebox = async (fastify) => {
  fastify.addHook('onRequest', fastify.authenticate);

  fastify.get(
    '',
    {
      schema: {
        operationId: 'listDueItems',
        tags: ['timeline'],
        summary: 'Due items across providers',
        description: DUE_ITEMS_DESCRIPTION,
        security: SECURITY,
        querystring: DueItemsQuerySchema,
        response: {
          200: {
            ...DueItemsSchema,
            description: 'One page of due items.',
            headers: LINK_HEADER,
          },
          ...problemResponses(400, 401, 429, 500),
        },
      },
    },
    async (request, reply) => {
      const today = fastify.today();
      const { asOf = today, actor, status, group, limit = 100, cursor } = request.query;
      const from = request.query.from ?? today;
      const to = request.query.to ?? addDays(from, 30);
      if (to < from) throw invalidInput([{ field: 'to', in: 'querystring', message: 'must not be before from' }]);
      if (daysBetween(from, to) > MAX_DUE_RANGE_DAYS)
        throw invalidInput([
          { field: 'to', in: 'querystring', message: `must be at most ${MAX_DUE_RANGE_DAYS} days after from` },
        ]);
      const scope = JSON.stringify(['due-items', from, to]);
      const after = decodeCursor(cursor, scope, 1)?.[0];
      const statuses = status === undefined ? undefined : new Set(status);
      const tenant = tenantOf(request);
      const found: DueItem[] = [];
      for (let offset = 0; ; offset += BATCH) {
        const { items: providers } = fastify.store.providers.list(tenant, { limit: BATCH, offset });
        if (providers.length === 0) break;
        const ids = providers.map((provider) => provider.id);
        const events = fastify.store.events.recordedEventsOf(ids);
        const ownDates = fastify.store.ownDates.ownDatesOf(ids);
        for (const provider of providers) {
          const own = ownDates.get(provider.id) ?? NO_OWN_DATES; // the batch lists only providers that have some
          for (const item of timelineWithOwnDates(
            provider,
            fastify.calendars,
            events.get(provider.id) ?? [],
            own,
            asOf,
          )) {
            if (item.due === null || item.due < from || item.due > to) continue;
            if (actor !== undefined && item.actor !== actor) continue;
            if (statuses !== undefined && !statuses.has(item.status)) continue;
            if (group !== undefined && groupOf(item, asOf, roundClosesOf(fastify.calendars, item.calendar)) !== group)
              continue;
            const entry = { provider: { id: provider.id, name: provider.name, agb: provider.agb }, item };
            if (after === undefined || orderKey(entry) > after) found.push(entry);
          }
        }
        if (providers.length < BATCH) break;
      }
      found.sort((a, b) => (orderKey(a) < orderKey(b) ? -1 : orderKey(a) > orderKey(b) ? 1 : 0));
      const page = found.slice(0, limit);
      const last = page.at(-1);
      const next = found.length > limit && last ? encodeCursor(scope, [orderKey(last)]) : null;
      // The range is in the next page's address too: without from and to it would be today's default range.
      linkToNext(request, reply, next, { from, to });
      return { asOf, from, to, items: page, next };
    },
  );
};

export default dueItems;
