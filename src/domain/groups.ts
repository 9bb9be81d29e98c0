import type { CalendarSet } from './calendar-set.js';
import type { IsoDate, Text, TimelineItem } from './types.js';

/**
 * The group a timeline item is filed under on every surface (API, pages, feeds, mails, CLI):
 * - `now`: hers to act on now: overdue, due soon, an insurer's late act for her to check, or a window of hers that is open;
 * - `expected`: a date derived from last year's policy, not yet published (type `expected`);
 * - `history`: done, passed, not recorded in a closed round, or undated and of a round that has closed;
 * - `next`: everything else ahead (planned, or waiting for a step before it).
 * Any item type (deadline, info, advice, statutory, own, …) is grouped by its status and dates alone.
 */
export const ITEM_GROUPS = ['now', 'next', 'expected', 'history'] as const;
export type ItemGroup = (typeof ITEM_GROUPS)[number];

/** The fields a group rests on; `type` is open to item types added later (statutory, own). */
export type GroupedFields = Pick<TimelineItem, 'status' | 'actor' | 'window' | 'expected'> & { type: string };

/** `closes`: the day the item's round closes from (1 January of its contract year unless the calendar says otherwise). */
export function groupOf(item: GroupedFields, asOf: IsoDate, closes: IsoDate): ItemGroup {
  if (item.expected === true || item.type === 'expected') return 'expected';
  switch (item.status) {
    case 'overdue':
    case 'due-soon':
    case 'check':
      return 'now';
    case 'done':
    case 'passed':
    case 'not-recorded':
      return 'history';
    case 'waiting':
    case 'not-started':
      return asOf >= closes ? 'history' : 'next';
    case 'upcoming':
      // An open window of hers (open instroom, an objection period) is something she can do today.
      return item.actor === 'provider' && item.window !== null && item.window.from <= asOf ? 'now' : 'next';
  }
}

/**
 * The day the round of an item's calendar (`insurer/year`) closes: the calendar's `closes`, else 1 January of its
 * contract year. Her own items belong to no calendar's round: they never close.
 */
export function roundClosesOf(calendars: CalendarSet, calendarKey: string): IsoDate {
  const [insurer, year] = calendarKey.split('/');
  if (insurer === undefined || year === undefined || !/^\d{4}$/.test(year)) return '9999-12-31';
  return calendars.get(insurer, Number(year))?.closes ?? `${year}-01-01`;
}

/** Each group in the words every surface uses. */
export const GROUP_WORDS: Record<ItemGroup, Text> = {
  now: { nl: 'Nu', en: 'Now' },
  next: { nl: 'Hierna', en: 'Next' },
  expected: { nl: 'Verwacht (nog niet gepubliceerd)', en: 'Expected (not yet published)' },
  history: { nl: 'Voorbij en afgerond', en: 'Past and done' },
};
