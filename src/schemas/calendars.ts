import { Type } from '@sinclair/typebox';
import { IsoDateSchema, nullable, stringEnum } from './common.js';
import { AttributeValueSchema, ContractStatusSchema, ProviderKindSchema } from './providers.js';
import { ActorSchema, DateFlagSchema, SourceSchema, TextSchema } from './timeline.js';

const SectionSourceSchema = Type.Object({ section: Type.String(), quote: Type.String() });

export const CalendarSummarySchema = Type.Object(
  {
    key: Type.String({ examples: ['cz-groep/2027'] }),
    insurer: Type.String({ description: 'Insurer id: use it in contracts.', examples: ['cz-groep'] }),
    insurerName: Type.String({ examples: ['CZ'] }),
    year: Type.Integer({ description: 'Contract year.', examples: [2027] }),
    sector: Type.String({ examples: ['geboortezorg'] }),
    document: Type.Object(
      { title: Type.String(), publisher: Type.Optional(Type.String()), url: Type.Optional(Type.String()) },
      { description: "The insurer's purchasing policy this calendar is read from." },
    ),
    contact: Type.String({ description: 'Insurer address for questions about this calendar.' }),
    version: Type.Integer({
      minimum: 1,
      description: 'Raised with every change a provider can see; timeline items name it as calendarVersion.',
      examples: [3],
    }),
    published: nullable({
      ...IsoDateSchema,
      description: 'Publication date of the document: no event is dated before it (unless a line says recordableFrom).',
    }),
    attributes: Type.Record(
      Type.String(),
      Type.Object({
        description: Type.String(),
        values: Type.Array(AttributeValueSchema),
        source: Type.Optional(SectionSourceSchema),
      }),
      { description: 'Provider attributes this calendar distinguishes; a contract gives their values.' },
    ),
    terms: Type.Array(
      Type.Object({
        kinds: Type.Array(ProviderKindSchema),
        years: Type.Integer(),
        note: Type.Optional(Type.String()),
        source: SectionSourceSchema,
      }),
      { description: 'Contract terms (looptijd) per kind.' },
    ),
    kinds: Type.Array(ProviderKindSchema, { description: 'Kinds of provider that have lines in this calendar.' }),
  },
  {
    $id: 'CalendarSummary',
    title: 'CalendarSummary',
    description: "One insurer's contracting calendar for one contract year.",
  },
);

export const CalendarListSchema = Type.Object({ items: Type.Array(Type.Ref(CalendarSummarySchema)) });

export const PlanningLineSchema = Type.Object(
  {
    id: Type.String({ description: 'Item id, as in timelines.', examples: ['cz-groep/2027/ondertekenen'] }),
    chain: nullable(Type.Object({ id: Type.String(), step: Type.Integer(), trigger: Type.Boolean() })),
    title: TextSchema,
    actor: ActorSchema,
    type: stringEnum(['deadline', 'info', 'advice']),
    signing: Type.Boolean({ description: 'Part of the signing round: skipped while an agreement runs.' }),
    appliesTo: Type.Object({
      kinds: Type.Array(ProviderKindSchema),
      status: Type.Array(ContractStatusSchema),
      attributes: Type.Record(Type.String(), Type.Array(AttributeValueSchema)),
    }),
    rule: Type.Record(Type.String(), Type.Unknown(), {
      description: 'The date rule as written in the calendar (docs/calendar-format.md).',
      examples: [{ onOrBefore: '2026-11-01' }],
    }),
    due: nullable({
      ...IsoDateSchema,
      description: 'Due date of a fixed rule; null for a relative one (it depends on recorded events).',
    }),
    window: nullable(Type.Object({ from: IsoDateSchema, to: IsoDateSchema })),
    time: nullable(Type.String()),
    flags: Type.Array(DateFlagSchema),
    contact: Type.String(),
    note: nullable(Type.String()),
    cap: nullable(
      Type.Object(
        {
          id: Type.String({ description: 'Item id of the line this date may never pass, when that line applies.' }),
          reason: TextSchema,
        },
        { description: "A relative date is capped by another line's date (for example the close of the round)." },
      ),
    ),
    route: nullable(
      Type.String({
        description:
          "Chain id of the route this line belongs to, when the calendar gives alternative routes: recording another route's trigger removes it.",
      }),
    ),
    bindsWhen: nullable(
      Type.String({
        description: 'Item id of the request this line binds on: before it is recorded the line does not bind.',
      }),
    ),
    awaits: nullable(
      Type.String({
        description:
          'Item id of the trigger of a conditional chain: this step is on a timeline only once that is recorded.',
      }),
    ),
    recordableFrom: nullable({
      ...IsoDateSchema,
      description: 'A trigger that may predate the document: the earliest date it can be recorded.',
    }),
    reading: nullable({ ...TextSchema, description: 'The reading taken where the document is ambiguous.' }),
    source: SourceSchema,
  },
  {
    $id: 'PlanningLine',
    title: 'PlanningLine',
    description: "One dated line of the insurer's planning table, with its source.",
  },
);

export const CalendarSchema = Type.Composite([
  Type.Omit(CalendarSummarySchema, ['$id']),
  Type.Object({
    lines: Type.Array(Type.Ref(PlanningLineSchema), {
      description: 'Fixed dates first (in date order), then relative chains.',
    }),
  }),
]);

export const CalendarParamsSchema = Type.Object({
  insurer: Type.String({ minLength: 1, maxLength: 64, description: 'Insurer id.', examples: ['cz-groep'] }),
  year: Type.Integer({ minimum: 2000, maximum: 2100, description: 'Contract year.', examples: [2027] }),
});
