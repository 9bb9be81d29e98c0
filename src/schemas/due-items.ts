import { Type, type Static } from '@sinclair/typebox';
import { ITEM_GROUPS } from '../domain/groups.js';
import { ITEM_STATUSES } from '../domain/types.js';
import { IdSchema, IsoDateSchema, stringEnum } from './common.js';
import { ActorSchema, TimelineItemSchema } from './timeline.js';

/** The widest date range one query covers: a contracting year and a bit. */
export const MAX_DUE_RANGE_DAYS = 400;

export const DueItemsQuerySchema = Type.Object({
  from: Type.Optional({ ...IsoDateSchema, description: 'Items due on or after this date (default: today).' }),
  to: Type.Optional({
    ...IsoDateSchema,
    description: `Items due on or before this date (default: 30 days after \`from\`; at most ${MAX_DUE_RANGE_DAYS} days after it).`,
  }),
  asOf: Type.Optional({
    ...IsoDateSchema,
    description: 'Compute statuses as of this date (default: today in Europe/Amsterdam).',
  }),
  actor: Type.Optional(ActorSchema),
  status: Type.Optional(
    Type.Array(stringEnum([...ITEM_STATUSES]), {
      maxItems: ITEM_STATUSES.length,
      description: 'Only items with one of these statuses; repeat the parameter for more than one.',
    }),
  ),
  group: Type.Optional(
    stringEnum([...ITEM_GROUPS], { description: 'Only items of this group (`now`, `next`, `expected`, `history`).' }),
  ),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500, default: 100, description: 'Items per page.' })),
  cursor: Type.Optional(
    Type.String({
      maxLength: 400,
      pattern: '^[A-Za-z0-9_-]+$',
      description: 'From the previous page’s `next` (or its `Link: rel="next"`): the page after it.',
    }),
  ),
});
export type DueItemsQuery = Static<typeof DueItemsQuerySchema>;

export const DueItemsSchema = Type.Object(
  {
    asOf: IsoDateSchema,
    from: IsoDateSchema,
    to: IsoDateSchema,
    items: Type.Array(
      Type.Object({
        provider: Type.Object({ id: IdSchema, name: Type.String(), agb: Type.String() }),
        item: Type.Ref(TimelineItemSchema),
      }),
      { description: 'By due date, then provider id, then item id.' },
    ),
    next: Type.Union([Type.String(), Type.Null()], {
      description: 'The cursor of the next page; null on the last page.',
    }),
  },
  { description: 'One page of the dated items of every provider of this API key, in a date range.' },
);
