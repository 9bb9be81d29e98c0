import { Type, type Static } from '@sinclair/typebox';
import { IdSchema, IsoDateSchema, nullable, stringEnum } from './common.js';
import { ContractStatusSchema, ProviderKindSchema } from './providers.js';

export const TextSchema = Type.Object({ nl: Type.String(), en: Type.String() }, { description: 'Dutch and English wording.' });

export const ActorSchema = stringEnum(['provider', 'insurer'], {
  description: '`provider`: a deadline the provider can miss; `insurer`: a promise of the insurer (check VECOZO or write to `contact` when it passes unmet).',
});

export const DateFlagSchema = Type.Union(
  [
    Type.Object({ code: Type.Literal('weekend'), day: Type.Union([Type.Literal('zaterdag'), Type.Literal('zondag')]), lastWorkingDay: IsoDateSchema }),
    Type.Object({ code: Type.Literal('holiday'), name: Type.String(), lastWorkingDay: IsoDateSchema }),
  ],
  { description: 'The due date falls on a weekend day or public holiday: it is not moved; act on `lastWorkingDay`.' },
);

export const SourceSchema = Type.Object(
  { document: Type.String(), section: Type.String(), quote: Type.String() },
  { description: 'Where the line comes from: the insurer\'s document, its section and the quoted wording.' },
);

const timelineItemExample = {
  id: 'cz-groep/2027/ondertekenen',
  calendar: 'cz-groep/2027',
  calendarVersion: 2,
  insurer: 'cz-groep',
  title: { nl: 'Overeenkomst ondertekenen', en: 'Sign the agreement' },
  actor: 'provider',
  type: 'deadline',
  due: '2026-11-01',
  time: null,
  window: null,
  status: 'upcoming',
  chain: null,
  done: null,
  projected: false,
  flags: [{ code: 'weekend', day: 'zondag', lastWorkingDay: '2026-10-30' }],
  contact: 'inkoop.geboortezorg@cz.nl',
  note: null,
  source: { document: 'Zorginkoopbeleid Geboortezorg 2027', section: '4', quote: 'uiterlijk 1 november 2026' },
};

export const TimelineItemSchema = Type.Object(
  {
    id: Type.String({ description: 'Item id `<insurer>/<year>/<line>` (or `…/<chain>/<step>`); never renamed. Record events against it.' }),
    calendar: Type.String({ description: 'Calendar key `<insurer>/<year>`.' }),
    calendarVersion: Type.Integer({ minimum: 1, description: 'Version of the calendar the item was computed from (its `changes` log says what each version changed).' }),
    insurer: Type.String(),
    title: TextSchema,
    actor: ActorSchema,
    type: stringEnum(['deadline', 'info'], { description: '`info`: a computed date or a term end, never late.' }),
    due: { ...IsoDateSchema, description: 'Last day on which acting is in time.' },
    time: nullable(Type.String({ description: 'Time of day (Europe/Amsterdam) on the due date, `HH:MM`.' })),
    window: nullable(Type.Object({ from: IsoDateSchema, to: IsoDateSchema }, { description: 'Period in which it happens.' })),
    status: stringEnum(['upcoming', 'due-soon', 'overdue', 'done'], {
      description: '`due-soon`: within 14 days; `done`: recorded, or an informational date that has passed.',
    }),
    chain: nullable(Type.Object({ id: Type.String(), step: Type.Integer() }, { description: 'Chain of relative steps this item belongs to.' })),
    done: nullable({ ...IsoDateSchema, description: 'Date recorded for this item.' }),
    projected: Type.Boolean({ description: 'The date rests on an earlier step that is not recorded yet.' }),
    flags: Type.Array(DateFlagSchema),
    contact: Type.String({ description: 'Insurer address to write to about this item.' }),
    note: nullable(Type.String({ description: 'How the source was read, where it is ambiguous.' })),
    source: SourceSchema,
  },
  { $id: 'TimelineItem', title: 'TimelineItem', description: 'One date that applies to the provider.', examples: [timelineItemExample] },
);

export const TimelineQuerySchema = Type.Object({
  asOf: Type.Optional({ ...IsoDateSchema, description: 'Compute statuses as of this date (default: today in Europe/Amsterdam).' }),
  from: Type.Optional({ ...IsoDateSchema, description: 'Only items due on or after this date.' }),
  to: Type.Optional({ ...IsoDateSchema, description: 'Only items due on or before this date.' }),
  actor: Type.Optional(ActorSchema),
});
export type TimelineQuery = Static<typeof TimelineQuerySchema>;

export const TimelineSchema = Type.Object(
  {
    provider: Type.Object({ id: IdSchema, name: Type.String(), agb: Type.String(), kinds: Type.Array(ProviderKindSchema) }),
    asOf: IsoDateSchema,
    items: Type.Array(Type.Ref(TimelineItemSchema), { description: 'Sorted by due date (and time).' }),
  },
  { description: 'Every date that applies to the provider across its contracts.' },
);

export const CalendarTimelineQuerySchema = Type.Object({
  kind: ProviderKindSchema,
  status: ContractStatusSchema,
  asOf: Type.Optional({ ...IsoDateSchema, description: 'Compute statuses as of this date (default: today in Europe/Amsterdam).' }),
  attribute: Type.Optional(
    Type.Array(Type.String({ pattern: '^[^:]+:.+$', maxLength: 200 }), {
      maxItems: 20,
      description: 'Attribute the calendar declares, as `name:value`; repeat for more than one.',
      examples: [['organisatievorm:loondienst']],
    }),
  ),
  runsUntil: Type.Optional(Type.Integer({ minimum: 2000, maximum: 2100, description: 'Last year of an agreement that already runs: leaves out the signing round.' })),
});
export type CalendarTimelineQuery = Static<typeof CalendarTimelineQuerySchema>;

export const CalendarTimelineSchema = Type.Object(
  {
    calendar: Type.String({ examples: ['cz-groep/2027'] }),
    kind: ProviderKindSchema,
    status: ContractStatusSchema,
    attributes: Type.Record(Type.String(), Type.Union([Type.String(), Type.Number(), Type.Boolean()])),
    asOf: IsoDateSchema,
    items: Type.Array(Type.Ref(TimelineItemSchema)),
  },
  { description: 'The timeline of a provider of this kind and status, with no events recorded.' },
);
