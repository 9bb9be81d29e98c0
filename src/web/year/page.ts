import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { yearChoices } from '../../domain/year-picture.js';
import type { TimelineItem } from '../../domain/types.js';
import { sendMessage } from '../context.js';
import type { Language } from '../../domain/language.js';
import { pictureOf, yearLines, yearView, type YearView, type YearViewOptions } from './view.js';
import { yearWordsFor } from './words.js';

/** A contract year she cannot choose (`?jaar=`, src/domain/year-picture.ts): a clear 400 page naming the ones she can. */
export function sendBadYear(request: FastifyRequest, reply: FastifyReply, today: string, language: Language) {
  return sendMessage(
    request,
    reply,
    (t) => ({
      heading: t.badRequestTitle,
      paragraphs: [yearWordsFor(language).badYear(yearChoices(today))],
      links: [{ href: '/', text: t.home }],
    }),
    { status: 400, language },
  );
}

/** The picture's part of a page's data (src/web/year/year.eta reads `year`). */
export function yearPart(items: readonly TimelineItem[], options: YearViewOptions): { year: YearView } {
  return { year: yearView(items, options) };
}

/** The overview as a PDF download: the same model and words as the page. */
export async function sendYearPdf(
  reply: FastifyReply,
  items: readonly TimelineItem[],
  options: YearViewOptions,
  name: string,
  fileName: string,
) {
  const { language } = options.timeline;
  const words = yearWordsFor(language);
  const picture = pictureOf(items, options, language);
  const view = yearView(items, options);
  // pdfkit (with its fonts and compression code, ~30 MB resident) is loaded on the first PDF asked for, not at start-up.
  const { yearPdf } = await import('./pdf.js');
  const pdf = await yearPdf({
    title: words.pdfTitle(name, picture.contractYear),
    caption: view.caption,
    picture,
    lines: yearLines(picture, items, options.timeline),
    undated: picture.undated > 0 ? words.undatedPdf(picture.undated) : null,
    words,
  });
  return reply
    .type('application/pdf')
    .header('content-disposition', `attachment; filename="${fileName}-${picture.contractYear}.pdf"`)
    .header('cache-control', 'private, no-store')
    .header('referrer-policy', 'no-referrer')
    .send(pdf);
}

/**
 * Per client address, at most `perMinute` PDFs a minute (0: off), like the API's request budget: drawing one costs far
 * more than a page, so it must not be a lever; over it, the "wait" page (429).
 */
export function pdfLimit(fastify: FastifyInstance, perMinute: number) {
  if (perMinute === 0) return async () => {};
  const limit = fastify.rateLimit({
    max: perMinute,
    timeWindow: '1 minute',
    keyGenerator: (request) => `year-pdf:${request.ip}`,
    errorResponseBuilder: (_request, context) =>
      Object.assign(new Error('too many requests'), { statusCode: 429, retryAfter: context.after }),
  });
  return async (request: FastifyRequest, reply: FastifyReply) => {
    await limit.call(fastify, request, reply);
  };
}
