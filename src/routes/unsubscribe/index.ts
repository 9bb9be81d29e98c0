import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { notFound } from '../../problems.js';
import type { FastifyRequest } from 'fastify';
import { renderPage, switchUrlOf } from '../../web/render.js';
import { wordsFor, type Words } from '../../web/words.js';
import { problemResponses } from '../../schemas/common.js';
import { UnsubscribeParamsSchema } from '../../schemas/reminders.js';
import { nowIso } from '../../store/database.js';
import { OutboxStore } from '../../store/outbox.js';
import { ReminderStore } from '../../store/reminders.js';

const tags = ['reminders'];
const HTML = { description: 'A small page for people.', content: { 'text/html': { schema: { type: 'string' } } } };

/** The page in the site's look (web/render.ts), in the contact's language unless the reader switched (`?lang=`). */
function page(request: FastifyRequest, language: 'nl' | 'en', body: (t: Words) => { heading: string; paragraphs: string[]; form?: { action: string; button: string; hidden: { name: string; value: string }[] } }): string {
  const asked = (request.query as { lang?: string } | undefined)?.lang;
  const shown = asked === 'nl' || asked === 'en' ? asked : language;
  const content = body(wordsFor(shown));
  return renderPage('shared/message', { language: shown, title: content.heading, switchUrl: switchUrlOf(request.url, shown) }, { ...content, links: [{ href: '/', text: wordsFor(shown).home }] });
}

/**
 * One-click unsubscribe (RFC 8058): mail clients POST `List-Unsubscribe=One-Click` to the link, no key needed.
 * GET only shows a page with a button, so a link scanner opening the URL unsubscribes nobody.
 */
const unsubscribe: FastifyPluginAsyncTypebox = async (fastify) => {
  const store = new ReminderStore(fastify.db);
  const outbox = new OutboxStore(fastify.db);
  // The body (List-Unsubscribe=One-Click) carries nothing the token does not: accept it in the forms mail clients send.
  fastify.addContentTypeParser(['application/x-www-form-urlencoded', 'multipart/form-data', 'text/plain'], { parseAs: 'string', bodyLimit: 4096 }, (_request, body, done) => done(null, body));

  const practiceOf = (providerId: string) => fastify.store.providers.get(providerId, { keyId: '', admin: true })?.name ?? '';
  const contactOf = (token: string) => store.contactByToken(token) ?? (() => { throw notFound('unsubscribe link'); })();

  fastify.get('/:token', {
    schema: {
      tags,
      summary: 'Unsubscribe page',
      description: 'Asks to confirm with a button (which POSTs to the same address).',
      params: UnsubscribeParamsSchema,
      response: { 200: HTML, ...problemResponses(400, 404, 500) },
    },
  }, async (request, reply) => {
    const contact = contactOf(request.params.token);
    const practice = practiceOf(contact.providerId);
    const html = contact.unsubscribedAt
      ? page(request, contact.language, (t) => ({ heading: t.unsubscribedTitle, paragraphs: [t.unsubscribedBody(contact.email, practice), t.unsubscribeUndo] }))
      : page(request, contact.language, (t) => ({
        heading: t.unsubscribeTitle,
        paragraphs: [t.unsubscribeBody(contact.email, practice), t.unsubscribeUndo],
        form: { action: `/unsubscribe/${request.params.token}`, button: t.unsubscribeButton, hidden: [{ name: 'List-Unsubscribe', value: 'One-Click' }] },
      }));
    return reply.type('text/html; charset=utf-8').header('cache-control', 'private, no-store').send(html);
  });

  fastify.post('/:token', {
    schema: {
      tags,
      summary: 'Unsubscribe (one click)',
      description: 'Stops every further reminder to this contact, also those already queued. No API key: the token in the link is the proof. Idempotent.',
      params: UnsubscribeParamsSchema,
      response: { 200: HTML, ...problemResponses(400, 404, 413, 415, 500) },
    },
  }, async (request, reply) => {
    const contact = contactOf(request.params.token);
    if (store.unsubscribe(contact.id, nowIso())) {
      const cancelled = outbox.cancelForContact(contact.id);
      request.log.info({ contactId: contact.id, cancelled }, 'reminders: contact unsubscribed');
    }
    const practice = practiceOf(contact.providerId);
    return reply.type('text/html; charset=utf-8').header('cache-control', 'private, no-store')
      .send(page(request, contact.language, (t) => ({ heading: t.unsubscribedTitle, paragraphs: [t.unsubscribedBody(contact.email, practice), t.unsubscribeUndo] })));
  });
};

export default unsubscribe;
