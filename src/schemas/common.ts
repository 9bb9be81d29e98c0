import { Type, type SchemaOptions, type TSchema } from '@sinclair/typebox';
import { PROBLEM_TYPE_URIS } from '../problems.js';

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';

export const FieldErrorSchema = Type.Object(
  {
    field: Type.String({
      description: 'Path of the invalid field, e.g. `contracts[0].insurer`, `asOf`, `authorization`.',
      examples: ['contracts[0].insurer'],
    }),
    in: Type.Optional(
      stringEnum(['body', 'querystring', 'params', 'headers'], { description: 'Part of the request the field is in.' }),
    ),
    message: Type.String({
      description: 'Why the value is not accepted.',
      examples: ['no calendar for insurer "acme" and year 2027; see GET /api/v1/calendars'],
    }),
  },
  { $id: 'FieldError', title: 'FieldError', description: 'One invalid field of a request.' },
);

/** RFC 9457 problem details: every 4xx and 5xx answer of this service has this shape. */
export const ProblemSchema = Type.Object(
  {
    type: stringEnum(PROBLEM_TYPE_URIS, {
      format: 'uri-reference',
      description:
        'The cause, one per kind of problem (tell problems apart by it, not by `detail`): a URI reference, the same on every host, that resolves against the address that answered to a page saying what it means and what to do.',
      examples: ['/problems/validation-failed'],
    }),
    title: Type.String({ description: 'Short summary of the kind of problem.', examples: ['Invalid input'] }),
    status: Type.Integer({ description: 'HTTP status code.', examples: [400] }),
    detail: Type.String({
      description: 'What went wrong with this request, for people.',
      examples: ['agb: must be 8 digits'],
    }),
    instance: Type.String({
      description: 'The request path this problem occurred on.',
      examples: ['/api/v1/providers'],
    }),
    requestId: Type.Optional(
      Type.String({ description: 'Quote this when asking for support: it finds the request in the service log.' }),
    ),
    errors: Type.Optional(
      Type.Array(Type.Ref(FieldErrorSchema), {
        maxItems: 20,
        description: 'The invalid fields, for invalid input (400): each once, at most 20 (see `errorsOmitted`).',
      }),
    ),
    errorsOmitted: Type.Optional(
      Type.Integer({
        minimum: 1,
        description: 'How many more invalid fields there are than `errors` lists; absent when it lists them all.',
        examples: [11980],
      }),
    ),
  },
  {
    $id: 'Problem',
    title: 'Problem',
    description: 'Problem details (RFC 9457), served as `application/problem+json`.',
    examples: [
      {
        type: '/problems/validation-failed',
        title: 'Invalid input',
        status: 400,
        detail: 'agb: must be 8 digits',
        instance: '/api/v1/providers',
        errors: [{ field: 'agb', in: 'body', message: 'must be 8 digits' }],
      },
    ],
  },
);

const PROBLEM_DESCRIPTIONS: Record<number, string> = {
  400: 'Invalid input: `errors` names each invalid field and why (at most 20; `errorsOmitted` counts the rest).',
  401: 'No API key, or a key that is unknown or revoked. Send `Authorization: Bearer <key>`.',
  403: 'The API key may not do this (an admin key is needed).',
  404: 'Not found, or not visible to this API key.',
  409: 'Conflicts with what is stored (e.g. a provider with this AGB code exists: its address is in `Location`).',
  412: 'The `If-Match` of the request no longer matches: the resource changed since it was read. Read it again (its new `ETag`), then decide.',
  413: 'The request body is too large.',
  414: 'A path segment (an id, a token) is longer than any the service hands out.',
  415: 'Send `Content-Type: application/json`.',
  422: 'This `Idempotency-Key` was sent with another request in the last 24 hours: a new request needs a new key.',
  408: 'The request (headers or body) did not arrive within the request timeout; the connection is closed. Send it again whole.',
  429: 'Too many requests for this API key in this minute: wait for the number of seconds in `Retry-After`; the `RateLimit` headers show the budget.',
  431: 'The request headers (or the URL) are larger than the service reads (16 KB).',
  500: 'Unexpected error; the detail never contains internals. Quote `requestId` when asking for support.',
  503: 'Unavailable for now, nothing done: overloaded (shed at once), or the database cannot write or read. Try again after `Retry-After` seconds; `type` says which.',
};

