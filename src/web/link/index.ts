import type { Static } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import { emailProblem } from '../../validation/text.js';
import { ButtonFormSchema, NewLinkFormSchema } from '../../schemas/web-forms.js';
import { languageOf, sendMessage, sendPage, type WebContext } from '../context.js';
import { formLimit } from '../limits.js';
import type { WebMail } from '../mail.js';
import { wordsFor } from '../words.js';

/** "I lost my link": a one-time sign-in link to the registered address; following it makes a new page link. */
export default async function linkPages(fastify: FastifyInstance, context: WebContext): Promise<void> {
  const { store } = context;
  const limit = formLimit(fastify, context);

  fastify.get('/nieuwe-link', async (request, reply) =>
    sendPage(request, reply, 'link/new-link', (t) => t.newLinkTitle, { email: '' }, { form: true }),
  );

  fastify.post<{ Body: Static<typeof NewLinkFormSchema> }>(
    '/nieuwe-link',
    { schema: { body: NewLinkFormSchema }, preHandler: fastify.csrfProtection },
    async (request, reply) => {
      const language = languageOf(request, reply);
      const email = request.body.email.trim();
      if (emailProblem(email)) {
        return sendPage(
          request,
          reply,
          'link/new-link',
          (t) => `${t.errorTitle}: ${t.newLinkTitle}`,
          { email },
          {
            language,
            form: true,
            status: 400,
            errors: [{ field: 'email', message: wordsFor(language).fieldProblems.email }],
          },
        );
      }
      await limit(request, reply);
      const accounts = store.accountsWithAddress(email);
      const mails: WebMail[] = [];
      // The same answer for a known and an unknown address; at most a few mails per address per day.
      if (accounts.length > 0 && store.mailsSent(email, 24 * 3600_000) < context.mailsPerAddressPerDay) {
        for (const providerId of accounts.slice(0, 3)) {
          const provider = fastify.store.providers.get(providerId, { keyId: '', admin: true });
          if (!provider) continue;
          const contact = provider.contacts.find((c) => c.email.toLowerCase() === email.toLowerCase());
          const token = store.createLink('sign-in', providerId);
          mails.push({
            kind: 'sign-in',
            language: contact?.language ?? language,
            to: { address: contact?.email ?? email, name: contact?.name ?? null },
            practice: provider.name,
            link: `${context.publicBaseUrl}/inloggen/${token}`,
          });
        }
        store.logMail(email);
      }
      // Sent once the answer is out: a known address answered as slowly as its SMTP server (330–500 ms against 5 ms
      // for an unknown one), which told anyone which addresses have an account.
      reply.raw.once('finish', () => {
        for (const mail of mails)
          context
            .sendMail(mail)
            .catch((error: unknown) => request.log.error({ err: error }, 'web: sign-in mail not sent'));
      });
      return sendMessage(request, reply, (t) => ({ heading: t.sentTitle, paragraphs: [t.newLinkSent(email)] }), {
        language,
      });
    },
  );

  const gone = (
    request: Parameters<typeof sendMessage>[0],
    reply: Parameters<typeof sendMessage>[1],
    expired: boolean,
  ) =>
    sendMessage(
      request,
      reply,
      (t) => ({
        heading: expired ? t.linkExpiredTitle : t.linkGoneTitle,
        paragraphs: [t.linkGoneBody],
        links: [{ href: '/nieuwe-link', text: t.newLinkTitle }],
      }),
      { status: expired ? 410 : 404 },
    );

  fastify.get<{ Params: { token: string } }>('/inloggen/:token', async (request, reply) => {
    const link = store.link('sign-in', request.params.token);
    if (!link || link.expired) return gone(request, reply, link?.expired ?? false);
    return sendMessage(request, reply, (t) => ({
      heading: t.signInTitle,
      paragraphs: [t.signInBody],
      form: { action: `/inloggen/${request.params.token}`, button: t.signInButton },
    }));
  });

  fastify.post<{ Params: { token: string } }>(
    '/inloggen/:token',
    { schema: { body: ButtonFormSchema }, preHandler: fastify.csrfProtection },
    async (request, reply) => {
      const link = store.link('sign-in', request.params.token);
      if (!link || link.expired) return gone(request, reply, link?.expired ?? false);
      store.useLink(request.params.token);
      const pageToken = store.rotatePageToken(link.providerId);
      return reply.redirect(`/mijn/${pageToken}`, 303);
    },
  );
}
