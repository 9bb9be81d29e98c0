import type { Static } from '@sinclair/typebox';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { providerFeedUrl } from '../../feeds/urls.js';
import { undoEvent } from '../../operations/events.js';
import type { ProviderRecord } from '../../store/providers.js';
import { feedTokenOf } from '../../store/web-tokens.js';
import { ButtonFormSchema, RecordFormSchema, UndoFormSchema, type RecordForm } from '../../schemas/web-forms.js';
import { languageOf, sendMessage, sendPage, type WebContext } from '../context.js';
import { recordStep, timelineOf } from '../record-step.js';
import { groupsOn, insurerNameOf, notContractedPart } from '../situation/index.js';
import { subscribeLinks } from '../subscribe.js';
import { timelineView } from '../view-model.js';
import type { Language } from '../../domain/language.js';
import { wordsFor, writtenDate } from '../words.js';
import { chosenContractYear } from '../../domain/year-picture.js';
import { sendBadYear, yearPart } from '../year/page.js';
import { accountOf, sendLinkGone } from './account.js';
import addressPages from './address.js';
import ownDatePages, { ownDatesView } from './own-dates.js';
import settingsPages from './settings.js';
import ownYearPdf, { ownYearOptions } from './year.js';

/** A web sign-up has one contact: the page link is hers, so what is done on the page is done by her. */
const herAddress = (provider: ProviderRecord): string | null => provider.contacts[0]?.email ?? null;

type TokenRequest = FastifyRequest<{ Params: { token: string }; Querystring: Record<string, string | undefined> }>;

/** Her personal feed: the provider's own secret feed (it carries what she recorded). */
export function personalFeedUrl(context: WebContext, provider: ProviderRecord): string {
  return providerFeedUrl(context.publicBaseUrl, feedTokenOf(provider));
}

