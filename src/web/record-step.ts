import type { FastifyInstance } from 'fastify';
import { timelineWithOwnDates } from '../domain/own-items.js';
import { computeTimeline } from '../domain/timeline.js';
import type { TimelineItem } from '../domain/types.js';
import { recordEvent, type EventProblem, type RecordingRules } from '../operations/events.js';
import type { EventRecord } from '../store/events.js';
import type { ProviderRecord } from '../store/providers.js';
import type { RecordForm } from '../schemas/web-forms.js';
import type { Language } from '../domain/language.js';
import { wordsFor } from './words.js';

/** Her timeline now, with what she recorded. */
export function timelineOf(fastify: FastifyInstance, provider: ProviderRecord): TimelineItem[] {
  return timelineWithOwnDates(
    provider,
    fastify.calendars,
    fastify.store.events.recordedEvents(provider.id),
    fastify.store.ownDates.ownDates(provider.id),
    fastify.today(),
  );
}

/** Her note is one line of a form; the same form sent twice (a double click, a resent POST) records once. */
const WEB_RULES: RecordingRules = { note: 'single-line', sameTwiceIsOnce: true };

/** A recording problem in her words: for a date too early, from when and why. */
function pageMessage(problem: EventProblem, language: Language): string {
  const words = wordsFor(language).fieldProblems;
  if (problem.kind === 'not-an-item') return words.item;
  if (problem.kind === 'bad-note') return words.note;
  if (problem.kind === 'too-early') return words.dateFrom(problem.from, problem.fromKind, problem.from > problem.to);
  return words.date;
}

/**
 * Records one step from a web form with the API's operation and checks (src/operations/events.ts: an item of her
 * timeline, a real date not after today and not before the step can have happened) plus a short single-line note. Errors are in her language, keyed by the form field.
 * `contact`: the address of the contact who acts (her page's, or the one the digest link was mailed to), for the audit trail.
 */
export function recordStep(
  fastify: FastifyInstance,
  provider: ProviderRecord,
  body: RecordForm,
  language: Language,
  fixedItem?: string,
  contact: string | null = null,
): { event: EventRecord; item: TimelineItem } | { errors: { field: string; message: string }[] } {
  const words = wordsFor(language).fieldProblems;
  const itemId = fixedItem ?? body.item ?? '';
  const date = body.date?.trim() ?? '';
  const note = body.note?.trim() ?? '';
  const today = fastify.today();
  const parts = { events: fastify.store.events, calendars: fastify.calendars, today };
  const item = computeTimeline(provider, fastify.calendars, parts.events.recordedEvents(provider.id), today, {
    keepPassedRoutes: true,
    carried: true,
  }).find((candidate) => candidate.id === itemId);
  // The API's own operation (src/operations/events.ts): the same checks, a single-line note, a form sent twice once.
  // A step not on her timeline is one of its problems (not-an-item), so nothing is stored without `item`.
  const by = { keyId: provider.ownerKeyId, via: 'web', contact } as const;
  const result = recordEvent(parts, provider, { item: itemId, date, note }, by, WEB_RULES);
  if ('problems' in result || !item) {
    const problems = 'problems' in result ? result.problems : [];
    const errors = problems.map((problem) => ({ field: problem.field, message: pageMessage(problem, language) }));
    return { errors: errors.length > 0 ? errors : [{ field: 'item', message: words.item }] };
  }
  const { event } = result;
  return { event, item };
}
