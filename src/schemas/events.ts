import { Type, type Static } from '@sinclair/typebox';
import { IdSchema, IsoDateSchema, TimestampSchema, nullable, stringEnum } from './common.js';
import { CursorQuery, NextCursor } from './paging.js';

/** Through which door an event was recorded or undone, shared by the event and its webhook payload. */
export const RecordingViaSchema = nullable(
  stringEnum(['api', 'web'] as const, {
    description:
      '`api`: through this API; `web`: on the web front door (her page, or the "gedaan" link of a digest); null for events recorded before the service kept this.',
  }),
);

/** The contact who acted on the web, by address. */
export const ContactActorSchema = nullable(
  Type.String({
    description:
      'On the web: the address of the contact who did it (the page link or digest link was hers); null through the API, or when the contact is gone since.',
    examples: ['anna@praktijk.nl'],
  }),
);

export const CreateEventSchema = Type.Object(
  {
    item: Type.String({
      minLength: 1,
      maxLength: 300,
      description: "Id of an item in the provider's timeline (as of today).",
      examples: ['cz-groep/2027/open-instroom/aanmelding'],
    }),
    date: {
      ...IsoDateSchema,
      description: 'The day it happened; not after today (Europe/Amsterdam).',
      examples: ['2026-03-10'],
    },
    note: Type.Optional(
      Type.String({
        maxLength: 2000,
        description: 'Free text for the audit trail.',
        examples: ['Contactformulier verstuurd door Anna'],
      }),
    ),
  },
  {
    additionalProperties: false,
    examples: [
      {
        item: 'cz-groep/2027/open-instroom/aanmelding',
        date: '2026-03-10',
        note: 'Contactformulier verstuurd door Anna',
      },
    ],
  },
);
export type CreateEventBody = Static<typeof CreateEventSchema>;

export const EventSchema = Type.Object(
  {
    id: IdSchema,
    item: Type.String(),
    date: IsoDateSchema,
    note: nullable(Type.String()),
    recordedBy: Type.String({
      description: 'Id of the API key that recorded it (on the web: the key that owns the provider).',
    }),
    recordedVia: RecordingViaSchema,
    recordedByContact: ContactActorSchema,
    recordedAt: TimestampSchema,
    undoneAt: nullable(TimestampSchema),
    undoneBy: nullable(Type.String({ description: 'Id of the API key that undid it.' })),
    undoneVia: RecordingViaSchema,
    undoneByContact: ContactActorSchema,
  },
  {
    $id: 'Event',
    title: 'Event',
    description:
      'A recorded event: the provider says a timeline item happened on `date`. Undone events stay in the audit trail.',
    examples: [
      {
        id: '7c9e6679-7425-40de-944b-e07fc1f90ae7',
        item: 'cz-groep/2027/open-instroom/aanmelding',
        date: '2026-03-10',
        note: 'Contactformulier verstuurd door Anna',
        recordedBy: '16fd2706-8baf-433b-82eb-8c7fada847da',
        recordedVia: 'web',
        recordedByContact: 'anna@praktijk.nl',
        recordedAt: '2026-03-10T14:02:11.000Z',
        undoneAt: null,
        undoneBy: null,
        undoneVia: null,
        undoneByContact: null,
      },
    ],
  },
);

export const EventListQuerySchema = Type.Object({
  includeUndone: Type.Optional(
    Type.Boolean({ default: false, description: 'Also list undone events (the whole audit trail).' }),
  ),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500, default: 100, description: 'Events per page.' })),
  cursor: CursorQuery,
});
export type EventListQuery = Static<typeof EventListQuerySchema>;

export const EventListSchema = Type.Object({
  items: Type.Array(Type.Ref(EventSchema), { description: 'Sorted by date, then when recorded.' }),
  next: NextCursor,
});

export const EventParamsSchema = Type.Object({
  id: Type.String({ minLength: 1, maxLength: 64, description: 'Provider id.' }),
  eventId: Type.String({ minLength: 1, maxLength: 64, description: 'Event id.' }),
});
