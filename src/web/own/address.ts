import type { Static } from '@sinclair/typebox';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ProviderRecord } from '../../store/providers.js';
import { readdressMessage } from '../../mail/readdress.js';
import { emailProblem } from '../../validation/text.js';
import { AddressFormSchema, ButtonFormSchema } from '../../schemas/web-forms.js';
import { languageOf, sendMessage, sendPage, type WebContext } from '../context.js';
import { formLimit } from '../limits.js';
import type { Language } from '../../domain/language.js';
import { wordsFor } from '../words.js';
import { accountOf, sendLinkGone } from './account.js';

type TokenRequest = FastifyRequest<{ Params: { token: string } }>;

/**
 * A new e-mail address, double opt-in: her page asks, the one mail with a link goes to the NEW address, and only
 * following that link changes the address (then the old address is told). Limited like sign-up: per client by the
 * hourly form limit, per new address by the daily mail limit; the answer is the same whether a mail went or not.
 */
export default async function addressPages(fastify: FastifyInstance, context: WebContext): Promise<void> {
  const { store, emailChanges } = context;
  const limit = formLimit(fastify, context);

  const render = (
    request: TokenRequest,
    reply: FastifyReply,
    provider: ProviderRecord,
    language: Language,
    value: string,
    errors?: { field: string; message: string }[],
  ) =>
    sendPage(
      request,
      reply,
      'own/address',
      (t) => (errors ? `${t.errorTitle}: ${t.addressTitle}` : t.addressTitle),
      {
        current: provider.contacts[0]?.email ?? '',
        waiting: emailChanges.waiting(provider.id) ?? null,
        value,
        action: `/mijn/${request.params.token}/e-mailadres`,
        backUrl: `/mijn/${request.params.token}`,
      },
      { language, form: true, errors, status: errors ? 400 : 200 },
    );

  fastify.get<{ Params: { token: string } }>('/mijn/:token/e-mailadres', async (request, reply) => {
    const found = accountOf(fastify, context, request.params.token);
    if (!found) return sendLinkGone(request, reply);
    return render(request, reply, found.provider, languageOf(request, reply, found.provider.contacts[0]?.language), '');
  });

  fastify.post<{ Params: { token: string }; Body: Static<typeof AddressFormSchema> }>(
    '/mijn/:token/e-mailadres',
    { schema: { body: AddressFormSchema }, preHandler: fastify.csrfProtection },
    async (request, reply) => {
      const found = accountOf(fastify, context, request.params.token);
      if (!found) return sendLinkGone(request, reply);
      const { provider } = found;
      const language = languageOf(request, reply, provider.contacts[0]?.language);
      const words = wordsFor(language).fieldProblems;
      const email = request.body.email.trim();
      const current = provider.contacts[0]?.email ?? '';
      if (emailProblem(email))
        return render(request, reply, provider, language, email, [{ field: 'email', message: words.email }]);
      if (email.toLowerCase() === current.toLowerCase())
        return render(request, reply, provider, language, email, [{ field: 'email', message: words.sameAddress }]);
      await limit(request, reply);
      const token =
        store.mailsSent(email, 24 * 3600_000) < context.mailsPerAddressPerDay
          ? emailChanges.request(provider.id, current, email)
          : undefined;
      if (token !== undefined) {
        await context.sendMail({
          kind: 'address-confirm',
          language: provider.contacts[0]?.language ?? language,
          to: { address: email, name: provider.contacts[0]?.name ?? null },
          practice: provider.name,
          link: `${context.publicBaseUrl}/adres-bevestigen/${token}`,
        });
        store.logMail(email);
      }
      request.log.info({ providerId: provider.id }, 'web: address change asked');
      return sendMessage(
        request,
        reply,
        (t) => ({
          heading: t.addressSentTitle,
          paragraphs: [t.addressSentBody(email), t.addressSentOld(current), t.addressSentNoMail],
          links: [{ href: `/mijn/${request.params.token}`, text: t.backToPage }],
        }),
        { language },
      );
    },
  );

  const gone = (request: FastifyRequest, reply: FastifyReply, expired: boolean) =>
    sendMessage(
      request,
      reply,
      (t) => ({
        heading: expired ? t.linkExpiredTitle : t.linkGoneTitle,
        paragraphs: [t.linkGoneBody],
        links: [
          { href: '/nieuwe-link', text: t.newLinkTitle },
          { href: '/', text: t.home },
        ],
      }),
      { status: expired ? 410 : 404 },
    );

  const changeOf = (token: string) => {
    const change = emailChanges.find(token);
    const provider =
      change && !change.expired
        ? fastify.store.providers.get(change.providerId, { keyId: '', admin: true })
        : undefined;
    return { change, provider };
  };

  // GET only shows the button: a mail scanner that opens the link changes nothing.
  fastify.get<{ Params: { token: string } }>('/adres-bevestigen/:token', async (request, reply) => {
    const { change, provider } = changeOf(request.params.token);
    if (!change || !provider) return gone(request, reply, change?.expired ?? false);
    const language = languageOf(request, reply, provider.contacts[0]?.language);
    return sendMessage(
      request,
      reply,
      (t) => ({
        heading: t.addressConfirmTitle,
        paragraphs: [t.addressConfirmBody(provider.name, change.email)],
        form: { action: `/adres-bevestigen/${request.params.token}`, button: t.addressConfirmButton },
      }),
      { language },
    );
  });

  fastify.post<{ Params: { token: string } }>(
    '/adres-bevestigen/:token',
    { schema: { body: ButtonFormSchema }, preHandler: fastify.csrfProtection },
    async (request, reply) => {
      const { change, provider } = changeOf(request.params.token);
      if (!change || !provider) return gone(request, reply, change?.expired ?? false);
      // Her digests still in the outbox go to the new address: made again there, with the new unsubscribe link.
      const changed = await emailChanges.confirm(request.params.token, (mail, to, unsubscribeToken) =>
        readdressMessage(mail.raw, {
          from: context.mailFrom,
          to,
          subject: mail.subject,
          oldUnsubscribeToken: unsubscribeToken.old,
          unsubscribeToken: unsubscribeToken.new,
        }),
      );
      const pageToken = changed && store.pageToken(changed.providerId);
      if (!changed || pageToken === undefined) return gone(request, reply, false);
      request.log.info({ providerId: changed.providerId }, 'web: address changed');
      const contact = provider.contacts[0];
      const language = contact?.language ?? 'nl';
      const name = contact?.name ?? null;
      // The new inbox gets her page link (the welcome mail is in the old one); the old address is told, without a link.
      await context
        .sendMail({
          kind: 'address-changed',
          language,
          to: { address: changed.newEmail, name },
          practice: provider.name,
          link: `${context.publicBaseUrl}/mijn/${pageToken}`,
          other: changed.oldEmail,
        })
        .catch((error: Error) => request.log.warn({ err: error.message }, 'web: address-changed mail not sent'));
      await context
        .sendMail({
          kind: 'address-left',
          language,
          to: { address: changed.oldEmail, name },
          practice: provider.name,
          link: null,
          other: changed.newEmail,
        })
        .catch((error: Error) => request.log.warn({ err: error.message }, 'web: old-address notice not sent'));
      store.logMail(changed.oldEmail);
      store.logMail(changed.newEmail);
      return reply.redirect(`/mijn/${pageToken}?adres=1`, 303);
    },
  );
}