/** Response entries for problem answers, as `application/problem+json`. */
export function problemResponses(...statuses: number[]): Record<number, unknown> {
  return Object.fromEntries(
    statuses.map((status) => [
      status,
      {
        description: PROBLEM_DESCRIPTIONS[status],
        content: { [PROBLEM_CONTENT_TYPE]: { schema: Type.Ref(ProblemSchema) } },
      },
    ]),
  );
}

/** A page for people opened with a bad link (src/web/not-found.ts): a GET of a page answers its 4xx in HTML. */
export function linkGonePages(...statuses: number[]): Record<number, unknown> {
  const page = {
    description: 'The link is unknown, replaced or malformed: a page that says so and what to do (text/html).',
    content: { 'text/html': { schema: { type: 'string' } } },
  };
  return Object.fromEntries(statuses.map((status) => [status, page]));
}

/** Problems every route under /api/v1 can answer with. */
export const API_PROBLEMS = [400, 429, 500] as const;
export const AUTHENTICATED_PROBLEMS = [400, 401, 429, 500] as const;

export const IsoDateSchema = Type.String({
  format: 'date',
  pattern: '^\\d{4}-\\d{2}-\\d{2}$',
  description: 'A calendar date `YYYY-MM-DD` (Europe/Amsterdam).',
  examples: ['2026-06-15'],
});

export const TimestampSchema = Type.String({
  format: 'date-time',
  description: 'An instant, ISO 8601 in UTC.',
  examples: ['2026-05-01T09:30:00.000Z'],
});

export const IdSchema = Type.String({
  minLength: 1,
  maxLength: 64,
  description: 'Identifier assigned by the service.',
  examples: ['0f8fad5b-d9cb-469f-a165-70867728950e'],
});

export function nullable<T extends TSchema>(schema: T) {
  return Type.Union([schema, Type.Null()]);
}

export const SECURITY = [{ bearerAuth: [] }];

/** A read answer's validator (src/plugins/app/etags.ts). */
export const ETAG_HEADER = {
  etag: {
    type: 'string',
    description:
      'Strong validator of these exact bytes; send it back as `If-None-Match` to get 304 while the answer is unchanged.',
  },
};

/** A change made only while the resource is as the client last read it (RFC 9110 If-Match). */
export const IF_MATCH_HEADERS = {
  type: 'object',
  properties: {
    'if-match': {
      type: 'string',
      maxLength: 1024,
      description:
        'The `ETag` of the resource as you last read it: the change is made only if it is still that (else `412`), so two editors do not overwrite each other unseen. `*`: only if it exists.',
    },
  },
} as const;

/**
 * What a PATCH reads: plain JSON and an RFC 7396 merge patch, with one meaning (a given member replaces the stored
 * one, arrays whole; `null` removes an optional member and is refused for a required one). Other methods refuse
 * the merge-patch type with 415 (plugins/app/well-formed-text.ts).
 */
export const PATCH_CONTENT_TYPES = ['application/json', 'application/merge-patch+json'];

/** The answer to a conditional read whose `If-None-Match` still matches. */
export const NOT_MODIFIED = {
  304: { description: 'Not modified: the `If-None-Match` of the request still matches.', headers: ETAG_HEADER },
};

/** The `Location` header of a 201: where the new resource is. */
export const LOCATION_HEADER = {
  location: {
    type: 'string',
    format: 'uri-reference',
    description: 'The path of the new resource.',
    examples: ['/api/v1/providers/0f8fad5b-d9cb-469f-a165-70867728950e'],
  },
};

/** A created resource's answer: where it is, and the ETag its GET gives (for an If-Match without a read first). */
export const CREATED_HEADERS = {
  ...LOCATION_HEADER,
  etag: {
    type: 'string',
    description:
      'The `ETag` a GET of the new resource gives: send it as `If-Match` on your next change without reading it first.',
  },
};

/** A string from a fixed list, as a JSON Schema `enum` (clear validation messages, clean OpenAPI). */
export function stringEnum<const T extends readonly string[]>(values: T, options: SchemaOptions = {}) {
  return Type.Unsafe<T[number]>({ type: 'string', enum: [...values], ...options });
}
