import { Type } from '@sinclair/typebox';
import { WEBHOOK_EVENT_TYPES } from '../webhooks/payloads.js';
import { IdSchema, IsoDateSchema, TimestampSchema, nullable, stringEnum } from './common.js';
import { ContactActorSchema, RecordingViaSchema } from './events.js';
import { TextSchema } from './timeline.js';
import { CursorQuery, NextCursor } from './paging.js';

const EventTypeSchema = stringEnum(WEBHOOK_EVENT_TYPES, {
  description:
    '`event.recorded` and `event.undone`: an event of one of your providers (through the API or the web front door); `timeline.changed`: due dates or statuses of her timeline moved because of it; `calendar.published`: a new calendar version is in service; `item.due-soon`: an item of her timeline became due soon (once per item and due date).',
});

const urlField = Type.String({
  minLength: 1,
  maxLength: 2000,
  description:
    'Where deliveries are POSTed: an https:// URL on a public address (plain http and private or loopback targets only where the service runs with `WEBHOOK_ALLOW_INSECURE_TARGETS=true`).',
  examples: ['https://practice-software.example/hooks/deadlines'],
});

const eventsField = Type.Array(EventTypeSchema, {
  minItems: 1,
  maxItems: WEBHOOK_EVENT_TYPES.length,
  uniqueItems: true,
  description: 'The event types to receive; left out or null: all of them, also types added later.',
});

export const CreateWebhookSchema = Type.Object(
  { url: urlField, events: Type.Optional(nullable(eventsField)) },
  { additionalProperties: false, examples: [{ url: 'https://practice-software.example/hooks/deadlines' }] },
);

export const UpdateWebhookSchema = Type.Object(
  {
    url: Type.Optional(urlField),
    events: Type.Optional(nullable(eventsField)),
    enabled: Type.Optional(
      Type.Boolean({
        description:
          '`true` resumes deliveries to an endpoint that was disabled (retries ran out, or you disabled it); its undelivered messages are tried again. `false` pauses them.',
      }),
    ),
  },
  { additionalProperties: false, minProperties: 1, examples: [{ enabled: true }, { events: ['timeline.changed'] }] },
);

const webhookFields = {
  id: IdSchema,
  url: Type.String({ examples: ['https://practice-software.example/hooks/deadlines'] }),
  events: nullable(Type.Array(EventTypeSchema, { description: 'The event types it receives; null: all.' })),
  enabled: Type.Boolean({ description: 'Whether deliveries are made; see `disabledReason` when not.' }),
  disabledAt: nullable(TimestampSchema),
  disabledReason: nullable(
    Type.String({ description: 'Why deliveries stopped (retries ran out for a message, or you paused it).' }),
  ),
  previousSecretValidUntil: nullable(
    Type.String({
      format: 'date-time',
      description: 'After a rotation: until when the previous secret still signs deliveries (a second signature).',
    }),
  ),
  createdAt: TimestampSchema,
  updatedAt: TimestampSchema,
};

export const WebhookSchema = Type.Object(webhookFields, {
  $id: 'Webhook',
  title: 'Webhook',
  description: 'A webhook endpoint of this key; the signing secret is shown only when it is created or rotated.',
});

export const WebhookWithSecretSchema = Type.Object(
  {
    ...webhookFields,
    secret: Type.String({
      pattern: '^whsec_[A-Za-z0-9+/=]+$',
      description:
        'The signing secret (Standard Webhooks form: `whsec_` + base64 of 32 bytes), shown only now: verify deliveries with it, e.g. with the `standardwebhooks` library.',
      examples: ['whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw'],
    }),
  },
  { description: 'The endpoint and its signing secret; store the secret now, it cannot be shown again.' },
);

export const WebhookListSchema = Type.Object({
  items: Type.Array(Type.Ref(WebhookSchema), { description: "This key's endpoints, oldest first." }),
  next: NextCursor,
});

export const WebhookParamsSchema = Type.Object({
  id: Type.String({ minLength: 1, maxLength: 64, description: 'Webhook endpoint id.' }),
});

export const DeliveryListQuerySchema = Type.Object(
  {
    limit: Type.Optional(
      Type.Integer({ minimum: 1, maximum: 100, default: 50, description: 'Messages per page, newest first.' }),
    ),
    cursor: CursorQuery,
  },
  { additionalProperties: false },
);

const AttemptSchema = Type.Object({
  attempt: Type.Integer({ minimum: 1 }),
  at: TimestampSchema,
  status: nullable(Type.Integer({ description: "The receiver's HTTP status; null when no answer came." })),
  error: nullable(Type.String({ description: 'Why the attempt failed without an answer, or the answer was refused.' })),
  body: nullable(Type.String({ maxLength: 500, description: "At most 500 bytes of the receiver's answer." })),
  durationMs: Type.Integer({ minimum: 0 }),
});

