import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { providerPageUrl } from '../../feeds/urls.js';
import { feedTokenOf } from '../../store/web-tokens.js';
import { RecordFormSchema, type RecordForm } from '../../schemas/web-forms.js';
import { languageOf, sendMessage, sendPage, type WebContext } from '../context.js';
import { recordStep, timelineOf } from '../record-step.js';
import { insurerNameOf } from '../situation/index.js';
import { itemView } from '../view-model.js';
import { wordsFor, writtenDate } from '../words.js';

/**
 * "Gedaan? Leg het vast" from a digest: GET only shows the form (a mail scanner that opens the link records
 * nothing); POST records that one step.
 */
export default async function recordPages(fastify: FastifyInstance, context: WebContext): Promise<void> {
  const { store } = context;

  const load = (token: string) => {
    const link = store.link('record', token);
    if (!link || link.expired || link.item === null) return { gone: true as const, expired: link?.expired ?? false };
    const provider = fastify.store.providers.get(link.providerId, { keyId: '', admin: true });
    const item = provider && timelineOf(fastify, provider).find((candidate) => candidate.id === link.item);
    return provider && item
      ? { gone: false as const, provider, item, contact: link.contactEmail }
      : { gone: true as const, expired: false };
  };

  const gone = (request: FastifyRequest, reply: FastifyReply, expired: boolean) =>
    sendMessage(
      request,
      reply,
      (t) => ({
        heading: expired ? t.linkExpiredTitle : t.linkGoneTitle,
        paragraphs: [t.linkGoneBody],
        links: [{ href: '/', text: t.home }],
      }),
      { status: expired ? 410 : 404 },
    );

  const render = (
    request: FastifyRequest<{ Params: { token: string } }>,
    reply: FastifyReply,
    found: Exclude<ReturnType<typeof load>, { gone: true }>,
    values: { date?: string; note?: string } = {},
    errors?: { field: string; message: string }[],
  ) => {
    const language = languageOf(request, reply, found.provider.contacts[0]?.language);
    const today = fastify.today();
    const words = wordsFor(language);
    return sendPage(
      request,
      reply,
      'record/record',
      (t) => t.recordPageTitle,
      {
        intro: words.recordPageIntro(found.provider.name),
        item: itemView(found.item, { language, today, insurerName: insurerNameOf(fastify) }),
        alreadyDone: found.item.done !== null ? words.alreadyDone(writtenDate(found.item.done, language)) : null,
        action: `/gedaan/${request.params.token}`,
        today,
        date: values.date ?? today,
        note: values.note ?? '',
      },
      { language, form: true, errors, status: errors ? 400 : 200 },
    );
  };

  fastify.get<{ Params: { token: string } }>('/gedaan/:token', async (request, reply) => {
    const found = load(request.params.token);
    if (found.gone) return gone(request, reply, found.expired);
    return render(request, reply, found);
  });

  fastify.post<{ Params: { token: string }; Body: RecordForm }>(
    '/gedaan/:token',
    { schema: { body: RecordFormSchema }, preHandler: fastify.csrfProtection },
    async (request, reply) => {
      const found = load(request.params.token);
      if (found.gone) return gone(request, reply, found.expired);
      const language = languageOf(request, reply, found.provider.contacts[0]?.language);
      const { body } = request;
      if (found.item.done !== null) return render(request, reply, found);
      const result = recordStep(fastify, found.provider, body, language, found.item.id, found.contact);
      if ('errors' in result)
        return render(request, reply, found, { date: body.date ?? '', note: body.note ?? '' }, result.errors);
      const title = itemView(result.item, {
        language,
        today: fastify.today(),
        insurerName: insurerNameOf(fastify),
      }).heading;
      // A web sign-up goes on to her own page (the same link as in her mails); a practice with software to its read-only timeline.
      const pageToken = store.pageToken(found.provider.id);
      return sendMessage(
        request,
        reply,
        (t) => ({
          heading: t.recordedTitle,
          paragraphs: [t.recorded(title, writtenDate(result.event.date, language))],
          links: [
            {
              href: pageToken === undefined ? providerPageUrl('', feedTokenOf(found.provider)) : `/mijn/${pageToken}`,
              text: t.allDates,
            },
          ],
        }),
        { language },
      );
    },
  );
}
