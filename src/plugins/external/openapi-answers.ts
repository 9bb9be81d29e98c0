import { problemResponses } from '../../schemas/common.js';

/**
 * What every route's document says about answers no route schema mentions itself: the HTTP layer's 431 and 414,
 * the /api scope's 408, 429 and 503 with their headers, and the conditional request headers a route honours (read
 * off its 304 and 412). Added here, when the document is built, so a new route is documented by being a route.
 */
type RouteSchema = Record<string, unknown> & { response?: Record<string, unknown>; headers?: unknown };

const RETRY_AFTER = {
  'retry-after': { type: 'integer', minimum: 0, description: 'Seconds to wait before trying again.', examples: [30] },
};

/** IETF RateLimit header fields (draft-ietf-httpapi-ratelimit-headers), as @fastify/rate-limit and our hook send them. */
const RATE_LIMIT_HEADERS = {
  'ratelimit-limit': {
    type: 'integer',
    description:
      'Requests allowed per minute for this API key (without a live key: this client address); on every /api answer while the limit is on.',
    examples: [120],
  },
  'ratelimit-remaining': { type: 'integer', description: 'Requests left in the current minute.', examples: [117] },
  'ratelimit-reset': { type: 'integer', description: 'Seconds until the budget is full again.', examples: [42] },
  ratelimit: {
    type: 'string',
    description: 'The three above in one field, for clients that read the draft\u2019s combined form.',
    examples: ['limit=120, remaining=117, reset=42'],
  },
  'ratelimit-policy': {
    type: 'string',
    description: 'The quota and its window in seconds.',
    examples: ['120;w=60'],
  },
};

const IF_NONE_MATCH = {
  type: 'string',
  maxLength: 1024,
  description: 'The `ETag` of an answer you hold: `304 Not Modified` (no body) while the answer is still that.',
};

const IF_MODIFIED_SINCE = {
  type: 'string',
  description: 'The `Last-Modified` of an answer you hold: `304 Not Modified` while nothing changed since.',
};

const IF_MATCH = {
  type: 'string',
  maxLength: 1024,
  description:
    'The `ETag` of the resource as you last read it: the change is made only if it is still that (else `412`). `*`: only if it exists.',
};

export function documentedAnswers(methods: string[], url: string, schema: RouteSchema | undefined): RouteSchema {
  const own = { ...schema?.response };
  const api = url.startsWith('/api/');
  const response: Record<string, unknown> = {
    ...problemResponses(431, ...(url.includes(':') ? [414] : []), ...(api ? [408, 429, 503] : [])),
    ...own,
  };
  if (api) {
    response[429] = withHeaders(response[429], { ...RETRY_AFTER, ...RATE_LIMIT_HEADERS });
    response[503] = withHeaders(response[503], RETRY_AFTER);
    for (const status of Object.keys(response))
      if (/^2\d\d$/.test(status) || status === '304')
        response[status] = withHeaders(response[status], RATE_LIMIT_HEADERS);
  }
  const requestHeaders: Record<string, unknown> = {};
  if (methods.includes('GET') && own[304] !== undefined) {
    requestHeaders['if-none-match'] = IF_NONE_MATCH;
    if (headersOf(own[304])['last-modified'] !== undefined) requestHeaders['if-modified-since'] = IF_MODIFIED_SINCE;
  }
  if (own[412] !== undefined) requestHeaders['if-match'] = IF_MATCH;
  return { ...schema, response, ...withRequestHeaders(schema?.headers, requestHeaders) };
}

function headersOf(entry: unknown): Record<string, unknown> {
  return ((entry as { headers?: Record<string, unknown> } | undefined)?.headers ?? {}) as Record<string, unknown>;
}

/** The entry with these headers added; a header the route declares itself keeps its own words. */
function withHeaders(entry: unknown, headers: Record<string, unknown>): unknown {
  if (entry === undefined || entry === null || typeof entry !== 'object') return entry;
  return { ...entry, headers: { ...headers, ...headersOf(entry) } };
}

/** The route's request headers with these added (those it declares itself win); nothing when there are none. */
function withRequestHeaders(declared: unknown, added: Record<string, unknown>): { headers?: unknown } {
  if (Object.keys(added).length === 0) return declared === undefined ? {} : { headers: declared };
  const own = (declared ?? {}) as { properties?: Record<string, unknown> };
  return { headers: { ...own, type: 'object', properties: { ...added, ...own.properties } } };
}
