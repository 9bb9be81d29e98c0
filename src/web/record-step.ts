import type { FastifyInstance } from 'fastify';
import { isValidPlainDate } from '../domain/plain-date.js';
import { computeTimeline } from '../domain/timeline.js';
import type { TimelineItem } from '../domain/types.js';
import type { EventRecord } from '../store/events.js';
import type { ProviderRecord } from '../store/providers.js';
import { wordsFor, type Language } from './words.js';

/** Her timeline now, with what she recorded. */
export function timelineOf(fastify: FastifyInstance, provider: ProviderRecord): TimelineItem[] {
  return computeTimeline(
    provider,
    fastify.calendars,
    fastify.store.events.recordedEvents(provider.id),
    fastify.today(),
  );
}

/**
 * Records one step from a web form, with the same checks as the API (an item of her timeline, a real date not
 * after today) plus a short single-line note. Errors are in her language, keyed by the form field.
 */
export function recordStep(
  fastify: FastifyInstance,
  provider: ProviderRecord,
  body: Record<string, unknown>,
  language: Language,
  fixedItem?: string,
): { event: EventRecord; item: TimelineItem } | { errors: { field: string; message: string }[] } {
  const words = wordsFor(language).fieldProblems;
  const itemId = fixedItem ?? (typeof body.item === 'string' ? body.item : '');
  const date = typeof body.date === 'string' ? body.date.trim() : '';
  const note = typeof body.note === 'string' ? body.note.trim() : '';
  const today = fastify.today();
  const item = timelineOf(fastify, provider).find((candidate) => candidate.id === itemId);
  const errors: { field: string; message: string }[] = [];
  if (!item) errors.push({ field: 'item', message: words.item });
  if (!isValidPlainDate(date) || date > today) errors.push({ field: 'date', message: words.date });
  if (note.length > 500 || /[\p{Cc}\u2028\u2029]/u.test(note)) errors.push({ field: 'note', message: words.note });
  if (errors.length > 0 || !item) return { errors };
  const event = fastify.store.events.record(
    provider.id,
    { item: item.id, date, note: note === '' ? null : note },
    provider.ownerKeyId,
  );
  return { event, item };
}
