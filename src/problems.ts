/** One invalid field of a request: where it is and why it is refused. */
export interface FieldError {
  field: string;
  in?: 'body' | 'querystring' | 'params' | 'headers';
  message: string;
}

export const PROBLEM_TITLES: Record<number, { slug: string; title: string }> = {
  400: { slug: 'invalid-input', title: 'Invalid input' },
  401: { slug: 'unauthorized', title: 'Unauthorized' },
  403: { slug: 'forbidden', title: 'Forbidden' },
  404: { slug: 'not-found', title: 'Not found' },
  405: { slug: 'method-not-allowed', title: 'Method not allowed' },
  406: { slug: 'not-acceptable', title: 'Not acceptable' },
  409: { slug: 'conflict', title: 'Conflict' },
  412: { slug: 'precondition-failed', title: 'Precondition failed' },
  413: { slug: 'payload-too-large', title: 'Payload too large' },
  414: { slug: 'uri-too-long', title: 'URI too long' },
  415: { slug: 'unsupported-media-type', title: 'Unsupported media type' },
  422: { slug: 'idempotency-key-reused', title: 'Idempotency key reused' },
  429: { slug: 'rate-limited', title: 'Too many requests' },
  431: { slug: 'headers-too-large', title: 'Request header fields too large' },
  500: { slug: 'internal-error', title: 'Internal server error' },
  503: { slug: 'not-ready', title: 'Service unavailable' },
};

/** An error that becomes a problem+json answer with this status and detail (a 5xx only when deliberate, e.g. load shedding). */
export class HttpProblem extends Error {
  override name = 'HttpProblem';

  constructor(
    readonly statusCode: number,
    readonly detail: string,
    readonly errors?: FieldError[],
    readonly headers: Record<string, string> = {},
  ) {
    super(detail);
  }
}

export function invalidInput(errors: FieldError[]): HttpProblem {
  return new HttpProblem(400, invalidInputDetail(errors), errors);
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
  return new HttpProblem(404, `${what} not found`);
}
