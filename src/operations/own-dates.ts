import type { CalendarSet } from '../domain/calendar-set.js';
import type { OwnItemInput } from '../domain/own-items.js';
import { computeTimeline } from '../domain/timeline.js';
import type { IsoDate, Provider, TimelineItem } from '../domain/types.js';
import type { EventStore } from '../store/events.js';
import type { CorrectionRecord, OwnDateStore, OwnItemRecord } from '../store/own-dates.js';
import { correctionProblems, ownItemProblems, type OwnDateProblem } from '../validation/own-dates.js';

/** What her own dates read and write: the service's stores, the calendars, and today in Europe/Amsterdam. */
export interface OwnDateParts {
  ownDates: OwnDateStore;
  events: EventStore;
  calendars: CalendarSet;
  today: IsoDate;
}

/** The longest texts stored (the API's schema says the same; a form has no schema before it). */
const MAX_LENGTH = { title: 200, note: 500, reason: 500 } as const;

function lengthProblems(texts: Partial<Record<keyof typeof MAX_LENGTH, string>>): OwnDateProblem[] {
  return Object.entries(texts)
    .filter(([field, text]) => text.length > MAX_LENGTH[field as keyof typeof MAX_LENGTH])
    .map(([field]) => ({
      field,
      kind: 'text' as const,
      message: `must be at most ${MAX_LENGTH[field as keyof typeof MAX_LENGTH]} characters`,
    }));
}

function itemProblems(parts: OwnDateParts, input: OwnItemInput): OwnDateProblem[] {
  const problems = ownItemProblems(input, parts.calendars, parts.today);
  const checked = new Set(problems.map((problem) => problem.field));
  const tooLong = lengthProblems({ title: input.title, note: input.note });
  return [...problems, ...tooLong.filter((problem) => !checked.has(problem.field))];
}

/** Adds an own dated item to her timeline, for the API and her page alike: stored only when nothing is wrong. */
export function addOwnItem(
  parts: OwnDateParts,
  providerId: string,
  input: OwnItemInput,
  byKeyId: string,
): { item: OwnItemRecord } | { problems: OwnDateProblem[] } {
  const problems = itemProblems(parts, input);
  if (problems.length > 0) return { problems };
  return { item: parts.ownDates.createItem(providerId, input, byKeyId) };
}

/** Changes an own item to `input` (the whole item as it becomes); undefined when she has no such item. */
export function changeOwnItem(
  parts: OwnDateParts,
  providerId: string,
  id: string,
  input: OwnItemInput,
  byKeyId: string,
): { item: OwnItemRecord } | { problems: OwnDateProblem[] } | undefined {
  const problems = itemProblems(parts, input);
  if (problems.length > 0) return { problems };
  const item = parts.ownDates.updateItem(providerId, id, input, byKeyId);
  return item && { item };
}

/**
 * The calendar's own dates today, before her corrections: what a correction is checked against and keeps as original.
 * As she sees them: the years her contracts carry into (the law's dates there are hers to correct too) and the
 * expected dates (refused by name: nothing published to correct).
 */
export function computedDates(parts: OwnDateParts, provider: Provider & { id: string }): TimelineItem[] {
  return computeTimeline(provider, parts.calendars, parts.events.recordedEvents(provider.id), parts.today, {
    expected: true,
  });
}

/**
 * Corrects the date the calendar computes for one of her items (a second correction of it changes the first):
 * stored only when the item is a dated calendar item of hers, the date real and not the computed one.
 */
export function correctDate(
  parts: OwnDateParts,
  provider: Provider & { id: string },
  input: { item: string; due: IsoDate; reason: string },
  byKeyId: string,
): { correction: CorrectionRecord; created: boolean; computed: TimelineItem[] } | { problems: OwnDateProblem[] } {
  const computed = computedDates(parts, provider);
  const problems = correctionProblems(input.item, input.due, input.reason, computed);
  if (!problems.some((problem) => problem.field === 'reason'))
    problems.push(...lengthProblems({ reason: input.reason }));
  if (problems.length > 0) return { problems };
  const original = computed.find((entry) => entry.id === input.item)!.due!;
  const { correction, created } = parts.ownDates.correct(provider.id, { ...input, original }, byKeyId);
  return { correction, created, computed };
}
