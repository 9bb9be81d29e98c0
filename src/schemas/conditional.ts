import { ETAG_HEADER, NOT_MODIFIED } from './common.js';

/** The request header of a conditional read (RFC 9110), as every GET of the API takes it. */
const IF_NONE_MATCH = {
  type: 'string',
  maxLength: 1024,
  description:
    'The `ETag` of the copy you hold (or a list of them): while the answer is still that, it is `304` without a body, and a `304` does not count against the rate limit.',
};

export interface RouteSchema {
  headers?: { properties?: Record<string, unknown> } & Record<string, unknown>;
  response?: Record<string, unknown>;
}

/**
 * A GET of the API as the document shows it: `If-None-Match` taken, `ETag` on its 200 and its 304 answer. Every
 * read answers so (src/plugins/app/conditional-reads.ts), so it is declared once here, not on each route.
 */
export function documentedAsConditionalRead<T extends RouteSchema | undefined>(schema: T): T {
  if (schema === undefined) return schema;
  const ok = schema.response?.[200] as { headers?: Record<string, unknown> } | undefined;
  return {
    ...schema,
    headers: {
      ...schema.headers,
      type: 'object',
      properties: { ...schema.headers?.properties, 'if-none-match': IF_NONE_MATCH },
    },
    response: {
      ...schema.response,
      ...(ok === undefined ? {} : { 200: { ...ok, headers: { ...ETAG_HEADER, ...ok.headers } } }),
      ...NOT_MODIFIED,
    },
  };
}
