import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Language } from '../../domain/language.js';
import { HttpProblem, notFound } from '../../problems.js';
import { requestLanguage } from '../language.js';
import { renderPage, switchUrlOf } from '../render.js';
import { wordsFor, type Words } from '../words.js';
import { linkGonePages, problemResponses } from '../../schemas/common.js';
import { UnsubscribeParamsSchema } from '../../schemas/reminders.js';
import { nowIso } from '../../store/database.js';
import { UNSUBSCRIBE_DESCRIPTION } from './descriptions.js';

const tags = ['reminders'];
const HTML = { description: 'A small page for people.', content: { 'text/html': { schema: { type: 'string' } } } };

/** The page in the site's look (web/render.ts), in the contact's language unless the reader switched (`?lang=`). */
function page(
  request: FastifyRequest,
  language: Language,
  body: (t: Words) => {
    heading: string;
    paragraphs: string[];
    form?: { action: string; button: string; hidden: { name: string; value: string }[] };
  },
): string {
  // Opened from a mail: the mail's language unless the reader switches on the page.
  const shown = requestLanguage(request, { fallback: language, cookie: false });
  const content = body(wordsFor(shown));
  return renderPage(
    'shared/message',
    { language: shown, title: content.heading, switchUrl: switchUrlOf(request.url, shown) },
    { ...content, links: [{ href: '/', text: wordsFor(shown).home }] },
  );
}

/** What an unsubscribed address sees (after the click, and on the link later): it is off, and how to turn it on again. */
function unsubscribedPage(
  request: FastifyRequest,
  token: string,
  contact: { language: Language; email: string },
  practice: string,
): string {
  return page(request, contact.language, (t) => ({
    heading: t.unsubscribedTitle,
    paragraphs: [t.unsubscribedBody(contact.email, practice)],
    form: { action: `/unsubscribe/${token}/resubscribe`, button: t.resubscribeButton, hidden: [] },
  }));
}

/**
 * One-click unsubscribe (RFC 8058): mail clients POST `List-Unsubscribe=One-Click` to the link, no key needed.
 * GET only shows a page with a button, so a link scanner opening the URL unsubscribes nobody.
 */
const unsubscribe: FastifyPluginAsyncTypebox = async (fastify) => {
  const { reminders: store, outbox } = fastify.store;
  // The body (List-Unsubscribe=One-Click) carries nothing the token does not: accept it in the forms mail clients send.
  fastify.addContentTypeParser(
    ['application/x-www-form-urlencoded', 'multipart/form-data', 'text/plain'],
    { parseAs: 'string', bodyLimit: 4096 },
    (_request, body, done) => done(null, body),
  );

  const practiceOf = (providerId: string) =>
    fastify.store.providers.get(providerId, { keyId: '', admin: true })?.name ?? '';
  const contactOf = (token: string) =>
    store.contactByToken(token) ??
    (() => {
      throw notFound('unsubscribe link');
    })();
  // The page names an address: no cache may keep it, no search engine may list it.
  const privatePage = (reply: FastifyReply) =>
    reply
      .type('text/html; charset=utf-8')
      .header('cache-control', 'no-store')
      .header('x-robots-tag', 'noindex, nofollow');

  fastify.get(
    '/:token',
    {
      schema: {
        operationId: 'getUnsubscribePage',
        tags,
        summary: 'Unsubscribe page',
        description:
          'Asks to confirm with a button (which POSTs `List-Unsubscribe=One-Click` to the same address). Not cached, not indexed.',
        params: UnsubscribeParamsSchema,
        response: { 200: HTML, ...linkGonePages(400, 404), ...problemResponses(500) },
      },
    },
    async (request, reply) => {
      const contact = contactOf(request.params.token);
      const practice = practiceOf(contact.providerId);
      const html = contact.unsubscribed
        ? unsubscribedPage(request, request.params.token, contact, practice)
        : page(request, contact.language, (t) => ({
            heading: t.unsubscribeTitle,
            paragraphs: [t.unsubscribeBody(contact.email, practice), t.unsubscribeUndo],
            // The page's own button sends what a mail client's one-click POST sends (RFC 8058), so both pass the same check.
            form: {
              action: `/unsubscribe/${request.params.token}`,
              button: t.unsubscribeButton,
              hidden: [{ name: 'List-Unsubscribe', value: 'One-Click' }],
            },
          }));
      return privatePage(reply).send(html);
    },
  );

  fastify.post(
    '/:token',
    {
      schema: {
        operationId: 'unsubscribe',
        tags,
        summary: 'Unsubscribe (one click)',
        description: UNSUBSCRIBE_DESCRIPTION,
        params: UnsubscribeParamsSchema,
        response: { 200: HTML, ...problemResponses(400, 404, 413, 415, 500) },
      },
    },
    async (request, reply) => {
      const contact = contactOf(request.params.token);
      if (!isOneClick(request.headers['content-type'], request.body)) {
        throw new HttpProblem('validation-failed', 'the body must carry List-Unsubscribe=One-Click (RFC 8058)', [
          { field: 'List-Unsubscribe', in: 'body', message: 'must be One-Click' },
        ]);
      }
      if (store.unsubscribe(contact.id, nowIso())) {
        const cancelled = outbox.cancelForContact(contact.id);
        request.log.info({ contactId: contact.id, cancelled }, 'reminders: contact unsubscribed');
      }
      const practice = practiceOf(contact.providerId);
      return privatePage(reply).send(unsubscribedPage(request, request.params.token, contact, practice));
    },
  );

  fastify.post(
    '/:token/resubscribe',
    {
      schema: {
        operationId: 'resubscribe',
        tags,
        summary: 'Receive reminders again',
        description:
          "The person herself undoes her unsubscribe (from her own link): the address leaves the tenant's suppression list. Idempotent.",
        params: UnsubscribeParamsSchema,
        response: { 200: HTML, ...problemResponses(400, 404, 413, 415, 500) },
      },
    },
    async (request, reply) => {
      const contact = contactOf(request.params.token);
      store.resubscribe(contact.id);
      request.log.info({ contactId: contact.id }, 'reminders: contact subscribed again');
      const practice = practiceOf(contact.providerId);
      return privatePage(reply).send(
        page(request, contact.language, (t) => ({
          heading: t.resubscribedTitle,
          paragraphs: [t.resubscribedBody(contact.email, practice)],
        })),
      );
    },
  );
};

/** RFC 8058: `List-Unsubscribe=One-Click` as a form field (urlencoded or multipart). */
function isOneClick(contentType: string | undefined, body: unknown): boolean {
  if (typeof body !== 'string') return false;
  if ((contentType ?? '').toLowerCase().startsWith('multipart/form-data')) {
    // A part named List-Unsubscribe whose value is One-Click; the body is at most 4 KB (the parser's limit).
    return body
      .split(/\r?\n--/)
      .some((part) => /name="?List-Unsubscribe"?/i.test(part) && /\r?\n\r?\nOne-Click\s*$/.test(part));
  }
  return new URLSearchParams(body).get('List-Unsubscribe') === 'One-Click';
}

export default unsubscribe;
