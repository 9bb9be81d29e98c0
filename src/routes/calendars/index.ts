import { type FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { kindsOf, type CompiledCalendar } from '../../domain/calendar.js';
import { computeTimeline } from '../../domain/timeline.js';
import { CONTRACT_STATUSES, type AttributeValue } from '../../domain/types.js';
import { HttpProblem, invalidInput, notFound, type FieldError } from '../../problems.js';
import { CalendarListSchema, CalendarParamsSchema, CalendarSchema } from '../../schemas/calendars.js';
import { problemResponses } from '../../schemas/common.js';
import { ownEntry } from '../../domain/own-property.js';
import { CalendarTimelineQuerySchema, CalendarTimelineSchema } from '../../schemas/timeline.js';
import { GET_CALENDAR_TIMELINE_DESCRIPTION } from './descriptions.js';

const tags = ['calendars'];

function summaryOf(calendar: CompiledCalendar) {
  const { file } = calendar;
  const kinds = kindsOf(calendar);
  return {
    key: calendar.key,
    insurer: file.insurer,
    insurerName: file.insurerName,
    year: file.year,
    sector: file.sector,
    document: { title: file.document.title, publisher: file.document.publisher, url: file.document.url },
    contact: file.contact,
    version: file.version ?? 1,
    published: file.document.published ?? null,
    attributes: file.attributes ?? {},
    terms: file.terms ?? [],
    kinds,
  };
}

function planningTableOf(calendar: CompiledCalendar) {
  return {
    ...summaryOf(calendar),
    lines: calendar.lines.map((line) => ({
      id: line.itemId,
      chain: line.chain && { ...line.chain, trigger: line.trigger },
      title: line.title,
      actor: line.actor,
      type: line.type,
      signing: line.signing,
      appliesTo: {
        kinds: line.appliesTo.kinds,
        status: line.appliesTo.status ?? [...CONTRACT_STATUSES],
        attributes: line.appliesTo.attributes ?? {},
      },
      rule: { ...line.rule },
      due: line.fixed?.due ?? null,
      window: line.fixed?.window ?? null,
      time: line.time,
      flags: line.fixedFlags,
      contact: line.contact,
      note: line.note,
      cap: line.cap && { id: line.cap.itemId, reason: line.cap.reason },
      route: line.route !== null && calendar.alternatives.has(line.route) ? line.route : null,
      bindsWhen: line.bindsWhen,
      awaits: line.awaits,
      recordableFrom: line.recordableFrom,
      reading: line.reading,
      source: line.source,
    })),
  };
}

/** `name:value` pairs, typed by the calendar's declared values (`true` the boolean, `3` the number). */
function parseAttributes(calendar: CompiledCalendar, pairs: string[]): Record<string, AttributeValue> {
  const declared = calendar.file.attributes ?? {};
  // No prototype: a name such as __proto__ is an ordinary key here (and refused above it anyway).
  const attributes: Record<string, AttributeValue> = Object.create(null) as Record<string, AttributeValue>;
  const errors: FieldError[] = [];
  for (const pair of pairs) {
    const colon = pair.indexOf(':');
    const name = pair.slice(0, colon);
    const text = pair.slice(colon + 1);
    const attribute = ownEntry(declared, name);
    const value = attribute?.values.find((candidate) => String(candidate) === text);
    if (!attribute)
      errors.push({ field: 'attribute', in: 'querystring', message: `${calendar.key} has no attribute "${name}"` });
    else if (value === undefined)
      errors.push({
        field: 'attribute',
        in: 'querystring',
        message: `${name} must be one of: ${attribute.values.join(', ')}`,
      });
    else attributes[name] = value;
  }
  if (errors.length > 0) throw invalidInput(errors);
  return attributes;
}

const calendars: FastifyPluginAsyncTypebox = async (fastify) => {
  const calendarOf = (insurer: string, year: number): CompiledCalendar => {
    const calendar = fastify.calendars.get(insurer, year);
    if (!calendar) throw notFound(`calendar ${insurer}/${year}`);
    return calendar;
  };

  fastify.get(
    '',
    {
      schema: {
        operationId: 'listCalendars',
        tags,
        summary: 'List calendars',
        description: "Every insurer calendar the service knows: use `insurer` and `year` in a provider's contracts.",
        response: { 200: { ...CalendarListSchema, description: 'The calendars.' }, ...problemResponses(429, 500) },
      },
    },
    async () => ({ items: fastify.calendars.all().map(summaryOf) }),
  );

  fastify.get(
    '/:insurer/:year',
    {
      schema: {
        operationId: 'getCalendar',
        tags,
        summary: 'One calendar: the planning table',
        description:
          "Every dated line of the insurer's planning for the contract year, in the calendar's order, each with the section and quoted wording it comes from.",
        params: CalendarParamsSchema,
        response: {
          200: { ...CalendarSchema, description: 'The planning table.' },
          ...problemResponses(400, 404, 429, 500),
        },
      },
    },
    async (request) => planningTableOf(calendarOf(request.params.insurer, request.params.year)),
  );

  fastify.get(
    '/:insurer/:year/timeline',
    {
      schema: {
        operationId: 'getCalendarTimeline',
        tags,
        summary: 'Generic timeline for a kind and status',
        description: GET_CALENDAR_TIMELINE_DESCRIPTION,
        params: CalendarParamsSchema,
        querystring: CalendarTimelineQuerySchema,
        response: {
          200: { ...CalendarTimelineSchema, description: 'The generic timeline.' },
          ...problemResponses(400, 404, 429, 500),
        },
      },
    },
    async (request) => {
      const calendar = calendarOf(request.params.insurer, request.params.year);
      const { kind, status, asOf = fastify.today(), attribute = [], runsUntil } = request.query;
      if (!kindsOf(calendar).includes(kind))
        throw new HttpProblem(
          'not-found',
          `kind "${kind}" not found: ${calendar.key} lists ${kindsOf(calendar).join(', ')}`,
        );
      const attributes = parseAttributes(calendar, attribute);
      const contract = {
        insurer: calendar.file.insurer,
        year: calendar.file.year,
        status,
        attributes,
        ...(runsUntil !== undefined ? { runsUntil } : {}),
      };
      const items = computeTimeline({ kinds: [kind], contracts: [contract] }, fastify.calendars, [], asOf);
      return { calendar: calendar.key, kind, status, attributes, asOf, items };
    },
  );
};

export default calendars;
