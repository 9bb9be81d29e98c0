import { Type, type Static } from '@sinclair/typebox';
import { OUTBOX_STATUSES } from '../store/outbox.js';
import { IsoDateSchema, TimestampSchema, nullable, stringEnum } from './common.js';
import { CursorQuery, NextCursor } from './paging.js';

/** A hand-run day further from today than this is refused unless forced: it would mail wrong statuses. */
export const MAX_RUN_DAYS_FROM_TODAY = 7;

export const RunRemindersSchema = Type.Object(
  {
    date: Type.Optional({
      ...IsoDateSchema,
      description: `The day to run (Europe/Amsterdam); default today. More than ${MAX_RUN_DAYS_FROM_TODAY} days from today only with \`force: true\`: a far day mails every contact the statuses of that day.`,
    }),
    force: Type.Optional(
      Type.Boolean({ description: 'Run a day far from today all the same (a test system, a deliberate re-run).' }),
    ),
  },
  { additionalProperties: false, examples: [{ date: '2026-10-18' }] },
);
export type RunRemindersBody = Static<typeof RunRemindersSchema>;

const count = (description: string) => Type.Integer({ minimum: 0, description });

/** A day's reminder run as a job: POST answers with it at once, GET follows it until `finished`. */
export const RunStatusSchema = Type.Object(
  {
    day: IsoDateSchema,
    since: {
      ...IsoDateSchema,
      description: 'First day whose reminders the run covers (earlier than `day` after missed days).',
    },
    state: stringEnum(['running', 'finished', 'unfinished'], {
      description:
        '`running` in this service (retries included); `finished`; `unfinished`: run by another process, or interrupted by a restart (the next run or the start-up catch-up completes it).',
    }),
    startedAt: TimestampSchema,
    finishedAt: nullable(TimestampSchema),
    planned: count("The day's digests in the outbox (at most one per contact)."),
    sent: count('Of those, accepted by the SMTP server (or written as .eml).'),
    pending: count('Of those, still to send: waiting (maybe for a retry) or being sent.'),
    failed: count('Of those, given up: see `GET /api/v1/admin/outbox?status=failed`.'),
    cancelled: count('Of those, not sent because the contact unsubscribed.'),
    result: nullable(
      Type.Object(
        {
          planned: count('Digests this run stored.'),
          sent: count("Mails sent during this run, earlier days' leftovers included."),
          failed: count('Mails that ended failed during this run.'),
        },
        { description: 'What the finished run reported; null until it finishes.' },
      ),
    ),
  },
  {
    examples: [
      {
        day: '2026-10-18',
        since: '2026-10-18',
        state: 'running',
        startedAt: '2026-10-18T05:00:00.000Z',
        finishedAt: null,
        planned: 42,
        sent: 40,
        pending: 2,
        failed: 0,
        cancelled: 0,
        result: null,
      },
    ],
  },
);

export const RunParamsSchema = Type.Object({ day: { ...IsoDateSchema, description: "The run's day." } });

export const OutboxStatusSchema = stringEnum(OUTBOX_STATUSES, {
  description:
    '`planned` (waiting, maybe for a retry), `sending` (claimed by a process), `sent`, `failed` (gave up, see `lastError`), `cancelled` (the contact unsubscribed).',
});

export const OutboxQuerySchema = Type.Object(
  {
    status: Type.Optional(OutboxStatusSchema),
    day: Type.Optional({ ...IsoDateSchema, description: 'Only the digests of this day.' }),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500, default: 50, description: 'Page size.' })),
    cursor: CursorQuery,
    offset: Type.Optional(
      Type.Integer({
        minimum: 0,
        default: 0,
        deprecated: true,
        description: 'Deprecated: page with `cursor` (`next`, `Link`). Rows to skip; not with `cursor`.',
      }),
    ),
  },
  { additionalProperties: false },
);

export const OutboxMailSchema = Type.Object({
  id: Type.String({
    description: '`<day>/c<contact id>`: one digest per contact per day.',
    examples: ['2026-10-18/c12'],
  }),
  providerId: Type.String(),
  day: IsoDateSchema,
  recipient: Type.String({ examples: ['planning@verloskundigen-noord.nl'] }),
  subject: Type.String(),
  messageId: Type.String({ description: 'The Message-ID header (without angle brackets); the same on every attempt.' }),
  status: OutboxStatusSchema,
  attempts: Type.Integer(),
  nextAttemptAt: TimestampSchema,
  lastError: nullable(
    Type.String({
      description: 'The last SMTP answer or error.',
      examples: ['EENVELOPE: 550 5.1.1 mailbox unavailable'],
    }),
  ),
  createdAt: TimestampSchema,
  sentAt: nullable(TimestampSchema),
});

export const OutboxListSchema = Type.Object({
  items: Type.Array(OutboxMailSchema, { description: 'Newest first.' }),
  total: Type.Integer({ description: 'Rows matching the filter.' }),
  limit: Type.Integer(),
  offset: Type.Integer({ description: 'Deprecated, as the `offset` parameter.' }),
  next: NextCursor,
});

export const UnsubscribeParamsSchema = Type.Object({
  token: Type.String({
    minLength: 16,
    maxLength: 128,
    pattern: '^[A-Za-z0-9_-]+$',
    description: 'The token from the unsubscribe link in a reminder.',
  }),
});
