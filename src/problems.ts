/** One invalid field of a request: where it is and why it is refused. */
export interface FieldError {
  field: string;
  in?: 'body' | 'querystring' | 'params' | 'headers';
  message: string;
}

/** Each status's title, as the API has always answered it (RFC 9457 `title`); the `type` names the cause. */
const STATUS_TITLES: Record<number, string> = {
  400: 'Invalid input',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not found',
  405: 'Method not allowed',
  406: 'Not acceptable',
  408: 'Request timeout',
  409: 'Conflict',
  412: 'Precondition failed',
  413: 'Payload too large',
  414: 'URI too long',
  415: 'Unsupported media type',
  422: 'Idempotency key reused',
  429: 'Too many requests',
  431: 'Request header fields too large',
  500: 'Internal server error',
  503: 'Service unavailable',
};

/**
 * Every kind of problem the service answers, one per cause (a client tells a duplicate AGB code from the last admin
 * key by `type`, not by parsing `detail`), with its status. Each has a page at `/problems/<name>` (src/web/problems).
 */
export const PROBLEM_TYPES = {
  'validation-failed': 400,
  'unknown-query-parameter': 400,
  'unknown-step': 400,
  'event-date-out-of-range': 400,
  'malformed-body': 400,
  'malformed-request': 400,
  'ambiguous-authorization': 400,
  unauthorized: 401,
  forbidden: 403,
  'not-found': 404,
  'idempotency-key-target-gone': 404,
  'method-not-allowed': 405,
  'not-acceptable': 406,
  'request-timeout': 408,
  'duplicate-agb': 409,
  'last-admin-key': 409,
  'webhook-disabled': 409,
  conflict: 409,
  'precondition-failed': 412,
  'payload-too-large': 413,
  'uri-too-long': 414,
  'unsupported-media-type': 415,
  'idempotency-key-reused': 422,
  'rate-limited': 429,
  'headers-too-large': 431,
  'internal-error': 500,
  overloaded: 503,
  'storage-unavailable': 503,
  'not-ready': 503,
} as const satisfies Record<string, number>;

export type ProblemType = keyof typeof PROBLEM_TYPES;

export const PROBLEM_TYPE_NAMES = Object.keys(PROBLEM_TYPES) as ProblemType[];

/** A problem raised by status alone (Fastify's own errors, older call sites) takes its status's general type. */
const TYPE_OF_STATUS: Record<number, ProblemType> = {
  400: 'validation-failed',
  401: 'unauthorized',
  403: 'forbidden',
  404: 'not-found',
  405: 'method-not-allowed',
  406: 'not-acceptable',
  408: 'request-timeout',
  409: 'conflict',
  412: 'precondition-failed',
  413: 'payload-too-large',
  414: 'uri-too-long',
  415: 'unsupported-media-type',
  422: 'idempotency-key-reused',
  429: 'rate-limited',
  431: 'headers-too-large',
  503: 'not-ready',
};

export function problemTypeOfStatus(status: number): ProblemType {
  return TYPE_OF_STATUS[status] ?? (status >= 500 ? 'internal-error' : 'validation-failed');
}

/**
 * A relative URI reference (RFC 3986 §4.2), the same on every host: it resolves against the address that answered,
 * where `/problems/<name>` is a page that says what it means and what to do. `PUBLIC_BASE_URL` differed per stage.
 */
export function problemTypeUri(type: ProblemType): string {
  return `/problems/${type}`;
}

export const PROBLEM_TYPE_URIS = PROBLEM_TYPE_NAMES.map(problemTypeUri);

/** The problem+json body of a problem: `type` names the cause, `title` and `status` its status. */
export function problemBody(type: ProblemType, status: number, detail: string, instance: string) {
  return { type: problemTypeUri(type), title: titleOf(status), status, detail, instance };
}

function titleOf(status: number): string {
  return STATUS_TITLES[status] ?? (status >= 500 ? 'Server error' : 'Client error');
}

/**
 * An error that becomes a problem+json answer with this type (or a status, which takes its general type) and detail
 * (a 5xx only when deliberate, e.g. load shedding).
 */
export class HttpProblem extends Error {
  override name = 'HttpProblem';
  readonly statusCode: number;
  readonly type: ProblemType;

  constructor(
    cause: ProblemType | number,
    readonly detail: string,
    readonly errors?: FieldError[],
    readonly headers: Record<string, string> = {},
  ) {
    super(detail);
    this.type = typeof cause === 'number' ? problemTypeOfStatus(cause) : cause;
    this.statusCode = typeof cause === 'number' ? cause : PROBLEM_TYPES[cause];
  }
}

export function invalidInput(errors: FieldError[], type: ProblemType = 'validation-failed'): HttpProblem {
  return new HttpProblem(type, invalidInputDetail(errors), errors);
}

/** A problem answer lists at most this many invalid fields; `errorsOmitted` counts the rest. */
export const MAX_LISTED_ERRORS = 20;

/**
 * Each invalid field once (ajv can report the same field and reason twice), at most MAX_LISTED_ERRORS of them: a
 * 48 KB body of 12,000 bad array items answered a 3.6 MB problem before.
 */
export function listedErrors(errors: FieldError[]): { errors: FieldError[]; errorsOmitted: number } {
  const seen = new Set<string>();
  const listed: FieldError[] = [];
  let omitted = 0;
  for (const error of errors) {
    const key = `${error.in ?? ''}\u0000${error.field}\u0000${error.message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    if (listed.length < MAX_LISTED_ERRORS) listed.push(error);
    else omitted++;
  }
  return { errors: listed, errorsOmitted: omitted };
}

/** The detail of a 400 for people: the first invalid field and how many more `errors` lists (not each again). */
export function invalidInputDetail(errors: FieldError[]): string {
  const { errors: listed, errorsOmitted } = listedErrors(errors);
  const [first] = listed;
  if (!first) return 'the request is invalid';
  const more = listed.length - 1 + errorsOmitted;
  return more === 0
    ? `${first.field}: ${first.message}`
    : `${first.field}: ${first.message}; and ${more} more invalid field${more === 1 ? '' : 's'} (see errors)`;
}

export function notFound(what: string): HttpProblem {
  return new HttpProblem('not-found', `${what} not found`);
}