export default async function ownPages(fastify: FastifyInstance, context: WebContext): Promise<void> {
  const base = (token: string) => `/mijn/${token}`;

  function flashOf(
    request: TokenRequest,
    language: Language,
    event: { title: string; date: string; id: string; live: boolean; stillDone: string | null } | undefined,
    email: string,
  ) {
    const t = wordsFor(language);
    if (request.query.vastgelegd && event?.live)
      return { text: t.recorded(event.title, writtenDate(event.date, language)), undoEvent: event.id };
    if (request.query.ongedaan && event && !event.live)
      return {
        // An earlier date she recorded for it still stands: the page shows it done, and the words say so.
        text: event.stillDone
          ? t.undoneEarlierStands(event.title, writtenDate(event.stillDone, language))
          : t.undone(event.title),
        undoEvent: null,
      };
    if (request.query.opgeslagen) return { text: t.saved, undoEvent: null };
    if (request.query['nieuw-adres']) return { text: t.rotated, undoEvent: null };
    if (request.query.adres) return { text: t.addressChanged(email), undoEvent: null };
    return null;
  }

  fastify.get<{ Params: { token: string }; Querystring: Record<string, string | undefined> }>(
    '/mijn/:token',
    async (request, reply) => {
      const found = accountOf(fastify, context, request.params.token);
      if (!found) return sendLinkGone(request, reply);
      const language = languageOf(request, reply, found.provider.contacts[0]?.language);
      const contractYear = chosenContractYear(request.query.jaar, fastify.today());
      if (contractYear === null) return sendBadYear(request, reply, fastify.today(), language);
      return renderOwnPage(request, reply, found, undefined, contractYear);
    },
  );

  function renderOwnPage(
    request: TokenRequest,
    reply: FastifyReply,
    found: { provider: ProviderRecord },
    errors?: { field: string; message: string }[],
    contractYear?: number,
  ) {
    const { provider } = found;
    const language: Language = languageOf(request, reply, provider.contacts[0]?.language);
    const today = fastify.today();
    const events = fastify.store.events.list(provider.id);
    const items = timelineOf(fastify, provider);
    const timeline = timelineView(items, {
      language,
      today,
      insurerName: insurerNameOf(fastify),
      groupOf: groupsOn(fastify, today),
      events,
    });
    const { token } = request.params;
    const flashId = request.query.vastgelegd ?? request.query.ongedaan;
    const event = flashId ? fastify.store.events.get(provider.id, flashId) : undefined;
    const all = [timeline.next, ...timeline.now, ...timeline.coming, ...timeline.expected, ...timeline.passed];
    const title = event ? (all.find((item) => item?.id === event.item)?.heading ?? event.item) : '';
    return sendPage(
      request,
      reply,
      'own/own',
      (t) => t.ownTitle(provider.name),
      {
        heading: wordsFor(language).ownTitle(provider.name),
        timeline,
        ...yearPart(items, ownYearOptions(fastify, provider, request.params.token, language, events, contractYear)),
        today,
        ...notContractedPart(fastify, provider, language, items.length),
        recordAction: `${base(token)}/vastleggen`,
        undoAction: `${base(token)}/ongedaan`,
        settingsUrl: `${base(token)}/gegevens`,
        addressUrl: `${base(token)}/e-mailadres`,
        deleteUrl: `${base(token)}/verwijderen`,
        rotateAction: `${base(token)}/agenda-adres`,
        ownDates: ownDatesView(fastify, provider, token, language, request.query, errors ? request.body : undefined),
        links: subscribeLinks(personalFeedUrl(context, provider), provider.name),
        // What is true now: after she unsubscribed, the page no longer promises mails.
        remindersOn: provider.contacts[0] ? context.store.remindersOn(provider.id, provider.contacts[0].email) : false,
        flash: flashOf(
          request,
          language,
          event && {
            title,
            date: event.date,
            id: event.id,
            live: event.undoneAt === null,
            stillDone: ((shown) => (shown?.impliedBy === null ? shown.done : null))(
              items.find((item) => item.id === event.item),
            ),
          },
          provider.contacts[0]?.email ?? '',
        ),
      },
      { language, form: true, errors, status: errors ? 400 : 200 },
    );
  }

  fastify.post<{ Params: { token: string }; Querystring: Record<string, string | undefined>; Body: RecordForm }>(
    '/mijn/:token/vastleggen',
    { schema: { body: RecordFormSchema }, preHandler: fastify.csrfProtection },
    async (request, reply) => {
      const found = accountOf(fastify, context, request.params.token);
      if (!found) return sendLinkGone(request, reply);
      const language = languageOf(request, reply, found.provider.contacts[0]?.language);
      const result = recordStep(fastify, found.provider, request.body, language, undefined, herAddress(found.provider));
      if ('errors' in result) return renderOwnPage(request, reply, found, result.errors);
      return reply.redirect(`${base(request.params.token)}?vastgelegd=${result.event.id}`, 303);
    },
  );

  fastify.post<{
    Params: { token: string };
    Querystring: Record<string, string | undefined>;
    Body: Static<typeof UndoFormSchema>;
  }>(
    '/mijn/:token/ongedaan',
    { schema: { body: UndoFormSchema }, preHandler: fastify.csrfProtection },
    async (request, reply) => {
      const found = accountOf(fastify, context, request.params.token);
      if (!found) return sendLinkGone(request, reply);
      const eventId = request.body.event;
      const by = { keyId: found.provider.ownerKeyId, via: 'web', contact: herAddress(found.provider) } as const;
      // The page shows an item done once, however often that date was recorded: undo ends every one of them.
      const undone = /^[0-9a-f-]{36}$/.test(eventId)
        ? undoEvent(fastify.store.events, found.provider.id, eventId, by, true)
        : undefined;
      // Undoing twice (a double click, the back button) is not an error: the page shows the state as it is.
      return reply.redirect(
        undone ? `${base(request.params.token)}?ongedaan=${undone.id}` : base(request.params.token),
        303,
      );
    },
  );

  fastify.post<{ Params: { token: string } }>(
    '/mijn/:token/agenda-adres',
    { schema: { body: ButtonFormSchema }, preHandler: fastify.csrfProtection },
    async (request, reply) => {
      const found = accountOf(fastify, context, request.params.token);
      if (!found) return sendLinkGone(request, reply);
      fastify.store.providers.rotateFeedToken(found.provider);
      return reply.redirect(`${base(request.params.token)}?nieuw-adres=1#agenda`, 303);
    },
  );

  fastify.get<{ Params: { token: string } }>('/mijn/:token/verwijderen', async (request, reply) => {
    const found = accountOf(fastify, context, request.params.token);
    if (!found) return sendLinkGone(request, reply);
    const language = languageOf(request, reply, found.provider.contacts[0]?.language);
    return sendMessage(
      request,
      reply,
      (t) => ({
        heading: t.deleteTitle,
        paragraphs: [t.deleteBody(found.provider.name)],
        form: { action: `${base(request.params.token)}/verwijderen`, button: t.deleteButton, danger: true },
        links: [{ href: base(request.params.token), text: t.backToPage }],
      }),
      { language },
    );
  });

  fastify.post<{ Params: { token: string } }>(
    '/mijn/:token/verwijderen',
    { schema: { body: ButtonFormSchema }, preHandler: fastify.csrfProtection },
    async (request, reply) => {
      const found = accountOf(fastify, context, request.params.token);
      if (!found) return sendLinkGone(request, reply);
      const language = languageOf(request, reply, found.provider.contacts[0]?.language);
      context.store.deleteAccount(found.account);
      request.log.info({ providerId: found.account.providerId }, 'web: account deleted');
      return sendMessage(
        request,
        reply,
        (t) => ({ heading: t.deletedTitle, paragraphs: [t.deletedBody], links: [{ href: '/', text: t.home }] }),
        { language },
      );
    },
  );

  await ownYearPdf(fastify, context);
  await settingsPages(fastify, context);
  await ownDatePages(fastify, context, (request, reply, found, errors) => renderOwnPage(request, reply, found, errors));
  await addressPages(fastify, context);
}
