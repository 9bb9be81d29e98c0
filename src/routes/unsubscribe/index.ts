import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { notFound } from '../../problems.js';
import { escapeHtml } from '../../html.js';
import { problemResponses } from '../../schemas/common.js';
import { UnsubscribeParamsSchema } from '../../schemas/reminders.js';
import { nowIso } from '../../store/database.js';
import { OutboxStore } from '../../store/outbox.js';
import { ReminderStore } from '../../store/reminders.js';

const tags = ['reminders'];
const HTML = { description: 'A small page for people.', content: { 'text/html': { schema: { type: 'string' } } } };

const PAGES = {
  nl: {
    ask: (email: string) => ({ title: 'Afmelden', body: `Geen herinneringen meer sturen naar ${email}?`, button: 'Afmelden' }),
    done: (email: string) => ({ title: 'Afgemeld', body: `${email} krijgt geen herinneringen meer.` }),
  },
  en: {
    ask: (email: string) => ({ title: 'Unsubscribe', body: `Stop sending reminders to ${email}?`, button: 'Unsubscribe' }),
    done: (email: string) => ({ title: 'Unsubscribed', body: `${email} will get no more reminders.` }),
  },
};

function page(language: 'nl' | 'en', title: string, body: string, button?: string): string {
  const form = button ? `<form method="post"><input type="hidden" name="List-Unsubscribe" value="One-Click"><button type="submit">${escapeHtml(button)}</button></form>` : '';
  return `<!doctype html><html lang="${language}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width"><title>${escapeHtml(title)}</title></head><body><h1>${escapeHtml(title)}</h1><p>${escapeHtml(body)}</p>${form}</body></html>\n`;
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

  const contactOf = (token: string) => store.contactByToken(token) ?? (() => { throw notFound('unsubscribe link'); })();

  fastify.get('/:token', {
    schema: {
      operationId: 'getUnsubscribePage',
      tags,
      summary: 'Unsubscribe page',
      description: 'Asks to confirm with a button (which POSTs to the same address).',
      params: UnsubscribeParamsSchema,
      response: { 200: HTML, ...problemResponses(400, 404, 500) },
    },
  }, async (request, reply) => {
    const contact = contactOf(request.params.token);
    const words = PAGES[contact.language];
    const html = contact.unsubscribedAt
      ? page(contact.language, words.done(contact.email).title, words.done(contact.email).body)
      : page(contact.language, words.ask(contact.email).title, words.ask(contact.email).body, words.ask(contact.email).button);
    return reply.type('text/html; charset=utf-8').send(html);
  });

  fastify.post('/:token', {
    schema: {
      operationId: 'unsubscribe',
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
    const text = PAGES[contact.language].done(contact.email);
    return reply.type('text/html; charset=utf-8').send(page(contact.language, text.title, text.body));
  });
};

export default unsubscribe;
