import { calendarYear } from './calendar.js';
import type { CalendarSet } from './calendar-set.js';
import { isValidPlainDate, maxDate } from './plain-date.js';
import { computeTimeline, eventsByItem } from './timeline.js';
import type { IsoDate, Provider, RecordedEvent } from './types.js';

/** The dates an event for one item may carry, and why the earliest is what it is. */
export interface RecordBounds {
  from: IsoDate | null;
  to: IsoDate;
  /** Why `from`: the calendar's publication, the step's window, or the recorded step it follows. */
  fromReason: string | null;
  /** The same reason as a kind, for pages that say it in their own language. */
  fromKind: RecordFromKind | null;
}

export type RecordFromKind = 'calendar' | 'publication' | 'window' | 'recorded';

/**
 * Where an event for `itemId` can be recorded, or undefined when the item is not the provider's. An item is the
 * provider's when it is on her timeline, or the trigger of a route whose window passed unused (a late record of
 * a request she did make). The date lies between the latest of the calendar's publication, the opening of the
 * step's window and the recorded date of the step it counts from, and today.
 */
export function recordBounds(
  provider: Provider,
  calendars: CalendarSet,
  recorded: readonly RecordedEvent[],
  itemId: string,
  today: IsoDate,
): RecordBounds | undefined {
  const events = eventsByItem(recorded);
  // A carried year's legal items can be recorded (her 12 November check); an expected item never.
  const timeline = computeTimeline(provider, calendars, events, today, { keepPassedRoutes: true, carried: true });
  const item = timeline.find((candidate) => candidate.id === itemId);
  if (!item) return undefined;
  const calendar = calendars.get(item.insurer, calendarYear(item.calendar));
  const line = calendar?.byItemId.get(itemId);
  if (!calendar || !line) return undefined;
  let from: IsoDate | null = null;
  let fromReason: string | null = null;
  let fromKind: RecordFromKind | null = null;
  const raise = (date: IsoDate | undefined, reason: string, kind: RecordFromKind): void => {
    if (date !== undefined && (from === null || date > from)) {
      from = maxDate(from ?? date, date);
      fromReason = reason;
      fromKind = kind;
    }
  };
  if (line.recordableFrom !== null)
    raise(
      line.recordableFrom,
      'the earliest date this calendar accepts for this step (it may predate the document)',
      'calendar',
    );
  else {
    raise(calendar.file.document.published, `the publication of ${calendar.file.document.title}`, 'publication');
    raise(line.fixed?.window?.from, "the opening of this step's window", 'window');
  }
  // The nearest recorded step this one counts from (through steps not recorded).
  for (let ref = line.refItemId; ref !== null; ref = calendar.byItemId.get(ref)?.refItemId ?? null) {
    const date = events.get(ref);
    if (date !== undefined) {
      raise(date, `the recorded date of ${ref}`, 'recorded');
      break;
    }
  }
  return { from, to: today, fromReason, fromKind };
}

/** Why an event cannot be recorded, field by field: one check for the API and the web front door alike. */
export type RecordingProblem =
  | { field: 'item'; kind: 'not-an-item' }
  | { field: 'date'; kind: 'not-a-date' }
  | { field: 'date'; kind: 'after-today'; today: IsoDate }
  | { field: 'date'; kind: 'too-early'; from: IsoDate; to: IsoDate; reason: string; fromKind: RecordFromKind };

/**
 * Whether an event for `itemId` on `date` may be stored: the item is the provider's, the date is a real date,
 * not after today and not before the bounds of recordBounds. Empty when it may. Every path that records
 * (the API, her page, a digest's "gedaan" link) stores only after this check.
 */
export function recordingProblems(
  provider: Provider,
  calendars: CalendarSet,
  recorded: readonly RecordedEvent[],
  itemId: string,
  date: string,
  today: IsoDate,
): RecordingProblem[] {
  const problems: RecordingProblem[] = [];
  const bounds = recordBounds(provider, calendars, recorded, itemId, today);
  if (!isValidPlainDate(date)) problems.push({ field: 'date', kind: 'not-a-date' });
  else if (date > today) problems.push({ field: 'date', kind: 'after-today', today });
  else if (bounds?.from != null && date < bounds.from)
    problems.push({
      field: 'date',
      kind: 'too-early',
      from: bounds.from,
      to: bounds.to,
      reason: bounds.fromReason ?? '',
      fromKind: bounds.fromKind ?? 'publication',
    });
  if (!bounds) problems.push({ field: 'item', kind: 'not-an-item' });
  return problems;
}
