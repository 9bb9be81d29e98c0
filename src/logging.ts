import type { FastifyServerOptions } from 'fastify';

/**
 * Every pattern here runs on request input before authentication and rate limiting, so each must take
 * time linear in its input (no nested or overlapping quantifiers), and the input is cut to
 * MAX_LOGGED_URL first: a crafted URL must never stall the service (issue 15).
 */
export const MAX_LOGGED_URL = 2048;

/** Path segments that are secrets in themselves: a feed token, an unsubscribe token, the web pages' link tokens. */
const SECRET_IN_PATH = /\/(feeds|unsubscribe|mijn|bevestig|inloggen|gedaan|adres-bevestigen)\/(?!calendars\b)[^/?#.]+/g;
/** A run between the characters that separate the parts of a URL: one maximal run per match, never re-scanned. */
const URL_PART = /[^\s/?&=:;,"'<>]+/g;
const SEPARATORS = new Set([...' \t\r\n\f\v/?&=:;,"\'<>']);
/** `@` as it stands in a URL: plain, percent-encoded once (`%40`) or twice (`%2540`). */
const AT_SIGN = /@|%(?:25)?40/i;

/** Any word with an `@` in it replaced: an SMTP reply such as `550 5.1.1 <anna@example.nl>: Recipient address rejected`. */
export function maskEmails(text: string): string {
  return text.replace(URL_PART, (part) => (AT_SIGN.test(part) ? '[e-mail]' : part));
}

/** A URL as it may be logged: at most MAX_LOGGED_URL characters, secret tokens and anything with an `@` in it replaced. */
export function loggableUrl(url: string): string {
  let text = url;
  let cut = false;
  if (text.length > MAX_LOGGED_URL) {
    // Drop the last part too: it may be the first half of an address whose `@` was cut off.
    let end = MAX_LOGGED_URL;
    while (end > 0 && !SEPARATORS.has(text[end - 1])) end -= 1;
    text = text.slice(0, end);
    cut = true;
  }
  const masked = text
    .replace(SECRET_IN_PATH, '/$1/[token]')
    .replace(URL_PART, (part) => (AT_SIGN.test(part) ? '[e-mail]' : part));
  return cut ? `${masked}…[${url.length} characters, cut]` : masked;
}

/**
 * JSON logs (pino) with the request id on every line, and nothing that grants access or names a
 * person: no Authorization header, no tokens in URLs, no e-mail addresses.
 */
export function loggerOptions(level: string, stream?: NodeJS.WritableStream): FastifyServerOptions['logger'] {
  if (level === 'silent') return false;
  return {
    level,
    ...(stream ? { stream } : {}),
    redact: {
      paths: ['req.headers.authorization', 'req.headers.cookie', '*.email', '*.to', '*.key', '*.token'],
      censor: '[redacted]',
    },
    serializers: {
      req: (request: { method: string; url: string; hostname?: string; ip?: string; id?: string }) => ({
        method: request.method,
        url: loggableUrl(request.url),
        hostname: request.hostname,
        remoteAddress: request.ip,
      }),
    },
  };
}
