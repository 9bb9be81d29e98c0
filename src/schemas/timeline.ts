import { Type, type Static } from '@sinclair/typebox';
import { ITEM_GROUPS } from '../domain/groups.js';
import { ITEM_STATUSES } from '../domain/types.js';
import { IdSchema, IsoDateSchema, TimestampSchema, nullable, stringEnum } from './common.js';
import { ContractStatusSchema, ProviderKindSchema } from './providers.js';

export const TextSchema = Type.Object(
  { nl: Type.String(), en: Type.String() },
  { description: 'Dutch and English wording.' },
);

export const ActorSchema = stringEnum(['provider', 'insurer'], {
  description:
    '`provider`: a deadline the provider can miss; `insurer`: a promise of the insurer (check VECOZO or write to `contact` when it passes unmet).',
});

export const DateFlagSchema = Type.Union(
  [
    Type.Object({
      code: Type.Literal('weekend'),
      day: Type.Union([Type.Literal('zaterdag'), Type.Literal('zondag')]),
      lastWorkingDay: IsoDateSchema,
    }),
    Type.Object({ code: Type.Literal('holiday'), name: Type.String(), lastWorkingDay: IsoDateSchema }),
  ],
  { description: 'The due date falls on a weekend day or public holiday: it is not moved; act on `lastWorkingDay`.' },
);

export const SourceSchema = Type.Object(
  { document: Type.String(), section: Type.String(), quote: Type.String() },
  { description: "Where the line comes from: the insurer's document, its section and the quoted wording." },
);

export const DerivationSchema = Type.Object(
  {
    nl: Type.String({ description: 'The rule in words plus the arithmetic, in Dutch.' }),
    en: Type.String({ description: 'The same in English.' }),
    reading: nullable(TextSchema),
  },
  {
    description:
      'How the date came about, e.g. "aanbod overeenkomst 2027 ontvangen uiterlijk 30 september 2026 + 4 weken = 28 oktober 2026". `reading`: where the document is ambiguous, the reading taken.',
  },
);

export const ItemCorrectionSchema = Type.Object(
  {
    id: IdSchema,
    due: { ...IsoDateSchema, description: "The corrected date (the item's `due`)." },
    original: { ...IsoDateSchema, description: 'The date the calendar computed when she corrected it.' },
    reason: Type.String({ description: 'Her reason, e.g. "CZ gave us until 8 November, letter of 2 October".' }),
    by: Type.String({ description: 'Id of the API key that made the correction.' }),
    at: TimestampSchema,
    calendarNow: nullable({
      ...IsoDateSchema,
      description:
        'Set when a later calendar version computes another date than `original`: the correction stands, and she should check it.',
    }),
  },
  { description: 'Only on an item she corrected (`POST /api/v1/providers/{id}/corrections`).' },
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
  waitsFor: null,
  capped: null,
  bindsWhen: null,
  optional: false,
  impliedBy: null,
  derivation: {
    nl: 'uiterlijk 1 november 2026 (datum uit het document); valt op zondag: regel het uiterlijk vrijdag 30 oktober',
    en: 'by 1 November 2026 (date in the document); falls on a Sunday: see to it by Friday 30 October',
    reading: null,
  },
  flags: [{ code: 'weekend', day: 'zondag', lastWorkingDay: '2026-10-30' }],
  contact: 'inkoop.geboortezorg@cz.nl',
  note: null,
  source: { document: 'Zorginkoopbeleid Geboortezorg 2027', section: '4', quote: 'uiterlijk 1 november 2026' },
};

