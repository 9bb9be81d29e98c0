import type { FastifyInstance } from 'fastify';
import { chosenContractYear } from '../../domain/year-picture.js';
import type { ProviderRecord } from '../../store/providers.js';
import { languageOf, type WebContext } from '../context.js';
import { timelineOf } from '../record-step.js';
import { insurerNameOf } from '../situation/index.js';
import type { LiveEvent } from '../view-model.js';
import type { Language } from '../../domain/language.js';
import { pdfLimit, sendBadYear, sendYearPdf } from '../year/page.js';
import type { YearViewOptions } from '../year/view.js';
import { accountOf, sendLinkGone } from './account.js';

/** Her year picture: her contracts' insurers in order, the chooser and the PDF on her own page's address. */
export function ownYearOptions(
  fastify: FastifyInstance,
  provider: ProviderRecord,
  token: string,
  language: Language,
  events: readonly LiveEvent[],
  contractYear: number | undefined,
): YearViewOptions {
  const today = fastify.today();
  const chosen = contractYear ?? chosenContractYear(undefined, today)!;
  return {
    calendars: fastify.calendars,
    contractYear: chosen,
    today,
    insurers: [...new Set(provider.contracts.map((contract) => contract.insurer))],
    timeline: { language, today, insurerName: insurerNameOf(fastify), events },
    hrefFor: (year) => `/mijn/${token}?jaar=${year}#jaar`,
    pdfHref: `/mijn/${token}/jaaroverzicht.pdf?jaar=${chosen}`,
  };
}

/** `GET /mijn/<link>/jaaroverzicht.pdf?jaar=`: her year overview as one A4 landscape page, for her records. */
export default async function ownYearPdf(fastify: FastifyInstance, context: WebContext): Promise<void> {
  fastify.get<{ Params: { token: string }; Querystring: Record<string, string | undefined> }>(
    '/mijn/:token/jaaroverzicht.pdf',
    { preHandler: pdfLimit(fastify, context.pdfsPerMinute) },
    async (request, reply) => {
      const found = accountOf(fastify, context, request.params.token);
      if (!found) return sendLinkGone(request, reply);
      const { provider } = found;
      const language = languageOf(request, reply, provider.contacts[0]?.language);
      const contractYear = chosenContractYear(request.query.jaar, fastify.today());
      if (contractYear === null) return sendBadYear(request, reply, fastify.today(), language);
      const events = fastify.store.events.list(provider.id);
      const options = ownYearOptions(fastify, provider, request.params.token, language, events, contractYear);
      return sendYearPdf(reply, timelineOf(fastify, provider), options, provider.name, 'jaaroverzicht');
    },
  );
}
