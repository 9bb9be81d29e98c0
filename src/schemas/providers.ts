import { Type, type Static } from '@sinclair/typebox';
import { LANGUAGES } from '../domain/language.js';
import { CONTRACT_STATUSES, PROVIDER_KINDS } from '../domain/types.js';
import { IdSchema, TimestampSchema, nullable, stringEnum } from './common.js';
import { CursorQuery, NextCursor } from './paging.js';

export const ProviderKindSchema = stringEnum(PROVIDER_KINDS, {
  description: 'Kind of care the provider gives.',
  examples: ['verloskunde'],
});

export const ContractStatusSchema = stringEnum(CONTRACT_STATUSES, {
  description: '`existing`: contracted with this insurer in the current year; `new`: a new provider for this insurer.',
});

export const AttributeValueSchema = Type.Union([Type.String({ maxLength: 100 }), Type.Number(), Type.Boolean()]);

export const ContractSchema = Type.Object(
  {
    insurer: Type.String({
      minLength: 1,
      maxLength: 64,
      description: 'Insurer id of a calendar (`GET /api/v1/calendars`).',
      examples: ['cz-groep'],
    }),
    year: Type.Integer({
      minimum: 2000,
      maximum: 2100,
      description: 'Contract year of that calendar.',
      examples: [2027],
    }),
    status: ContractStatusSchema,
    runsUntil: Type.Optional(
      Type.Integer({
        minimum: 2000,
        maximum: 2100,
        description:
          'Last year of an agreement that already runs (multi-year contract): no signing round up to that year.',
        examples: [2027],
      }),
    ),
    attributes: Type.Optional(
      Type.Record(Type.String({ maxLength: 64 }), AttributeValueSchema, {
        maxProperties: 20,
        description:
          'Values of the attributes that calendar declares (`attributes` of `GET /api/v1/calendars/{insurer}/{year}`).',
        examples: [{ organisatievorm: 'loondienst' }],
      }),
    ),
  },
  { additionalProperties: false, description: "A contract year with one insurer: it selects that insurer's calendar." },
);

export const LanguageSchema = stringEnum(LANGUAGES, {
  description: 'Language of e-mails to this contact.',
  default: 'nl',
});

export const ContactInputSchema = Type.Object(
  {
    email: Type.String({
      format: 'email',
      minLength: 3,
      maxLength: 254,
      description: 'Where reminders go.',
      examples: ['planning@verloskundigen-noord.nl'],
    }),
    name: Type.Optional(
      Type.String({
        minLength: 1,
        maxLength: 100,
        description: 'Person or role; no line breaks, `<`, `>`, `"` or `\\`.',
        examples: ['Anna de Vries'],
      }),
    ),
    language: Type.Optional(LanguageSchema),
  },
  { additionalProperties: false },
);

export const ContactSchema = Type.Object({
  email: Type.String({ examples: ['planning@verloskundigen-noord.nl'] }),
  name: nullable(Type.String({ examples: ['Anna de Vries'] })),
  // As stored: always present, so no default here (a default beside `required` confuses generated clients).
  language: stringEnum(LANGUAGES, { description: 'Language of e-mails to this contact.' }),
});

const name = Type.String({
  minLength: 1,
  maxLength: 200,
  description: 'Name of the practice or organisation; no line breaks or control characters.',
  examples: ['Verloskundigenpraktijk Noord'],
});
const agb = Type.String({ pattern: '^[0-9]{8}$', description: 'AGB code (Vektis): 8 digits.', examples: ['01234567'] });
const kinds = Type.Array(ProviderKindSchema, {
  minItems: 1,
  maxItems: PROVIDER_KINDS.length,
  uniqueItems: true,
  description: 'Every kind of care the provider gives (at least one, no repeats).',
  examples: [['verloskunde']],
});
const contracts = Type.Array(ContractSchema, {
  maxItems: 50,
  description: 'One entry per insurer and contract year; no two for the same insurer and year.',
});
const contacts = Type.Array(ContactInputSchema, {
  maxItems: 20,
  description: 'Who receives reminders; no repeated addresses.',
});
const reminderDays = Type.Array(Type.Integer({ minimum: 0, maximum: 365 }), {
  maxItems: 20,
  uniqueItems: true,
  description: 'Days before a due date on which reminders go out (0 = on the day).',
  examples: [[14, 7, 1]],
});

export const DEFAULT_REMINDER_DAYS = [14, 7, 1];

const showExpected = Type.Boolean({
  description:
    "Show the next contract year's expected dates (from the latest published policy, marked `expected`) in the timeline, feed and pages; default true.",
});

const providerExample = {
  name: 'Verloskundigenpraktijk Noord',
  agb: '01234567',
  kinds: ['verloskunde'],
  contracts: [{ insurer: 'cz-groep', year: 2027, status: 'existing' }],
  contacts: [{ email: 'planning@verloskundigen-noord.nl', name: 'Anna de Vries', language: 'nl' }],
  reminderDays: [14, 7, 1],
};

export const CreateProviderSchema = Type.Object(
  {
    name,
    agb,
    kinds,
    contracts: Type.Optional(contracts),
    contacts: Type.Optional(contacts),
    reminderDays: Type.Optional(reminderDays),
    showExpected: Type.Optional(showExpected),
  },
  { additionalProperties: false, examples: [providerExample] },
);
export type CreateProviderBody = Static<typeof CreateProviderSchema>;

