import type { FastifyReply, FastifyRequest } from 'fastify';
import type { ErrorPages } from '../plugins/app/problems.js';
import { requestLanguage } from './language.js';
import { renderPage, switchUrlOf } from './render.js';
import { wordsFor, type Words } from './words.js';

/** Addresses for programs (the API and its documents, iCal feeds, metrics, health): their errors stay problem+json. */
const MACHINE_PATH =
  /^\/(?:api(?:\/|$)|feeds\/.*\.ics$|metrics(?:\/|$)|health(?:\/|$)|ready(?:\/|$)|docs(?:\/|$)|openapi\.json$)/;

/** Whether a person reads what this address answers: every path but those for programs. */
export function isPagePath(url: string): boolean {
  return !MACHINE_PATH.test(url.split('?')[0]);
}

/** A page in the site's look with a heading, a paragraph and links; for answers outside the pages' own scope. */
export function sendStatusPage(
  request: FastifyRequest,
  reply: FastifyReply,
  status: number,
  content: (t: Words) => { heading: string; paragraphs: string[]; links: { href: string; text: string }[] },
) {
  const language = requestLanguage(request);
  const body = content(wordsFor(language));
  const switchUrl =
    request.method === 'GET' ? switchUrlOf(request.url, language) : `/?lang=${language === 'nl' ? 'en' : 'nl'}`;
  return reply
    .code(status)
    .type('text/html; charset=utf-8')
    .header('cache-control', 'private, no-store')
    .header('x-robots-tag', 'noindex')
    .header('referrer-policy', 'no-referrer')
    .send(renderPage('shared/message', { language, title: body.heading, switchUrl }, body));
}

/** A mistyped page address: a 404 page (undefined for an address for programs, which answers a problem). */
export function sendNotFoundPage(request: FastifyRequest, reply: FastifyReply) {
  if (!isPagePath(request.url)) return undefined;
  return sendStatusPage(request, reply, 404, (t) => ({
    heading: t.notFoundTitle,
    paragraphs: [t.notFoundBody],
    links: [{ href: '/', text: t.home }],
  }));
}

/** A URL that cannot be read at all (bad percent-encoding) on a page address: a 400 page. */
export function sendBadAddressPage(request: FastifyRequest, reply: FastifyReply, status: number) {
  return sendStatusPage(request, reply, status, (t) => ({
    heading: t.notFoundTitle,
    paragraphs: [t.notFoundBody],
    links: [{ href: '/', text: t.home }],
  }));
}

/** What a bad link answers (malformed, unknown, expired); other 4xx (a URL too long, too many requests) stay problems. */
const LINK_STATUSES = new Set([400, 404, 410]);

/**
 * A browser's GET of a page outside the pages' own scope (a feed's timeline page, an unsubscribe link) that fails
 * with a 4xx: the token is unknown, replaced or malformed. POSTs (a mail client's one-click) keep their problem.
 */
export function sendClientErrorPage(request: FastifyRequest, reply: FastifyReply, status: number) {
  if ((request.method !== 'GET' && request.method !== 'HEAD') || !isPagePath(request.url) || !LINK_STATUSES.has(status))
    return undefined;
  return sendStatusPage(request, reply, status, (t) => ({
    heading: t.linkGoneTitle,
    paragraphs: [t.linkGoneBody],
    links: [
      { href: '/nieuwe-link', text: t.newLinkTitle },
      { href: '/', text: t.home },
    ],
  }));
}

export const ERROR_PAGES: ErrorPages = { notFound: sendNotFoundPage, clientError: sendClientErrorPage };
