import type { CalendarSet } from './calendar-set.js';
import { maxDate } from './plain-date.js';
import { computeTimeline, eventsByItem } from './timeline.js';
import type { IsoDate, Provider, RecordedEvent } from './types.js';

/** The dates an event for one item may carry, and why the earliest is what it is. */
export interface RecordBounds {
  from: IsoDate | null;
  to: IsoDate;
  /** Why `from`: the calendar's publication, the step's window, or the recorded step it follows. */
  fromReason: string | null;
}

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
  const timeline = computeTimeline(provider, calendars, events, today, { keepPassedRoutes: true });
  const item = timeline.find((candidate) => candidate.id === itemId);
  if (!item) return undefined;
  const calendar = calendars.get(item.insurer, Number(item.calendar.split('/')[1]));
  const line = calendar?.byItemId.get(itemId);
  if (!calendar || !line) return undefined;
  let from: IsoDate | null = null;
  let fromReason: string | null = null;
  const raise = (date: IsoDate | undefined, reason: string): void => {
    if (date !== undefined && (from === null || date > from)) {
      from = maxDate(from ?? date, date);
      fromReason = reason;
    }
  };
  if (line.recordableFrom !== null)
    raise(line.recordableFrom, 'the earliest date this calendar accepts for this step (it may predate the document)');
  else {
    raise(calendar.file.document.published, `the publication of ${calendar.file.document.title}`);
    raise(line.fixed?.window?.from, "the opening of this step's window");
  }
  // The nearest recorded step this one counts from (through steps not recorded).
  for (let ref = line.refItemId; ref !== null; ref = calendar.byItemId.get(ref)?.refItemId ?? null) {
    const date = events.get(ref);
    if (date !== undefined) {
      raise(date, `the recorded date of ${ref}`);
      break;
    }
  }
  return { from, to: today, fromReason };
}
