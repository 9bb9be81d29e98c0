import type { Static } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import { emailProblem, displayNameProblem, singleLineProblem } from '../../validation/text.js';
import type { SignupDetails } from '../../store/web.js';
import { ButtonFormSchema, SignupFormSchema } from '../../schemas/web-forms.js';
import { languageOf, sendMessage, type WebContext } from '../context.js';
import { renderSituation, type SignupValues } from '../situation/index.js';
import { parseSituation } from '../situation-query.js';
import { isLanguage, type Language } from '../../domain/language.js';
import { wordsFor } from '../words.js';
import { formLimit } from '../limits.js';

const DEFAULT_REMINDER_DAYS = [14, 7, 1];
const AGB = /^\d{8}$/;

/** The sign-up form's fields, each checked; a problem names the field in words a planner understands. */
function validateSignup(body: Static<typeof SignupFormSchema>, language: Language) {
  const words = wordsFor(language).fieldProblems;
  const text = (name: keyof typeof body) => body[name]?.trim() ?? '';
  const values: SignupValues = {
    email: text('email'),
    name: text('name'),
    practice: text('practice'),
    agb: text('agb').replace(/\s/g, ''),
    language: text('language') === 'en' ? 'en' : 'nl',
  };
  const errors: { field: string; message: string }[] = [];
  if (emailProblem(values.email)) errors.push({ field: 'email', message: words.email });
  if (displayNameProblem(values.name) || values.name.length > 200) errors.push({ field: 'name', message: words.name });
  if (singleLineProblem(values.practice) || values.practice.length > 200)
    errors.push({ field: 'practice', message: words.practice });
  if (values.agb !== '' && !AGB.test(values.agb)) errors.push({ field: 'agb', message: words.agb });
  if (!isLanguage(text('language'))) errors.push({ field: 'language', message: words.language });
  return { values, errors };
}

export default async function signupPages(fastify: FastifyInstance, context: WebContext): Promise<void> {
  const { store } = context;
  const limit = formLimit(fastify, context);

  fastify.post<{ Body: Static<typeof SignupFormSchema> }>(
    '/aanmelden',
    { schema: { body: SignupFormSchema }, preHandler: fastify.csrfProtection },
    async (request, reply) => {
      const { body } = request;
      const language = languageOf(request, reply);
      const { situation, problems } = parseSituation(new URLSearchParams(body.situation ?? ''), fastify.calendars);
      if (problems.length > 0) return reply.redirect('/?lang=' + language, 303);
      const { values, errors } = validateSignup(body, language);
      if (errors.length > 0)
        return renderSituation(fastify, context.publicBaseUrl, request, reply, situation, { values, errors });
      // Counted only now: a forged or malformed post costs no one behind this address their sign-ups.
      await limit(request, reply);

      const details: SignupDetails = {
        kinds: situation.kinds,
        contracts: situation.contracts,
        name: values.name,
        practice: values.practice,
        agb: values.agb === '' ? null : values.agb,
        language: values.language,
        reminderDays: DEFAULT_REMINDER_DAYS,
      };
      // The same answer whatever happens here: a new sign-up, one already waiting, or an address that has a page.
      const existing = store.accountsWithAddress(values.email);
      if (existing.length > 0) {
        if (store.mailsSent(values.email, 24 * 3600_000) < context.mailsPerAddressPerDay) {
          // The mail says what is stored (practice, name, language), never what this form said: it goes to someone's inbox.
          for (const providerId of existing.slice(0, 3)) {
            const provider = fastify.store.providers.get(providerId, { keyId: '', admin: true });
            const contact = provider?.contacts.find((c) => c.email.toLowerCase() === values.email.toLowerCase());
            if (!provider || !contact) continue;
            const token = store.createLink('sign-in', providerId);
            await context.sendMail({
              kind: 'sign-in',
              language: contact.language,
              to: { address: contact.email, name: contact.name },
              practice: provider.name,
              link: `${context.publicBaseUrl}/inloggen/${token}`,
            });
          }
          store.logMail(values.email);
        }
      } else {
        const created = store.createSignup(values.email, details);
        // An address that already waits for its confirmation gets nothing more: one mail per unconfirmed address.
        if (created) {
          await context.sendMail({
            kind: 'confirm',
            language: values.language,
            to: { address: values.email, name: values.name },
            practice: values.practice,
            link: `${context.publicBaseUrl}/bevestig/${created.token}`,
          });
          store.logMail(values.email);
        }
      }
      request.log.info('web: sign-up form answered');
      return sendMessage(
        request,
        reply,
        (t) => ({ heading: t.sentTitle, paragraphs: [t.sentBody(values.email), t.sentNoMail, t.sentExisting] }),
        { language },
      );
    },
  );

  fastify.get<{ Params: { token: string } }>('/bevestig/:token', async (request, reply) => {
    const signup = store.signup(request.params.token);
    if (signup === undefined || signup === 'expired') return linkGone(request, reply, signup === 'expired');
    const language = languageOf(request, reply, signup.details.language);
    return sendMessage(
      request,
      reply,
      (t) => ({
        heading: t.confirmTitle,
        paragraphs: [t.confirmBody(signup.details.practice, signup.email)],
        form: { action: `/bevestig/${request.params.token}`, button: t.confirmButton },
      }),
      { language },
    );
  });

  fastify.post<{ Params: { token: string } }>(
    '/bevestig/:token',
    { schema: { body: ButtonFormSchema }, preHandler: fastify.csrfProtection },
    async (request, reply) => {
      const signup = store.signup(request.params.token);
      if (signup === undefined || signup === 'expired') return linkGone(request, reply, signup === 'expired');
      const confirmed = store.confirmSignup(request.params.token, fastify.today());
      if (!confirmed) return linkGone(request, reply, false);
      request.log.info({ providerId: confirmed.account.providerId }, 'web: sign-up confirmed');
      const pageUrl = `${context.publicBaseUrl}/mijn/${confirmed.pageToken}`;
      await context
        .sendMail({
          kind: 'welcome',
          language: signup.details.language,
          to: { address: signup.email, name: signup.details.name },
          practice: signup.details.practice,
          link: pageUrl,
        })
        .catch((error: Error) => request.log.warn({ err: error.message }, 'web: welcome mail not sent'));
      return reply.redirect(`/mijn/${confirmed.pageToken}`, 303);
    },
  );

  function linkGone(
    request: Parameters<typeof sendMessage>[0],
    reply: Parameters<typeof sendMessage>[1],
    expired: boolean,
  ) {
    return sendMessage(
      request,
      reply,
      (t) => ({
        heading: expired ? t.linkExpiredTitle : t.linkGoneTitle,
        paragraphs: [t.linkGoneBody],
        links: [
          { href: '/#situatie', text: t.signupAgain },
          { href: '/nieuwe-link', text: t.newLinkTitle },
        ],
      }),
      { status: expired ? 410 : 404 },
    );
  }
}
