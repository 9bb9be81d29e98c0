import { dateWords, flagWords } from './derivation.js';
import type { Language } from './language.js';
import type { CalendarSet } from './calendar-set.js';
import { statusByDate } from './date-status.js';
import { computeTimeline, sortTimeline } from './timeline.js';
import type { DateFlag, IsoDate, ItemStatus, Provider, RecordedEvent, TimelineItem } from './types.js';

/** The timeline id of her own item: never a calendar item's (those start with an insurer id and a year). */
export const OWN_ITEM_PREFIX = 'own/';

/** A date she recorded herself (an e-mail from VGZ, her own preparation date), with where it comes from. */
export interface OwnItem {
  id: string;
  /** The insurer it concerns, or null for her own preparation date. */
  insurer: string | null;
  title: string;
  due: IsoDate;
  /** The day the window opens, when the date is the end of one. */
  from: IsoDate | null;
  time: string | null;
  /** Where the date comes from, e.g. "e-mail van VGZ, 3 april". */
  note: string;
  done: IsoDate | null;
  /** 1 when recorded, one up with every change. */
  revision: number;
  recordedBy: string;
  recordedAt: string;
}

/** What she says of her own item: everything but who and when. */
export type OwnItemInput = Pick<OwnItem, 'insurer' | 'title' | 'due' | 'from' | 'time' | 'note' | 'done'>;

/** Her correction of one computed date, with her reason and the date the calendar gave when she made it. */
export interface Correction {
  id: string;
  item: string;
  due: IsoDate;
  /** The computed date when she corrected it. */
  original: IsoDate;
  reason: string;
  recordedBy: string;
  recordedAt: string;
}

export interface OwnDates {
  items: readonly OwnItem[];
  corrections: readonly Correction[];
}

export const NO_OWN_DATES: OwnDates = { items: [], corrections: [] };

/**
 * The computed timeline with her own items added and her corrections applied, sorted as computeTimeline sorts.
 * A correction of an item that is not in the timeline (or has no date) changes nothing. Pure: the flags of a date
 * come from `flagsFor` (the calendar set's working days).
 */
export function withOwnDates(
  timeline: readonly TimelineItem[],
  own: OwnDates,
  asOf: IsoDate,
  flagsFor: (due: IsoDate) => DateFlag[],
): TimelineItem[] {
  if (own.items.length === 0 && own.corrections.length === 0) return [...timeline];
  const corrections = new Map(own.corrections.map((correction) => [correction.item, correction]));
  const items = timeline.map((item) => {
    const correction = corrections.get(item.id);
    return correction === undefined || item.due === null
      ? item
      : corrected(item as TimelineItem & { due: IsoDate }, correction, asOf, flagsFor);
  });
  for (const ownItem of own.items) items.push(timelineItemOf(ownItem, asOf, flagsFor));
  return sortTimeline(items);
}

/** Her own item as a timeline item: type `own`, she acts, its source her note. */
export function timelineItemOf(own: OwnItem, asOf: IsoDate, flagsFor: (due: IsoDate) => DateFlag[]): TimelineItem {
  const flags = own.done === null ? flagsFor(own.due) : [];
  const by = { nl: dateWords(own.due, 'nl'), en: dateWords(own.due, 'en') };
  return {
    id: `${OWN_ITEM_PREFIX}${own.id}`,
    calendar: 'own',
    calendarVersion: own.revision,
    insurer: own.insurer ?? '',
    title: { nl: own.title, en: own.title },
    actor: 'provider',
    type: 'own',
    due: own.due,
    time: own.time,
    window: own.from === null ? null : { from: own.from, to: own.due },
    status: own.done !== null ? 'done' : statusByDate(own.due, asOf, 'overdue'),
    chain: null,
    done: own.done,
    projected: false,
    waitsFor: null,
    capped: null,
    bindsWhen: null,
    optional: false,
    impliedBy: null,
    derivation: {
      nl: `uiterlijk ${by.nl} (uw eigen datum; bron: ${own.note})${flagText(flags, 'nl')}`,
      en: `by ${by.en} (your own date; source: ${own.note})${flagText(flags, 'en')}`,
      reading: null,
    },
    flags,
    contact: '',
    note: null,
    source: { document: 'eigen datum van de praktijk', section: '', quote: own.note },
    recorded: { by: own.recordedBy, at: own.recordedAt, revision: own.revision },
  };
}

