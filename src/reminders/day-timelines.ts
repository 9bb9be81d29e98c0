import type { CalendarSet } from '../domain/calendar-set.js';
import { addDays } from '../domain/plain-date.js';
import { NO_OWN_DATES, withOwnDates, type OwnDates } from '../domain/own-items.js';
import { computeTimeline } from '../domain/timeline.js';
import type { IsoDate, Provider, RecordedEvent, TimelineItem } from '../domain/types.js';

/** A provider's timeline on a day, and which items move when the day does (chains that have not started). */
export interface DayTimeline {
  items: TimelineItem[];
  moving: Set<string>;
}

/** Providers of one situation share one timeline; past this many situations in a run, the rest are computed each time. */
const KEPT_SITUATIONS = 2_000;

/**
 * The timelines of one planning run's day. A timeline depends only on the provider's kinds, contracts, whether she sees
 * expected dates and her recorded events (not on her name or contacts), so providers in the same situation share one computed timeline.
 */
export class DayTimelines {
  private readonly kept = new Map<string, DayTimeline>();

  constructor(
    private readonly calendars: CalendarSet,
    private readonly day: IsoDate,
  ) {}

  of(provider: Provider, events: readonly RecordedEvent[], own: OwnDates = NO_OWN_DATES): DayTimeline {
    // Whether she sees expected dates decides whether a published year says what it moved (src/domain/timeline.ts).
    const situation = JSON.stringify([provider.kinds, provider.contracts, provider.showExpected !== false, events]);
    let timeline = this.kept.get(situation);
    if (timeline === undefined) {
      timeline = this.compute(provider, events);
      if (this.kept.size < KEPT_SITUATIONS) this.kept.set(situation, timeline);
    }
    // Her own dates are hers alone: merged after the shared part, never kept with it.
    if (own.items.length === 0 && own.corrections.length === 0) return timeline;
    const flagsFor = (due: IsoDate) => this.calendars.workingDays.flagsFor(due);
    return { items: withOwnDates(timeline.items, own, this.day, flagsFor), moving: timeline.moving };
  }

  private compute(provider: Provider, events: readonly RecordedEvent[]): DayTimeline {
    // The years her contracts carry to: the law's dates of those years remind her too (never an expected date).
    const items = computeTimeline(provider, this.calendars, events, this.day, { carried: true });
    const moving = new Set<string>();
    if (items.some((item) => item.projected)) {
      const tomorrow = new Map(
        computeTimeline(provider, this.calendars, events, addDays(this.day, 1), { carried: true }).map((item) => [
          item.id,
          item.due,
        ]),
      );
      for (const item of items) if (item.projected && tomorrow.get(item.id) !== item.due) moving.add(item.id);
    }
    return { items, moving };
  }
}
