import { Type, type Static } from '@sinclair/typebox';
import { ContractStatusSchema, ProviderKindSchema } from './providers.js';

export const FEED_CONTENT_TYPE = 'text/calendar; charset=utf-8';

export const FeedTokenParamsSchema = Type.Object({
  token: Type.String({
    minLength: 1,
    maxLength: 256,
    description: "The secret feed token from the provider's `feedUrl`.",
    examples: ['3q2-7wGmRk5pXnY0vJd8aQ'],
  }),
});

export const CalendarFeedParamsSchema = Type.Object({
  insurer: Type.String({ minLength: 1, maxLength: 64, description: 'Insurer id.', examples: ['cz-groep'] }),
  year: Type.Integer({ minimum: 2000, maximum: 2100, description: 'Contract year.', examples: [2027] }),
});

export const CalendarFeedQuerySchema = Type.Object({
  kind: ProviderKindSchema,
  status: ContractStatusSchema,
});
export type CalendarFeedQuery = Static<typeof CalendarFeedQuerySchema>;

export const CombinedFeedQuerySchema = Type.Object({
  calendar: Type.Optional(
    Type.Array(
      Type.String({ pattern: '^[a-z0-9-]{1,64}/[0-9]{4}$', description: 'Calendar key `<insurer>/<year>`.' }),
      {
        minItems: 1,
        maxItems: 50,
        uniqueItems: true,
        description: 'Calendars to combine, as `<insurer>/<year>`; repeat for more than one. Default: every calendar.',
        examples: [['cz-groep/2027', 'zorg-en-zekerheid/2026']],
      },
    ),
  ),
  kind: ProviderKindSchema,
  status: ContractStatusSchema,
});
export type CombinedFeedQuery = Static<typeof CombinedFeedQuerySchema>;

// Plain schemas: @fastify/swagger wraps each in the header object's `schema` itself.
const validatorHeaders = {
  etag: { type: 'string', description: 'Strong validator of these exact bytes; send it back as `If-None-Match`.' },
  'last-modified': {
    type: 'string',
    description: 'When an event of the feed last changed; send it back as `If-Modified-Since`.',
  },
};

/** 200 with the iCalendar text, and 304 for a conditional request whose validator still matches. */
export function feedResponses(what: string): Record<number, unknown> {
  return {
    200: {
      description: `${what} (RFC 5545): one VEVENT per dated timeline item, with stable UIDs and a SEQUENCE that rises only when the event changes.`,
      headers: validatorHeaders,
      content: { 'text/calendar': { schema: { type: 'string' } } },
    },
    304: {
      description: 'Not modified: the `If-None-Match` or `If-Modified-Since` of the request still matches.',
      headers: validatorHeaders,
    },
  };
}
