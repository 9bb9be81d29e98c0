import { isUtf8 } from 'node:buffer';
import type { FastifyInstance } from 'fastify';

/** A form field whose text is not valid UTF-8 (or encodes a lone surrogate): the request is refused, nothing is stored. */
export class IllFormedFieldError extends Error {
  override name = 'IllFormedFieldError';
  readonly statusCode = 400;
  readonly code = 'WEB_ILL_FORMED_FIELD';

  constructor(readonly field: string) {
    super(`form field "${field}" is not valid UTF-8 text`);
  }
}

/** A `%` not followed by two hex digits stands for itself, as browsers and fast-querystring read it. */
const LONE_PERCENT = /%(?![0-9A-Fa-f]{2})/g;

/** One `application/x-www-form-urlencoded` name or value; undefined when its bytes are not UTF-8 text. */
function decoded(part: string): string | undefined {
  try {
    // decodeURIComponent refuses invalid UTF-8, surrogates encoded as bytes (%ED%A0%80) among them.
    return decodeURIComponent(part.replace(/\+/g, ' ').replace(LONE_PERCENT, '%25'));
  } catch {
    return undefined;
  }
}

/**
 * Form bodies are read as the API reads JSON (src/plugins/app/well-formed-text.ts): text as Unicode defines it,
 * or a 400 naming the field. Invalid bytes and encoded surrogates were stored as U+FFFD before, changed and without a word.
 */
export function wellFormedForms(fastify: FastifyInstance, bodyLimit: number): void {
  fastify.addContentTypeParser(
    'application/x-www-form-urlencoded',
    { parseAs: 'buffer', bodyLimit },
    (_request, body, done) => {
      // Latin-1 keeps one character per byte, so the pairs can be split before any byte is decoded.
      const raw = (body as Buffer).toString('latin1');
      const fields: Record<string, string | string[]> = Object.create(null) as Record<string, string | string[]>;
      for (const pair of raw.split('&')) {
        if (pair === '') continue;
        const at = pair.indexOf('=');
        const rawName = at === -1 ? pair : pair.slice(0, at);
        const rawValue = at === -1 ? '' : pair.slice(at + 1);
        const nameBytes = Buffer.from(rawName, 'latin1');
        const name = isUtf8(nameBytes) ? decoded(nameBytes.toString('utf8')) : undefined;
        if (name === undefined) return done(new IllFormedFieldError('?'), undefined);
        const valueBytes = Buffer.from(rawValue, 'latin1');
        const value = isUtf8(valueBytes) ? decoded(valueBytes.toString('utf8')) : undefined;
        if (value === undefined) return done(new IllFormedFieldError(name), undefined);
        const before = fields[name];
        fields[name] = before === undefined ? value : Array.isArray(before) ? [...before, value] : [before, value];
      }
      done(null, fields);
    },
  );
}