export const TimelineItemSchema = Type.Object(
  {
    id: Type.String({
      description:
        'Item id `<insurer>/<year>/<line>` (or `…/<chain>/<step>`); never renamed. Record events against it.',
    }),
    calendar: Type.String({ description: 'Calendar key `<insurer>/<year>`.' }),
    calendarVersion: Type.Integer({
      minimum: 1,
      description:
        'Version of the calendar the item was computed from (its `changes` log says what each version changed).',
    }),
    insurer: Type.String(),
    title: TextSchema,
    actor: ActorSchema,
    type: stringEnum(['deadline', 'info', 'advice', 'own', 'statutory'], {
      description:
        '`deadline`: binds; `info`: a computed date, term end or optional event, never late; `advice`: a date the insurer did not give (our advice), never overdue, never an insurer-late notice; `own`: a date the practice recorded herself (`POST /api/v1/providers/{id}/own-items`), binding her like a deadline, its source her note; `statutory`: a date the law gives every insurer and contract year (an NZa rule of calendars/legal.yaml, its source the rule, `calendarVersion` the version of the rule file), never overdue (past, it has `passed`), never an insurer-late notice; the publications of the insurer are not reminded, her own check on 12 November is.',
    }),
    due: nullable({
      ...IsoDateSchema,
      description:
        'Last day on which acting is in time. Null while the date counts from a step not recorded yet (`waitsFor`); `derivation` then says what follows, e.g. "2 weken na aanmelding".',
    }),
    time: nullable(Type.String({ description: 'Time of day (Europe/Amsterdam) on the due date, `HH:MM`.' })),
    window: nullable(
      Type.Object({ from: IsoDateSchema, to: IsoDateSchema }, { description: 'Period in which it happens.' }),
    ),
    status: stringEnum([...ITEM_STATUSES], {
      description:
        '`due-soon`: within 14 days; `overdue`: a binding deadline of hers passed with nothing recorded; `done`: recorded; `passed`: an informational, advisory, optional or not-requested date that passed; `waiting`: no date yet, it counts from a step not recorded; `not-started`: the start of a chain that may never happen (an announcement, a grant, a question), no date until it is recorded.',
    }),
    chain: nullable(
      Type.Object(
        { id: Type.String(), step: Type.Integer() },
        { description: 'Chain of relative steps this item belongs to.' },
      ),
    ),
    done: nullable({ ...IsoDateSchema, description: 'Date recorded for this item.' }),
    projected: Type.Boolean({ description: 'The date rests on an earlier step that is not recorded yet.' }),
    waitsFor: nullable(
      Type.String({ description: 'Item id of the unrecorded step this item will count from (when `due` is null).' }),
    ),
    capped: nullable(
      Type.Object(
        { item: Type.String(), due: IsoDateSchema, reason: TextSchema },
        { description: "The date was capped: no later than this line's date." },
      ),
    ),
    bindsWhen: nullable(
      Type.Object(
        { item: Type.String(), met: Type.Boolean() },
        { description: 'The line binds only once this request item is recorded (`met`).' },
      ),
    ),
    expected: Type.Optional(
      Type.Literal(true, {
        description:
          'A date of the next contract year expected from the latest published policy (same day and month), not yet published: never overdue, no reminders; it leaves the timeline once passed and is replaced by the real line when that year is encoded.',
      }),
    ),
    optional: Type.Boolean({
      description:
        'An act the provider may do ("u kunt", "wilt u …": an objection, a question, a request): a window that closes; unused it is `passed`, never `overdue`, and nothing reminds her afterwards.',
    }),
    impliedBy: nullable(
      Type.String({
        description:
          'Done because this later step, which concludes the round, is recorded (she signed, so the offer came): its item id. `done` is its date.',
      }),
    ),
    derivation: DerivationSchema,
    flags: Type.Array(DateFlagSchema, { description: 'Only where someone must act on the date.' }),
    contact: Type.String({ description: 'Insurer address to write to about this item.' }),
    note: nullable(Type.String({ description: 'How the source was read, where it is ambiguous.' })),
    source: SourceSchema,
    recorded: Type.Optional(
      Type.Object(
        {
          by: Type.String({ description: 'Id of the API key that recorded it.' }),
          at: TimestampSchema,
          revision: Type.Integer({ minimum: 1, description: 'One up with every change.' }),
        },
        { description: 'Her own items only (`type: own`): who recorded it and when.' },
      ),
    ),
    correction: Type.Optional(ItemCorrectionSchema),
    published: Type.Optional(
      Type.Object(
        {
          expected: nullable({
            ...IsoDateSchema,
            description: 'The date expected until the document came; null for a line that was not expected.',
          }),
          basis: Type.Integer({ description: 'The policy year the expected date was taken from.' }),
        },
        {
          description:
            'Only on a date of a contract year published since it was shown as expected, where the document moved it from the expected date or added it; while its round is open.',
        },
      ),
    ),
  },
  {
    $id: 'TimelineItem',
    title: 'TimelineItem',
    description: 'One date that applies to the provider.',
    examples: [timelineItemExample],
  },
);

export const TimelineQuerySchema = Type.Object(
  {
    asOf: Type.Optional({
      ...IsoDateSchema,
      description: 'Compute statuses as of this date (default: today in Europe/Amsterdam).',
    }),
    from: Type.Optional({ ...IsoDateSchema, description: 'Only items due on or after this date.' }),
    to: Type.Optional({ ...IsoDateSchema, description: 'Only items due on or before this date.' }),
    actor: Type.Optional(ActorSchema),
    group: Type.Optional(
      stringEnum([...ITEM_GROUPS], {
        description:
          'Only items of this group: `now` (overdue, due soon, hers to check, or an open window of hers), `next`, `expected`, `history` (done, passed, not recorded).',
      }),
    ),
  },
  { additionalProperties: false },
);
export type TimelineQuery = Static<typeof TimelineQuerySchema>;

export const TimelineSchema = Type.Object(
  {
    provider: Type.Object({
      id: IdSchema,
      name: Type.String(),
      agb: Type.String(),
      kinds: Type.Array(ProviderKindSchema),
    }),
    asOf: IsoDateSchema,
    items: Type.Array(Type.Ref(TimelineItemSchema), { description: 'Sorted by due date (and time).' }),
  },
  { description: 'Every date that applies to the provider across its contracts.' },
);

export const CalendarTimelineQuerySchema = Type.Object({
  kind: ProviderKindSchema,
  status: ContractStatusSchema,
  asOf: Type.Optional({
    ...IsoDateSchema,
    description: 'Compute statuses as of this date (default: today in Europe/Amsterdam).',
  }),
  attribute: Type.Optional(
    Type.Array(Type.String({ pattern: '^[^:]+:.+$', maxLength: 200 }), {
      maxItems: 20,
      description: 'Attribute the calendar declares, as `name:value`; repeat for more than one.',
      examples: [['organisatievorm:loondienst']],
    }),
  ),
  runsUntil: Type.Optional(
    Type.Integer({
      minimum: 2000,
      maximum: 2100,
      description: 'Last year of an agreement that already runs: leaves out the signing round.',
    }),
  ),
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