/**
 * The item on her corrected date: its derivation says the corrected date, the original and her reason. When the
 * calendar now computes another date than the one she corrected, both are shown and she is asked to check.
 */
function corrected(
  item: TimelineItem & { due: IsoDate },
  correction: Correction,
  asOf: IsoDate,
  flagsFor: (due: IsoDate) => DateFlag[],
): TimelineItem {
  const calendarNow = item.due === correction.original ? null : item.due;
  const flags = item.flags.length === 0 && item.type === 'info' ? [] : flagsFor(correction.due);
  const words = (language: Language): string => {
    const date = (iso: IsoDate): string => dateWords(iso, language);
    const base =
      language === 'nl'
        ? `gecorrigeerd door de praktijk naar ${date(correction.due)} (berekend was ${date(correction.original)}; reden: ${correction.reason})`
        : `corrected by the practice to ${date(correction.due)} (computed was ${date(correction.original)}; reason: ${correction.reason})`;
    if (calendarNow === null) return base;
    return language === 'nl'
      ? `${base}; let op: de kalender geeft nu ${date(calendarNow)}: controleer uw correctie`
      : `${base}; note: the calendar now gives ${date(calendarNow)}: check your correction`;
  };
  return {
    ...item,
    due: correction.due,
    window: item.window && {
      from: item.window.from < correction.due ? item.window.from : correction.due,
      to: correction.due,
    },
    status: correctedStatus(item, correction.due, asOf),
    flags,
    // Her date's own weekend advice first; the calendar's computation (with its own advice) after, named as such.
    derivation: {
      nl: `${words('nl')}${flagText(flags, 'nl')}; berekening van de kalender: ${item.derivation.nl}`,
      en: `${words('en')}${flagText(flags, 'en')}; the calendar's computation: ${item.derivation.en}`,
      reading: item.derivation.reading,
    },
    correction: {
      id: correction.id,
      due: correction.due,
      original: correction.original,
      reason: correction.reason,
      by: correction.recordedBy,
      at: correction.recordedAt,
      calendarNow,
    },
  };
}

/** The status the item would have on its corrected date: what made it late, passed or history stays so. */
function correctedStatus(item: TimelineItem, due: IsoDate, asOf: IsoDate): ItemStatus {
  if (item.done !== null) return 'done';
  if (item.status === 'not-recorded') return 'not-recorded';
  const binds =
    (item.type === 'deadline' || item.type === 'own') &&
    !item.optional &&
    (item.bindsWhen === null || item.bindsWhen.met);
  const late: ItemStatus = !binds ? 'passed' : item.actor === 'provider' ? 'overdue' : 'check';
  return statusByDate(due, asOf, late);
}

function flagText(flags: readonly DateFlag[], language: Language): string {
  const words = flagWords(flags);
  return words === null ? '' : `; ${words[language]}`;
}

/** Whether an item binds her like a deadline: a calendar deadline or her own date. */
export function bindsLikeDeadline(item: Pick<TimelineItem, 'type'>): boolean {
  return item.type === 'deadline' || item.type === 'own';
}

/** Her whole timeline: the computed one with her own items and corrections (what every view of hers shows). */
export function timelineWithOwnDates(
  provider: Provider,
  calendars: CalendarSet,
  events: readonly RecordedEvent[],
  own: OwnDates,
  asOf: IsoDate,
): TimelineItem[] {
  const computed = computeTimeline(provider, calendars, events, asOf, { expected: true });
  return withOwnDates(computed, own, asOf, (due) => calendars.workingDays.flagsFor(due));
}
