import type { FastifyServerOptions } from 'fastify';

/** Path segments that are secrets in themselves: a feed token, an unsubscribe token, the web pages' link tokens. */
const SECRET_IN_PATH = /\/(feeds|unsubscribe|mijn|bevestig|inloggen|gedaan)\/(?!calendars\b)[^/?#.]+/g;
/** An e-mail address, also percent-encoded (`%40`) as it stands in a query string. */
const EMAIL = /[^\s@/?&=:"'<>]+(?:@|%40)[^\s@/?&=:"'<>]+\.[A-Za-z]{2,}/gi;

/** A URL as it may be logged: secret tokens and e-mail addresses replaced. */
export function loggableUrl(url: string): string {
  return url.replace(SECRET_IN_PATH, '/$1/[token]').replace(EMAIL, '[e-mail]');
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
    redact: { paths: ['req.headers.authorization', 'req.headers.cookie', '*.email', '*.to', '*.key', '*.token'], censor: '[redacted]' },
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
