import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { groupOf, roundClosesOf, type ItemGroup } from '../../domain/groups.js';
import { computeTimeline } from '../../domain/timeline.js';
import type { IsoDate, TimelineItem } from '../../domain/types.js';
import { languageOf, sendPage } from '../context.js';
import { renderHome } from '../home/index.js';
import { notContractedView } from '../not-contracted.js';
import { datesRestOn, parseSituation, queryOf, situationQuery, type Situation } from '../situation-query.js';
import { subscribeLinks } from '../subscribe.js';
import { timelineView } from '../view-model.js';
import type { Language } from '../../domain/language.js';
import { kindLabel, wordsFor } from '../words.js';
import { chosenContractYear } from '../../domain/year-picture.js';
import { pdfLimit, sendBadYear, sendYearPdf, yearPart } from '../year/page.js';
import type { YearViewOptions } from '../year/view.js';

export interface SignupValues {
  email: string;
  name: string;
  practice: string;
  agb: string;
  language: Language;
}

/** The group of each item as every surface files it, on `today`. */
export function groupsOn(fastify: FastifyInstance, today: IsoDate) {
  return (item: TimelineItem): ItemGroup => groupOf(item, today, roundClosesOf(fastify.calendars, item.calendar));
}

/** The insurer's name for an item, as every page and feed writes it first. */
export function insurerNameOf(fastify: FastifyInstance) {
  // The registry's name (a year without a document, an expected year), else a calendar's; her own item may name none ('').
  return (item: TimelineItem) => (item.insurer === '' ? '' : fastify.calendars.insurerName(item.insurer));
}

export function situationSummary(fastify: FastifyInstance, situation: Situation, language: Language): string {
  const kinds = situation.kinds.map((kind) => kindLabel(kind, language).toLowerCase()).join(', ');
  const insurers = situation.contracts
    .map((c) => `${fastify.calendars.insurerName(c.insurer)} ${c.year} (${wordsFor(language).statusShort[c.status]})`)
    .join(language === 'nl' ? ' en ' : ' and ');
  // Per insurer and year, what her dates rest on: the document (version n), or the law and her own.
  const restsOn = situation.contracts.map(
    (c) =>
      `${fastify.calendars.insurerName(c.insurer)} ${c.year}: ${datesRestOn(fastify.calendars, c.insurer, c.year, language)}.`,
  );
  return [wordsFor(language).situationFor(kinds, insurers), ...restsOn].join(' ');
}

/** The page's words for care her insurers do not contract (src/web/not-contracted.ts), as template fields. */
export function notContractedPart(
  fastify: FastifyInstance,
  situation: Situation,
  language: Language,
  itemCount: number,
): { notContracted: string[]; nothingNext?: string } {
  const { notes, nothingNext } = notContractedView(fastify.calendars, situation, language, itemCount);
  return nothingNext === undefined ? { notContracted: notes } : { notContracted: notes, nothingNext };
}

/** Her dates for one situation, with subscribe links and the sign-up form; shown again (400) with the form's problems. */
export function renderSituation(
  fastify: FastifyInstance,
  publicBaseUrl: string,
  request: FastifyRequest,
  reply: FastifyReply,
  situation: Situation,
  form: { values?: Partial<SignupValues>; errors?: { field: string; message: string }[] } = {},
  contractYear?: number,
) {
  const language = languageOf(request, reply);
  const today = fastify.today();
  const query = situationQuery(situation);
  const items = computeTimeline(situation, fastify.calendars, [], today, { expected: true });
  const words = wordsFor(language);
  const year = situationYearOptions(fastify, situation, language, today, contractYear);
  return sendPage(
    request,
    reply,
    'situation/situation',
    (t) => (form.errors ? `${t.errorTitle}: ${t.signupTitle}` : t.situationTitle),
    {
      summary: situationSummary(fastify, situation, language),
      situationQuery: query,
      timeline: timelineView(items, {
        language,
        today,
        insurerName: insurerNameOf(fastify),
        groupOf: groupsOn(fastify, today),
      }),
      ...yearPart(items, year),
      today,
      ...notContractedPart(fastify, situation, language, items.length),
      links: subscribeLinks(`${publicBaseUrl}/feeds/situatie.ics?${query}`, words.service),
      values: { email: '', name: '', practice: '', agb: '', language, ...form.values },
    },
    { language, form: true, errors: form.errors, status: form.errors ? 400 : 200 },
  );
}

/** The year picture of a situation: its address is the situation, so the chooser and the PDF keep it. */
function situationYearOptions(
  fastify: FastifyInstance,
  situation: Situation,
  language: Language,
  today: string,
  contractYear: number | undefined,
): YearViewOptions {
  const query = situationQuery(situation);
  const chosen = contractYear ?? chosenContractYear(undefined, today)!;
  return {
    calendars: fastify.calendars,
    contractYear: chosen,
    today,
    insurers: [...new Set(situation.contracts.map((contract) => contract.insurer))],
    timeline: { language, today, insurerName: insurerNameOf(fastify) },
    hrefFor: (year) => `/situatie?${query}&jaar=${year}#jaar`,
    pdfHref: `/situatie/jaaroverzicht.pdf?${query}&jaar=${chosen}`,
  };
}

export default async function situationPage(
  fastify: FastifyInstance,
  opts: { publicBaseUrl: string; pdfsPerMinute: number },
): Promise<void> {
  const limit = pdfLimit(fastify, opts.pdfsPerMinute);
  fastify.get('/situatie/jaaroverzicht.pdf', { preHandler: limit }, async (request, reply) => {
    const params = queryOf(request.url);
    const language = languageOf(request, reply);
    const today = fastify.today();
    const { situation, problems } = parseSituation(params, fastify.calendars);
    const contractYear = chosenContractYear(params.get('jaar') ?? undefined, today);
    if (contractYear === null) return sendBadYear(request, reply, today, language);
    if (problems.length > 0)
      return renderHome(fastify, request, reply, situation, [
        { field: 'contracts', message: wordsFor(language).problems[problems[0].code] },
      ]);
    const items = computeTimeline(situation, fastify.calendars, [], today);
    const options = situationYearOptions(fastify, situation, language, today, contractYear);
    return sendYearPdf(reply, items, options, situationSummary(fastify, situation, language), 'jaaroverzicht');
  });

  fastify.get('/situatie', async (request, reply) => {
    const params = queryOf(request.url);
    const contractYear = chosenContractYear(params.get('jaar') ?? undefined, fastify.today());
    if (contractYear === null) return sendBadYear(request, reply, fastify.today(), languageOf(request, reply));
    const { situation, problems } = parseSituation(params, fastify.calendars);
    if (problems.length > 0) {
      const words = wordsFor(languageOf(request, reply));
      const errors = problems.map((problem) => ({
        field:
          problem.field === 'contracts'
            ? 'contracts'
            : problem.field === 'kind'
              ? 'kind'
              : problem.field.replace(/:/g, '-'),
        message: words.problems[problem.code],
      }));
      return renderHome(fastify, request, reply, situation, [...new Map(errors.map((e) => [e.field, e])).values()]);
    }
    return renderSituation(fastify, opts.publicBaseUrl, request, reply, situation, {}, contractYear);
  });
}
