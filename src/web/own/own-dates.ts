import type { Static, TSchema } from '@sinclair/typebox';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { OwnItem, OwnItemInput } from '../../domain/own-items.js';
import { computeTimeline } from '../../domain/timeline.js';
import type { TimelineItem } from '../../domain/types.js';
import { addOwnItem, computedDates, correctDate, type OwnDateParts } from '../../operations/own-dates.js';
import {
  CorrectionFormSchema,
  CorrectionRemovalFormSchema,
  OwnDateFormSchema,
  OwnDateRemovalFormSchema,
} from '../../schemas/web-forms.js';
import type { ProviderRecord } from '../../store/providers.js';
import type { OwnDateProblem } from '../../validation/own-dates.js';
import { languageOf, type WebContext } from '../context.js';
import type { Language } from '../../domain/language.js';
import { writtenDate } from '../words.js';
import { accountOf, sendLinkGone } from './account.js';
import { ownDatesWords } from './own-dates-words.js';

type PageError = { field: string; message: string };
type TokenRequest<Body = unknown> = FastifyRequest<{
  Params: { token: string };
  Querystring: Record<string, string | undefined>;
  Body: Body;
}>;
/** Renders her page (index.ts) with these errors, a 400 that changes nothing. */
export type RenderOwnPage = (
  request: TokenRequest,
  reply: FastifyReply,
  found: { provider: ProviderRecord },
  errors: PageError[],
) => unknown;

/** What her page shows of her own dates: the two forms, her own items and her corrections. */
export function ownDatesView(
  fastify: FastifyInstance,
  provider: ProviderRecord,
  token: string,
  language: Language,
  query: Record<string, string | undefined>,
  /** The refused form's fields, shown again so she can fix them. */
  submitted: unknown = undefined,
) {
  const body = (submitted ?? {}) as Record<string, unknown>;
  const values = Object.fromEntries(
    ['title', 'due', 'from', 'time', 'insurer', 'insurerOther', 'note', 'item', 'correctionDue', 'reason'].map(
      (name) => [name, field(body, name === 'correctionDue' ? 'due' : name)],
    ),
  );
  const correcting = typeof body.reason === 'string';
  const words = ownDatesWords(language);
  const base = `/mijn/${token}`;
  const computed = computedDates(ownDateParts(fastify), provider);
  const titleOf = (id: string) => computed.find((item) => item.id === id)?.title[language] ?? id;
  // Hers first, then every registered insurer: an own date may concern any of them.
  const insurers = [...new Set([...provider.contracts.map((c) => c.insurer), ...fastify.calendars.knownInsurers()])];
  const nameOf = (insurer: string) => fastify.calendars.insurerName(insurer);
  const flash = query['eigen-datum']
    ? words.added(query['eigen-datum'])
    : query.verwijderd
      ? words.removed
      : query.gecorrigeerd
        ? words.corrected(titleOf(query.gecorrigeerd))
        : query['correctie-ongedaan']
          ? words.uncorrected
          : null;
  return {
    w: words,
    flash,
    values: correcting
      ? { ...values, due: '', from: '', time: '', title: '', note: '' }
      : { ...values, correctionDue: '', item: '' },
    addAction: `${base}/eigen-datum`,
    removeAction: `${base}/eigen-datum/verwijderen`,
    correctAction: `${base}/correctie`,
    undoAction: `${base}/correctie/ongedaan`,
    insurers: insurers.map((id) => ({ value: id, label: nameOf(id) })),
    items: fastify.store.ownDates.items(provider.id).map((item) => ({
      id: item.id,
      text: `${item.insurer === null ? '' : `${nameOf(item.insurer)}: `}${item.title}, ${whenOf(item, language)} (${item.note})`,
    })),
    correctable: computed
      // What can still bind or happen: a date passed unused or a closed round's date is not hers to move.
      // An expected date is not published: there is nothing to correct yet.
      .filter(
        (item) =>
          item.due !== null &&
          !item.expected &&
          item.done === null &&
          !['passed', 'not-recorded'].includes(item.status),
      )
      .map((item) => ({
        value: item.id,
        label: `${nameOf(item.insurer)}: ${item.title[language]} (${writtenDate(item.due!, language)})`,
      })),
    corrections: fastify.store.ownDates.corrections(provider.id).map((correction) => ({
      id: correction.id,
      text: words.correctionText(
        titleOf(correction.item),
        writtenDate(correction.due, language),
        writtenDate(correction.original, language),
        correction.reason,
      ),
    })),
  };
}

/** "20 september 2026 – donderdag 1 oktober 2026 17:00": her window (if any), her date and time. */
function whenOf(item: OwnItem, language: Language): string {
  const due = `${writtenDate(item.due, language)}${item.time === null ? '' : ` ${item.time}`}`;
  return item.from === null ? due : `${writtenDate(item.from, language)} – ${due}`;
}

/** What her own dates read and write, the same parts the API's routes give the operations. */
function ownDateParts(fastify: FastifyInstance): OwnDateParts {
  return {
    ownDates: fastify.store.ownDates,
    events: fastify.store.events,
    calendars: fastify.calendars,
    today: fastify.today(),
  };
}

