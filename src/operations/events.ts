import type { CalendarSet } from '../domain/calendar-set.js';
import { recordingProblems, type RecordingProblem } from '../domain/recording.js';
import type { IsoDate, Provider } from '../domain/types.js';
import type { EventRecord, EventStore, RecordingVia } from '../store/events.js';

/** What recording reads and writes: the service's events, the calendars, and today in Europe/Amsterdam. */
export interface RecordingParts {
  events: EventStore;
  calendars: CalendarSet;
  today: IsoDate;
}

/** Who records or undoes (an API key; her page acts with her sign-up's own key), and from where. */
export interface Actor {
  keyId: string;
  via: RecordingVia;
  /** On the web: the address of the contact who acts (her page's, or the one a digest link was mailed to). */
  contact?: string | null;
}

export interface EventInput {
  item: string;
  date: string;
  note: string | null;
}

/** How a surface's events differ: the form's note is one short line, and a form sent twice records once. */
export interface RecordingRules {
  /** `free-text`: up to 2,000 characters (the API); `single-line`: up to 500, no control characters (a form). */
  note: 'free-text' | 'single-line';
  /** The same live step, date and note again is the event already stored; the API has Idempotency-Key instead. */
  sameTwiceIsOnce: boolean;
}

export type EventProblem = RecordingProblem | { field: 'note'; kind: 'bad-note'; maxLength: number };

const NOTE_LENGTH: Record<RecordingRules['note'], number> = { 'free-text': 2000, 'single-line': 500 };

/**
 * Records that a step of her timeline happened, for the API and her pages alike: stored only when the one check
 * (src/domain/recording.ts: an item of her timeline, a real date not after today, not before the step can have
 * happened) and the note's rule find nothing; otherwise the problems, field by field, and nothing changes.
 */
export function recordEvent(
  parts: RecordingParts,
  provider: Provider & { id: string },
  input: EventInput,
  by: Actor,
  rules: RecordingRules,
): { event: EventRecord } | { problems: EventProblem[] } {
  const { events, calendars, today } = parts;
  const recorded = events.recordedEvents(provider.id);
  const problems: EventProblem[] = recordingProblems(provider, calendars, recorded, input.item, input.date, today);
  const note = input.note ?? '';
  const maxLength = NOTE_LENGTH[rules.note];
  if (note.length > maxLength || (rules.note === 'single-line' && /[\p{Cc}\u2028\u2029]/u.test(note)))
    problems.push({ field: 'note', kind: 'bad-note', maxLength });
  if (problems.length > 0) return { problems };
  const event = { item: input.item, date: input.date, note: input.note === '' ? null : input.note };
  const same = rules.sameTwiceIsOnce
    ? events.liveOn(provider.id, event.item, event.date).find((live) => live.note === event.note)
    : undefined;
  return { event: same ?? events.record(provider.id, event, by.keyId, by.via, by.contact ?? null) };
}

/**
 * Undoes a recorded event; it stays in the audit trail, marked with who undid it. With `withItsRepeats`, every live
 * event of that step on that date ends too (her page shows them as one "done"). Undefined when it was not live.
 */
export function undoEvent(
  events: EventStore,
  providerId: string,
  eventId: string,
  by: Actor,
  withItsRepeats = false,
): EventRecord | undefined {
  const shown = withItsRepeats ? events.get(providerId, eventId) : undefined;
  if (!shown) return events.undo(providerId, eventId, by.keyId, by.via, by.contact ?? null);
  return events
    .liveOn(providerId, shown.item, shown.date)
    .map((event) => events.undo(providerId, event.id, by.keyId, by.via, by.contact ?? null))
    .find((event) => event?.id === shown.id);
}
