import type { CompiledCalendar, CompiledLine } from './calendar.js';
import type { CalendarSet } from './calendar-set.js';
import { addDays, maxDate, minDate } from './plain-date.js';
import { relativeDate } from './rules.js';
import { ownEntry } from './own.js';
import type { AppliesTo, Contract, IsoDate, ItemStatus, Provider, RecordedEvent, TimelineItem } from './types.js';

/** Items due within this many days of asOf are `due-soon`. */
export const DUE_SOON_DAYS = 14;

type Events = ReadonlyMap<string, IsoDate>;

/** The date later steps count from: what happened, or what is expected to happen. */
interface Anchor {
  date: IsoDate;
  recorded: boolean;
}

/**
 * Every date that applies to a provider, across its contracts, sorted by due date.
 * Fixed dates come precompiled from the calendars; only relative steps are computed here.
 */
export function computeTimeline(
  provider: Provider,
  calendars: CalendarSet,
  recordedEvents: readonly RecordedEvent[] | Events,
  asOf: IsoDate,
): TimelineItem[] {
  const events: Events = recordedEvents instanceof Map ? recordedEvents : eventsByItem(recordedEvents as readonly RecordedEvent[]);
  const dueSoonUntil = addDays(asOf, DUE_SOON_DAYS);
  const items: TimelineItem[] = [];
  for (const contract of provider.contracts) {
    const calendar = calendars.get(contract.insurer, contract.year);
    if (!calendar) continue;
    const placer = new LinePlacer(calendar, calendars, events, asOf);
    for (const line of applicableLines(calendar, provider, contract)) {
      if (line.awaits !== null && !events.has(line.awaits)) continue;
      items.push(placer.item(line, dueSoonUntil));
    }
  }
  return items.sort(byDueDate);
}

/** The latest recorded date per item (a later record corrects an earlier one). */
export function eventsByItem(events: readonly RecordedEvent[]): Map<string, IsoDate> {
  const byItem = new Map<string, IsoDate>();
  for (const event of events) {
    const known = byItem.get(event.item);
    if (known === undefined || event.date > known) byItem.set(event.item, event.date);
  }
  return byItem;
}

export function appliesTo(rule: AppliesTo, provider: Provider, contract: Contract): boolean {
  if (!rule.kinds.some((kind) => provider.kinds.includes(kind))) return false;
  if (rule.status && !rule.status.includes(contract.status)) return false;
  for (const [name, values] of Object.entries(rule.attributes ?? {})) {
    const value = ownEntry(contract.attributes, name);
    // An attribute the provider has not given: show the line (missing one is worse than one too many).
    if (value !== undefined && !values.includes(value)) return false;
  }
  return true;
}

/** Lines are the same for every provider of one archetype: cache them per calendar and archetype. */
const applicableCache = new WeakMap<CompiledCalendar, Map<string, CompiledLine[]>>();

function applicableLines(calendar: CompiledCalendar, provider: Provider, contract: Contract): CompiledLine[] {
  const agreementRuns = contract.runsUntil !== undefined && contract.runsUntil >= calendar.file.year;
  const archetype = JSON.stringify([[...provider.kinds].sort(), contract.status, agreementRuns, contract.attributes ?? null]);
  let cache = applicableCache.get(calendar);
  if (!cache) applicableCache.set(calendar, (cache = new Map()));
  let lines = cache.get(archetype);
  if (!lines) {
    lines = calendar.lines.filter(
      (line) => appliesTo(line.appliesTo, provider, contract) && !(agreementRuns && line.signing),
    );
    if (cache.size < 10_000) cache.set(archetype, lines);
  }
  return lines;
}

/** Places the lines of one calendar for one provider, remembering each line's anchor for the lines after it. */
class LinePlacer {
  private readonly anchors = new Map<string, Anchor>();
  private readonly dates = new Map<string, { due: IsoDate; projected: boolean }>();

  constructor(
    private readonly calendar: CompiledCalendar,
    private readonly calendars: CalendarSet,
    private readonly events: Events,
    private readonly asOf: IsoDate,
  ) {}

  item(line: CompiledLine, dueSoonUntil: IsoDate): TimelineItem {
    const { due, projected } = this.datesOf(line);
    const done = this.events.get(line.itemId) ?? null;
    return {
      id: line.itemId,
      calendar: this.calendar.key,
      insurer: this.calendar.file.insurer,
      title: line.title,
      actor: line.actor,
      type: line.type,
      due,
      time: line.time,
      window: line.fixed?.window ?? null,
      status: statusOf(line, due, done, this.asOf, dueSoonUntil),
      chain: line.chain,
      done,
      projected,
      flags: line.fixed ? line.fixedFlags : this.calendars.workingDays.flagsFor(due),
      contact: line.contact,
      note: line.note,
      source: line.source,
    };
  }

  private datesOf(line: CompiledLine): { due: IsoDate; projected: boolean } {
    let dates = this.dates.get(line.itemId);
    if (dates) return dates;
    if (line.fixed) {
      dates = { due: line.fixed.due, projected: false };
    } else {
      const base = this.anchorOf(line.refItemId as string);
      dates = {
        due: relativeDate(line.rule, base.date, this.asOf, this.calendars.workingDays),
        projected: !base.recorded,
      };
    }
    this.dates.set(line.itemId, dates);
    return dates;
  }

  /** A referenced line need not apply to the provider itself (it is computed all the same). */
  private anchorOf(itemId: string): Anchor {
    let anchor = this.anchors.get(itemId);
    if (anchor) return anchor;
    const recorded = this.events.get(itemId);
    const line = this.calendar.byItemId.get(itemId) as CompiledLine;
    if (recorded !== undefined) {
      anchor = { date: recorded, recorded: true };
    } else if (line.trigger && line.fixed) {
      // Not started yet: project the chain as if the provider starts today, inside the trigger's window.
      const opens = line.fixed.window?.from ?? this.asOf;
      anchor = { date: minDate(maxDate(this.asOf, opens), line.fixed.due), recorded: false };
    } else {
      anchor = { date: this.datesOf(line).due, recorded: false };
    }
    this.anchors.set(itemId, anchor);
    return anchor;
  }
}

function statusOf(line: CompiledLine, due: IsoDate, done: IsoDate | null, asOf: IsoDate, dueSoonUntil: IsoDate): ItemStatus {
  if (done !== null) return 'done';
  if (due < asOf) return line.type === 'info' ? 'done' : 'overdue';
  if (due <= dueSoonUntil) return 'due-soon';
  return 'upcoming';
}

function byDueDate(a: TimelineItem, b: TimelineItem): number {
  if (a.due !== b.due) return a.due < b.due ? -1 : 1;
  const timeA = a.time ?? '';
  const timeB = b.time ?? '';
  if (timeA !== timeB) return timeA < timeB ? -1 : 1;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}
