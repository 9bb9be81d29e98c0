import type { FastifyInstance } from 'fastify';
import { recordingProblems, type RecordingProblem } from '../domain/recording.js';
import { timelineWithOwnDates } from '../domain/own-items.js';
import { computeTimeline } from '../domain/timeline.js';
import type { TimelineItem } from '../domain/types.js';
import type { EventRecord } from '../store/events.js';
import type { ProviderRecord } from '../store/providers.js';
import { wordsFor, type Language } from './words.js';

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

/** A recording problem in her words: for a date too early, from when and why. */
function pageMessage(problem: RecordingProblem, language: Language): string {
  const words = wordsFor(language).fieldProblems;
  if (problem.kind === 'not-an-item') return words.item;
  if (problem.kind === 'too-early') return words.dateFrom(problem.from, problem.fromKind, problem.from > problem.to);
  return words.date;
}

/**
 * Records one step from a web form, with the same check as the API (src/domain/recording.ts: an item of her
 * timeline, a real date not after today and not before the step can have happened) plus a short single-line note. Errors are in her language, keyed by the form field.
 * `contact`: the address of the contact who acts (her page's, or the one the digest link was mailed to), for the audit trail.
 */
export function recordStep(
  fastify: FastifyInstance,
  provider: ProviderRecord,
  body: Record<string, unknown>,
  language: Language,
  fixedItem?: string,
  contact: string | null = null,
): { event: EventRecord; item: TimelineItem } | { errors: { field: string; message: string }[] } {
  const words = wordsFor(language).fieldProblems;
  const itemId = fixedItem ?? (typeof body.item === 'string' ? body.item : '');
  const date = typeof body.date === 'string' ? body.date.trim() : '';
  const note = typeof body.note === 'string' ? body.note.trim() : '';
  const today = fastify.today();
  const recorded = fastify.store.events.recordedEvents(provider.id);
  // The API's own check (src/domain/recording.ts): the item is hers, the date real, not after today, not too early.
  const problems = recordingProblems(provider, fastify.calendars, recorded, itemId, date, today);
  const errors: { field: string; message: string }[] = problems.map((problem) => ({
    field: problem.field,
    message: pageMessage(problem, language),
  }));
  if (note.length > 500 || /[\p{Cc}\u2028\u2029]/u.test(note)) errors.push({ field: 'note', message: words.note });
  const item = computeTimeline(provider, fastify.calendars, recorded, today, {
    keepPassedRoutes: true,
    expected: false,
  }).find((candidate) => candidate.id === itemId);
  if (errors.length > 0 || !item)
    return { errors: errors.length > 0 ? errors : [{ field: 'item', message: words.item }] };
  // The same form sent twice (a double click, a resent POST) says nothing new: it records once.
  const same = fastify.store.events
    .liveOn(provider.id, item.id, date)
    .find((event) => event.note === (note === '' ? null : note));
  const event =
    same ??
    fastify.store.events.record(
      provider.id,
      { item: item.id, date, note: note === '' ? null : note },
      provider.ownerKeyId,
      'web',
      contact,
    );
  return { event, item };
}
