import { Type, type Static } from '@sinclair/typebox';
import { IdSchema, IsoDateSchema, TimestampSchema, nullable } from './common.js';
import { NextCursor } from './paging.js';

const insurer = nullable(
  Type.String({
    minLength: 1,
    maxLength: 64,
    description:
      'The insurer it concerns: the id of an insurer with a calendar (`GET /api/v1/calendars`) or a lower-case slug (`vgz`) for one without a document here; null for her own preparation date.',
    examples: ['vgz'],
  }),
);
const title = Type.String({
  minLength: 1,
  maxLength: 200,
  description: 'What is due, one line.',
  examples: ['Vragenlijst VGZ invullen'],
});
const note = Type.String({
  minLength: 1,
  maxLength: 500,
  description: "Where the date comes from, one line: it is the item's source.",
  examples: ['e-mail van VGZ, 3 april'],
});
const from = nullable({ ...IsoDateSchema, description: 'The day the window opens, when `due` ends one.' });
const time = nullable(
  Type.String({ pattern: '^\\d{2}:\\d{2}$', description: 'Time of day `HH:MM` (Europe/Amsterdam) on the due date.' }),
);
const done = nullable({ ...IsoDateSchema, description: 'The day she did it; not after today.' });

export const CreateOwnItemSchema = Type.Object(
  {
    insurer,
    title,
    due: { ...IsoDateSchema, description: 'Last day on which acting is in time.' },
    note,
    from: Type.Optional(from),
    time: Type.Optional(time),
    done: Type.Optional(done),
  },
  {
    additionalProperties: false,
    examples: [
      { insurer: 'vgz', title: 'Vragenlijst VGZ invullen', due: '2027-04-15', note: 'e-mail van VGZ, 3 april' },
    ],
  },
);
export type CreateOwnItemBody = Static<typeof CreateOwnItemSchema>;

export const UpdateOwnItemSchema = Type.Object(
  {
    insurer: Type.Optional(insurer),
    title: Type.Optional(title),
    due: Type.Optional({ ...IsoDateSchema, description: 'Last day on which acting is in time.' }),
    note: Type.Optional(note),
    from: Type.Optional(from),
    time: Type.Optional(time),
    done: Type.Optional(done),
  },
  {
    additionalProperties: false,
    minProperties: 1,
    examples: [{ due: '2027-04-22', note: 'e-mail van VGZ, 10 april' }],
  },
);

export const OwnItemSchema = Type.Object(
  {
    id: IdSchema,
    item: Type.String({ description: 'Its id in the timeline and feed: `own/<id>`.' }),
    insurer,
    title: Type.String(),
    due: IsoDateSchema,
    from: nullable(IsoDateSchema),
    time: nullable(Type.String()),
    note: Type.String({ description: 'Where the date comes from.' }),
    done: nullable(IsoDateSchema),
    revision: Type.Integer({ minimum: 1, description: '1 when recorded, one up with every change.' }),
    recordedBy: Type.String({ description: 'Id of the API key that recorded it.' }),
    recordedAt: TimestampSchema,
    updatedBy: Type.String({ description: 'Id of the API key that changed it last.' }),
    updatedAt: TimestampSchema,
  },
  { $id: 'OwnItem', title: 'OwnItem', description: 'A dated item the practice recorded herself.' },
);

export const OwnItemListSchema = Type.Object({
  items: Type.Array(Type.Ref(OwnItemSchema), { description: 'Live own items by due date.' }),
  next: NextCursor,
});

export const CreateCorrectionSchema = Type.Object(
  {
    item: Type.String({
      minLength: 1,
      maxLength: 300,
      description: "Id of a dated calendar item of the provider's timeline.",
      examples: ['cz-groep/2027/ondertekenen'],
    }),
    due: { ...IsoDateSchema, description: 'The date that holds for her instead of the computed one.' },
    reason: Type.String({
      minLength: 1,
      maxLength: 500,
      description: 'Why, one line.',
      examples: ['CZ gave us until 8 November, letter of 2 October'],
    }),
  },
  {
    additionalProperties: false,
    examples: [
      {
        item: 'cz-groep/2027/ondertekenen',
        due: '2026-11-08',
        reason: 'CZ gave us until 8 November, letter of 2 October',
      },
    ],
  },
);
export type CreateCorrectionBody = Static<typeof CreateCorrectionSchema>;

export const CorrectionSchema = Type.Object(
  {
    id: IdSchema,
    item: Type.String({ description: 'The corrected timeline item.' }),
    due: IsoDateSchema,
    original: { ...IsoDateSchema, description: 'The date the calendar computed when she corrected it.' },
    reason: Type.String(),
    recordedBy: Type.String({ description: 'Id of the API key that made (or last changed) the correction.' }),
    recordedAt: TimestampSchema,
    computed: nullable({
      ...IsoDateSchema,
      description:
        'The date the calendar computes today; differs from `original` after a calendar version moved it (she should check). Null when the item is no longer in her timeline.',
    }),
  },
  { $id: 'Correction', title: 'Correction', description: 'Her correction of one computed date, with her reason.' },
);

export const CorrectionListSchema = Type.Object({
  items: Type.Array(Type.Ref(CorrectionSchema), { description: 'Live corrections by item id.' }),
  next: NextCursor,
});

const values = nullable(
  Type.Object({}, { additionalProperties: true, description: 'The values (as in the request) before or after.' }),
);

export const OwnDateHistorySchema = Type.Object({
  items: Type.Array(
    Type.Object({
      action: Type.Union([Type.Literal('created'), Type.Literal('changed'), Type.Literal('removed')]),
      by: Type.String({ description: 'Id of the API key that made the change.' }),
      at: TimestampSchema,
      old: values,
      new: values,
    }),
    { description: 'Oldest first.' },
  ),
});

export const OwnItemParamsSchema = Type.Object({
  id: Type.String({ minLength: 1, maxLength: 64, description: 'Provider id.' }),
  ownItemId: Type.String({ minLength: 1, maxLength: 64, description: 'Own item id.' }),
});

export const CorrectionParamsSchema = Type.Object({
  id: Type.String({ minLength: 1, maxLength: 64, description: 'Provider id.' }),
  correctionId: Type.String({ minLength: 1, maxLength: 64, description: 'Correction id.' }),
});