export const UpdateProviderSchema = Type.Object(
  {
    name: Type.Optional(name),
    agb: Type.Optional(agb),
    kinds: Type.Optional(kinds),
    contracts: Type.Optional(contracts),
    contacts: Type.Optional(contacts),
    reminderDays: Type.Optional(reminderDays),
    showExpected: Type.Optional(showExpected),
  },
  {
    additionalProperties: false,
    minProperties: 1,
    description:
      'The fields to change; each given field replaces the stored one whole (`contracts` and `contacts` are replaced as lists).',
    examples: [{ contracts: [{ insurer: 'cz-groep', year: 2027, status: 'existing', runsUntil: 2027 }] }],
  },
);
export type UpdateProviderBody = Static<typeof UpdateProviderSchema>;

export const ProviderSchema = Type.Object(
  {
    id: IdSchema,
    name: Type.String(),
    agb: Type.String(),
    kinds: Type.Array(ProviderKindSchema),
    contracts: Type.Array(ContractSchema),
    contacts: Type.Array(ContactSchema),
    reminderDays: Type.Array(Type.Integer()),
    showExpected,
    feedUrl: Type.String({
      description:
        "iCal subscription address of this provider's timeline. Keep it secret: anyone with it can read the timeline.",
      examples: ['http://127.0.0.1:3000/feeds/3q2-7wGmRk5pXnY0vJd8aQ.ics'],
    }),
    feedWebcalUrl: Type.String({
      description: 'The same address as `webcal://`: opens the subscription dialog of Apple Calendar or Outlook.',
      examples: ['webcal://127.0.0.1:3000/feeds/3q2-7wGmRk5pXnY0vJd8aQ.ics'],
    }),
    feedGoogleCalendarUrl: Type.String({
      description: 'Opens Google Calendar\'s "add this calendar" dialog for the feed.',
      examples: [
        'https://calendar.google.com/calendar/render?cid=webcal%3A%2F%2F127.0.0.1%3A3000%2Ffeeds%2F3q2-7wGmRk5pXnY0vJd8aQ.ics',
      ],
    }),
    timelinePageUrl: Type.String({
      description:
        'The timeline as a web page to read in a browser, behind the same secret as the feed (no key needed).',
      examples: ['http://127.0.0.1:3000/feeds/3q2-7wGmRk5pXnY0vJd8aQ.html'],
    }),
    createdAt: TimestampSchema,
    updatedAt: TimestampSchema,
  },
  {
    $id: 'Provider',
    title: 'Provider',
    description: 'A care provider (practice or organisation) with its contracts and contacts.',
    examples: [
      {
        id: '0f8fad5b-d9cb-469f-a165-70867728950e',
        ...providerExample,
        feedUrl: 'http://127.0.0.1:3000/feeds/3q2-7wGmRk5pXnY0vJd8aQ.ics',
        feedWebcalUrl: 'webcal://127.0.0.1:3000/feeds/3q2-7wGmRk5pXnY0vJd8aQ.ics',
        feedGoogleCalendarUrl:
          'https://calendar.google.com/calendar/render?cid=webcal%3A%2F%2F127.0.0.1%3A3000%2Ffeeds%2F3q2-7wGmRk5pXnY0vJd8aQ.ics',
        timelinePageUrl: 'http://127.0.0.1:3000/feeds/3q2-7wGmRk5pXnY0vJd8aQ.html',
        createdAt: '2026-05-01T09:30:00.000Z',
        updatedAt: '2026-05-01T09:30:00.000Z',
      },
    ],
  },
);

export const ProviderParamsSchema = Type.Object({
  id: Type.String({ minLength: 1, maxLength: 64, description: 'Provider id.' }),
});

export const ProviderListQuerySchema = Type.Object({
  kind: Type.Optional(ProviderKindSchema),
  insurer: Type.Optional(
    Type.String({
      minLength: 1,
      maxLength: 64,
      description: 'Only providers with a contract with this insurer.',
      examples: ['cz-groep'],
    }),
  ),
  agb: Type.Optional(Type.String({ pattern: '^[0-9]{8}$', description: 'Only the provider with this AGB code.' })),
  updatedSince: Type.Optional(
    Type.String({
      format: 'date-time',
      description:
        'Only providers changed at or after this instant (ISO 8601 with offset): the provider itself (contracts, contacts), its recorded or undone events, its own items or corrections. Send the `Date` of your previous answer.',
      examples: ['2026-05-01T09:30:00Z'],
    }),
  ),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 20, description: 'Page size.' })),
  cursor: CursorQuery,
  offset: Type.Optional(
    Type.Integer({
      minimum: 0,
      maximum: 1_000_000,
      default: 0,
      deprecated: true,
      description: 'Deprecated: page with `cursor` (`next`, `Link`). Number of providers to skip; not with `cursor`.',
    }),
  ),
});
export type ProviderListQuery = Static<typeof ProviderListQuerySchema>;

export const ProviderListSchema = Type.Object(
  {
    items: Type.Array(Type.Ref(ProviderSchema)),
    total: Type.Integer({ description: 'Number of providers that match the filters, over all pages.' }),
    limit: Type.Integer(),
    offset: Type.Integer({ description: 'Deprecated, as the `offset` parameter.' }),
    next: NextCursor,
  },
  { description: 'One page of providers, oldest first.' },
);