/** A form field's text, trimmed; '' when the form left it out (the body's schema holds it to one bounded value). */
const field = <Body extends object>(body: Body, name: keyof Body): string => {
  const value: unknown = body[name];
  return typeof value === 'string' ? value.trim() : '';
};

/** A refused field in her words, linked to its input on the page. */
function pageErrors(problems: readonly OwnDateProblem[], language: Language, ids: Record<string, string> = {}) {
  const words = ownDatesWords(language).problems;
  const messageOf = (problem: OwnDateProblem): string => {
    if (problem.kind === 'same-date') return words.sameDate;
    if (problem.kind === 'expected') return words.expected;
    if (problem.field === 'title' || problem.field === 'note' || problem.field === 'reason')
      return words[problem.field];
    if (problem.field === 'insurer') return words.insurer;
    if (problem.field === 'item') return words.item;
    if (problem.field === 'from' || problem.field === 'time') return words[problem.field];
    return words.due;
  };
  return problems.map((problem) => ({
    field: ids[problem.field] ?? `own-${problem.field}`,
    message: messageOf(problem),
  }));
}

/** The forms of her own dates on her page, each with the page's CSRF check; bad input re-renders the page with a 400. */
export default async function ownDatePages(
  fastify: FastifyInstance,
  context: WebContext,
  render: RenderOwnPage,
): Promise<void> {
  const base = (token: string) => `/mijn/${token}`;
  const post = <Body extends TSchema>(
    path: string,
    body: Body,
    handle: (request: TokenRequest<Static<Body>>, reply: FastifyReply, found: { provider: ProviderRecord }) => unknown,
  ) =>
    fastify.post<{ Params: { token: string }; Querystring: Record<string, string | undefined>; Body: Static<Body> }>(
      `/mijn/:token${path}`,
      { schema: { body }, preHandler: fastify.csrfProtection },
      async (request, reply) => {
        const found = accountOf(fastify, context, request.params.token);
        if (!found) return sendLinkGone(request, reply);
        return handle(request, reply, found);
      },
    );
  const partsOf = () => ownDateParts(fastify);
  const languageFor = (request: TokenRequest, reply: FastifyReply, provider: ProviderRecord) =>
    languageOf(request, reply, provider.contacts[0]?.language);

  post('/eigen-datum', OwnDateFormSchema, (request, reply, found) => {
    const { body } = request;
    const chosen = field(body, 'insurerOther') || field(body, 'insurer');
    const input: OwnItemInput = {
      insurer: chosen === '' ? null : chosen,
      title: field(body, 'title'),
      due: field(body, 'due'),
      from: field(body, 'from') || null,
      time: field(body, 'time') || null,
      note: field(body, 'note'),
      done: null,
    };
    // The API's own operation (src/operations/own-dates.ts), its checks and lengths included.
    const added = addOwnItem(partsOf(), found.provider.id, input, found.provider.ownerKeyId);
    if ('problems' in added) {
      const language = languageFor(request, reply, found.provider);
      // The error links to the insurer field she filled in.
      const ids: Record<string, string> = field(body, 'insurerOther') ? { insurer: 'own-insurerOther' } : {};
      return render(request, reply, found, pageErrors(added.problems, language, ids));
    }
    return reply.redirect(
      `${base(request.params.token)}?eigen-datum=${encodeURIComponent(input.title)}#eigen-data`,
      303,
    );
  });

  post('/eigen-datum/verwijderen', OwnDateRemovalFormSchema, (request, reply, found) => {
    const id = field(request.body, 'item');
    // Removing twice (a double click, the back button) is not an error: the page shows the state as it is.
    const removed = id !== '' && fastify.store.ownDates.removeItem(found.provider.id, id, found.provider.ownerKeyId);
    return reply.redirect(`${base(request.params.token)}${removed ? '?verwijderd=1' : ''}#eigen-data`, 303);
  });

  post('/correctie', CorrectionFormSchema, (request, reply, found) => {
    const { body } = request;
    const [item, due, reason] = [field(body, 'item'), field(body, 'due'), field(body, 'reason')];
    const corrected = correctDate(partsOf(), found.provider, { item, due, reason }, found.provider.ownerKeyId);
    if ('problems' in corrected) {
      const language = languageFor(request, reply, found.provider);
      const ids = { item: 'correction-item', due: 'correction-due', reason: 'correction-reason' };
      return render(request, reply, found, pageErrors(corrected.problems, language, ids));
    }
    return reply.redirect(`${base(request.params.token)}?gecorrigeerd=${encodeURIComponent(item)}#eigen-data`, 303);
  });

  post('/correctie/ongedaan', CorrectionRemovalFormSchema, (request, reply, found) => {
    const id = field(request.body, 'correction');
    const undone =
      id !== '' && fastify.store.ownDates.removeCorrection(found.provider.id, id, found.provider.ownerKeyId);
    return reply.redirect(`${base(request.params.token)}${undone ? '?correctie-ongedaan=1' : ''}#eigen-data`, 303);
  });
}