export const DeliveryListSchema = Type.Object({
  items: Type.Array(
    Type.Object({
      id: Type.String({ description: 'The `webhook-id` of the message: the same on every attempt.' }),
      type: Type.String({ examples: ['event.recorded'] }),
      createdAt: TimestampSchema,
      state: stringEnum(['pending', 'delivered', 'given-up'], {
        description:
          '`pending`: not yet answered with a 2xx (see `nextAttemptAt`); `given-up`: retries ran out and the endpoint was disabled.',
      }),
      attempts: Type.Integer({ minimum: 0 }),
      nextAttemptAt: nullable(TimestampSchema),
      deliveredAt: nullable(TimestampSchema),
      attemptLog: Type.Array(AttemptSchema, { description: 'Every attempt, oldest first.' }),
    }),
    { description: 'The latest messages to this endpoint, newest first.' },
  ),
  next: NextCursor,
});

export const PingSchema = Type.Object({
  id: Type.String({ description: 'The `webhook-id` of the ping message; follow it in the delivery log.' }),
});

// Payloads of the document's `webhooks` section (OpenAPI 3.1).
const envelope = (type: string, data: ReturnType<typeof Type.Object>, description: string) =>
  Type.Object(
    {
      type: Type.Literal(type),
      timestamp: Type.String({ format: 'date-time', description: 'When it happened.' }),
      data,
    },
    { description },
  );

const RecordedEventPayload = Type.Object({
  id: IdSchema,
  item: Type.String({ description: 'Timeline item id.' }),
  date: IsoDateSchema,
  note: nullable(Type.String()),
  recordedBy: Type.String({ description: 'API key id that recorded it (the owner key for the web front door).' }),
  recordedVia: RecordingViaSchema,
  recordedByContact: ContactActorSchema,
  recordedAt: TimestampSchema,
  undoneAt: nullable(TimestampSchema),
  undoneBy: nullable(Type.String()),
  undoneVia: RecordingViaSchema,
  undoneByContact: ContactActorSchema,
});

const eventData = Type.Object({
  providerId: IdSchema,
  via: stringEnum(['api', 'web'] as const, {
    description: '`api`: through this API; `web`: by the practice on her page or through a digest link.',
  }),
  event: RecordedEventPayload,
});

export const WEBHOOK_PAYLOADS = {
  'event.recorded': envelope('event.recorded', eventData, 'An event of one of your providers was recorded.'),
  'event.undone': envelope('event.undone', eventData, 'An event of one of your providers was undone.'),
  'timeline.changed': envelope(
    'timeline.changed',
    Type.Object({
      providerId: IdSchema,
      cause: Type.Object({
        type: stringEnum(['event.recorded', 'event.undone'] as const),
        eventId: IdSchema,
        via: stringEnum(['api', 'web'] as const),
      }),
      itemIds: Type.Array(Type.String(), { description: 'The items whose due date or status changed.' }),
      items: Type.Array(
        Type.Object({
          id: Type.String(),
          dueBefore: nullable(IsoDateSchema),
          dueAfter: nullable(IsoDateSchema),
          statusBefore: nullable(Type.String()),
          statusAfter: nullable(Type.String()),
        }),
        { description: 'Each changed item, before and after; null on the side where it is not on the timeline.' },
      ),
    }),
    "Due dates or statuses on a provider's timeline changed, because an event was recorded or undone.",
  ),
  'calendar.published': envelope(
    'calendar.published',
    Type.Object({
      calendar: Type.String({ examples: ['cz-groep/2027'] }),
      insurer: Type.String({ examples: ['cz-groep'] }),
      year: Type.Integer({ examples: [2027] }),
      version: Type.Integer({ minimum: 1 }),
      previousVersion: nullable(Type.Integer({ description: 'The version announced before; null: a new calendar.' })),
      title: Type.String({ description: "The insurer's document the calendar encodes." }),
      providerIds: Type.Array(IdSchema, {
        description: 'Your providers with a contract for this insurer and year: their timelines may have changed.',
      }),
    }),
    'A new calendar, or a new version of one, is in service (announced when the service starts with it).',
  ),
  'item.due-soon': envelope(
    'item.due-soon',
    Type.Object({
      providerId: IdSchema,
      item: Type.Object({
        id: Type.String(),
        title: TextSchema,
        due: IsoDateSchema,
        window: nullable(Type.Object({ from: IsoDateSchema, to: IsoDateSchema })),
        actor: Type.String(),
        type: Type.String(),
        status: Type.String({ examples: ['due-soon'] }),
        insurer: Type.String({ examples: ['cz-groep'] }),
      }),
      daysLeft: Type.Integer({
        minimum: 0,
        description: 'Calendar days from today (Europe/Amsterdam) to the due date.',
      }),
    }),
    "An item of a provider's timeline (not done, not expected) entered `due-soon`: sent once per provider, item and due date, by the daily run; a moved date that is due soon again is sent again.",
  ),
  'webhook.ping': envelope(
    'webhook.ping',
    Type.Object({ endpointId: IdSchema }),
    'A test message, sent by `POST /api/v1/webhooks/{id}/ping`.',
  ),
};
