import { isUtf8 } from 'node:buffer';
import type { FastifyInstance } from 'fastify';
import { HttpProblem, invalidInput } from '../../problems.js';

/** The JSON types the API reads: plain JSON and RFC 7396 merge patches (PATCH only), parsed alike. */
const JSON_TYPES = ['application/json', 'application/merge-patch+json'];

/**
 * JSON bodies are text as Unicode defines it, or a 400 naming where they are not: invalid UTF-8 bytes and lone
 * surrogates (`"\ud800"`) were stored as U+FFFD, so what a practice typed came back changed and without a word.
 */
export function wellFormedJson(fastify: FastifyInstance): void {
  const parse = fastify.getDefaultJsonParser('error', 'error');
  fastify.removeContentTypeParser('application/json');
  fastify.addContentTypeParser(JSON_TYPES, { parseAs: 'buffer' }, (request, body, done) => {
    // A merge patch means something only as a change of what is there (RFC 7396): a POST or DELETE refuses it.
    if (request.method !== 'PATCH' && /^application\/merge-patch\+json\b/i.test(request.headers['content-type'] ?? ''))
      return done(
        new HttpProblem(415, 'application/merge-patch+json is read by PATCH only: send application/json'),
        undefined,
      );
    const bytes = body as Buffer;
    if (!isUtf8(bytes))
      return done(
        invalidInput([{ field: 'body', in: 'body', message: 'is not valid UTF-8 text' }], 'malformed-body'),
        undefined,
      );
    // Fastify's JSON parser answers through `done`; its return value carries nothing.
    void parse(request, bytes.toString('utf8'), (error, value) => {
      if (error) return done(error, undefined);
      const where = illFormedAt(value, '');
      if (where !== undefined)
        return done(
          invalidInput(
            [
              {
                field: where === '' ? 'body' : where,
                in: 'body',
                message: 'contains a lone UTF-16 surrogate: not valid Unicode text',
              },
            ],
            'malformed-body',
          ),
          undefined,
        );
      done(null, value);
    });
  });
}

/** The path (`contacts[0].name`) of the first string, or object key, that is not well-formed Unicode. */
function illFormedAt(value: unknown, path: string): string | undefined {
  if (typeof value === 'string') return value.isWellFormed() ? undefined : path;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const found = illFormedAt(value[i], `${path}[${i}]`);
      if (found !== undefined) return found;
    }
    return undefined;
  }
  if (value !== null && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) {
      const keyPath = path === '' ? key : `${path}.${key}`;
      if (!key.isWellFormed()) return keyPath;
      const found = illFormedAt(item, keyPath);
      if (found !== undefined) return found;
    }
  }
  return undefined;
}
