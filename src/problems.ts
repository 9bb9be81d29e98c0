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
  413: { slug: 'payload-too-large', title: 'Payload too large' },
  414: { slug: 'uri-too-long', title: 'URI too long' },
  415: { slug: 'unsupported-media-type', title: 'Unsupported media type' },
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
  return new HttpProblem(400, errors.map((e) => `${e.field}: ${e.message}`).join('; '), errors);
}

export function notFound(what: string): HttpProblem {
  return new HttpProblem(404, `${what} not found`);
}
