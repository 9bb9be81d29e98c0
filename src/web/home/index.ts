import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { CalendarSet } from '../../domain/calendar-set.js';
import { languageOf, sendPage } from '../context.js';
import { parseSituation, queryOf, type Situation } from '../situation-query.js';
import type { Language } from '../../domain/language.js';
import { wordsFor, writtenDate } from '../words.js';
import { situationFormView } from './form.js';

/** The calendars the service holds, as the home page lists them (insurer first). */
export function calendarRows(calendars: CalendarSet, language: Language) {
  return calendars.all().map(({ file }) => {
    // The calendar's change log says when its dates were last checked against the document (its newest entry).
    const checked = file.changes?.at(-1)?.date;
    return {
      insurer: file.insurerName,
      year: file.year,
      title: file.document.title,
      url: file.document.url ?? null,
      checked: checked !== undefined ? writtenDate(checked, language) : wordsFor(language).notChecked,
    };
  });
}

/** The home page with the "mijn situatie" form; shown again (400) with a situation's problems next to its fields. */
export function renderHome(
  fastify: FastifyInstance,
  request: FastifyRequest,
  reply: FastifyReply,
  situation?: Situation,
  errors?: { field: string; message: string }[],
) {
  const language = languageOf(request, reply);
  return sendPage(
    request,
    reply,
    'home/home',
    (t) => (errors ? `${t.errorTitle}: ${t.formTitle}` : t.homeTitle),
    {
      form: situationFormView(fastify.calendars, language, situation, fastify.today()),
      calendars: calendarRows(fastify.calendars, language),
    },
    { language, errors, status: errors ? 400 : 200 },
  );
}

export default async function homePage(fastify: FastifyInstance): Promise<void> {
  // "Situatie wijzigen" comes back here with the situation in the address: the form starts filled in.
  fastify.get('/', async (request, reply) =>
    renderHome(fastify, request, reply, parseSituation(queryOf(request.url), fastify.calendars).situation),
  );
}
