import { createHash } from 'node:crypto';
import { addDays, daysBetween } from '../domain/plain-date.js';
import type { ContractStatus, IsoDate, ProviderKind, TimelineItem } from '../domain/types.js';
import { alarmText, descriptionOf, openingDescriptionOf, summaryOf } from './wording.js';

/** Domain of every UID this service writes: UIDs must be unique across all calendars a person subscribes to. */
const UID_DOMAIN = 'geboortezorg-deadlines';

/** Alarms ring at 09:00 on the reminder day: midnight helps nobody. */
const ALARM_HOUR = 9;

/** One VEVENT's content: everything but SEQUENCE, DTSTAMP and LAST-MODIFIED, which come from the feed's stored state. */
export interface FeedEvent {
  uid: string;
  /** Key of the stored state this event's SEQUENCE and change time live under. */
  state: { feed: string; item: string };
  summary: string;
  description: string;
  /** All-day: the first day and the day after the last (DTEND is exclusive). */
  allDay: { start: IsoDate; end: IsoDate } | null;
  /** A time of day in Europe/Amsterdam: a moment, DTSTART with TZID and no DTEND. */
  at: { date: IsoDate; time: string } | null;
  /** What a SEQUENCE counts: the dates, the summary without its status words, confirmed or not (RFC 5545 5.4: significant changes). */
  schedule: string;
  /** TENTATIVE while the date rests on a step not recorded yet. */
  status: 'CONFIRMED' | 'TENTATIVE';
  url: string;
  alarms: FeedAlarm[];
}

export interface FeedAlarm {
  /** Seconds after the event's start (negative: before). */
  offsetSeconds: number;
  description: string;
}

/** Calendar-level fields: name and description shown by the app. */
export interface FeedHeader {
  name: string;
  description: string;
}

/** How one feed turns its timeline items into events. */
export interface FeedScope {
  /** State key of the feed an item's SEQUENCE is kept under. */
  stateFeed: (item: TimelineItem) => string;
  /** `part` names the second event of a long window: its opening. */
  uid: (item: TimelineItem, part?: 'opens') => string;
  /** Provider feeds say done, late, due soon; generic feeds have no provider, so no status. */
  withStatus: boolean;
  insurerName: (item: TimelineItem) => string;
  timelineUrl: (item: TimelineItem) => string;
  reminderDays: readonly number[];
}

export function providerFeedKey(providerId: string): string {
  return `provider/${providerId}`;
}

export function providerUid(providerId: string, itemId: string, part?: 'opens'): string {
  return `${itemId}${part ? `#${part}` : ''}@${providerId}.${UID_DOMAIN}`;
}

/** The generic feed of one calendar for one kind and status. */
export function calendarFeedKey(calendarKey: string, kind: ProviderKind, status: ContractStatus): string {
  return `calendars/${calendarKey}/${kind}/${status}`;
}

export function calendarUid(itemId: string, kind: ProviderKind, status: ContractStatus, part?: 'opens'): string {
  return `${itemId}/${kind}/${status}${part ? `#${part}` : ''}@calendars.${UID_DOMAIN}`;
}

/** The public feed of one situation (the web front door's subscribe links), keyed by a hash of the situation. */
export function situationUid(itemId: string, situationHash: string, part?: 'opens'): string {
  return `${itemId}/${situationHash}${part ? `#${part}` : ''}@situations.${UID_DOMAIN}`;
}

/** A window longer than this is not a banner across weeks of someone's calendar: its due date (and opening) become events. */
export const LONGEST_BANNER_DAYS = 31;

/**
 * One event per dated timeline item, in timeline order. A window longer than a month becomes its due date (and,
 * where the provider can act from it, its opening); steps without a date yet are described in their trigger's event.
 */
export function feedEventsOf(items: readonly TimelineItem[], scope: FeedScope): FeedEvent[] {
  const waiting = new Map<string, TimelineItem[]>();
  for (const item of items) {
    if (item.due === null && item.waitsFor !== null)
      waiting.set(item.waitsFor, [...(waiting.get(item.waitsFor) ?? []), item]);
  }
  return items.flatMap((item) =>
    item.due === null ? [] : feedEventsOfItem(item as DatedItem, waiting.get(item.id) ?? [], scope),
  );
}

type DatedItem = TimelineItem & { due: IsoDate };

function feedEventsOfItem(item: DatedItem, following: readonly TimelineItem[], scope: FeedScope): FeedEvent[] {
  const long = item.window !== null && daysBetween(item.window.from, item.window.to) + 1 > LONGEST_BANNER_DAYS;
  if (!long) return [feedEventOf(item, scope, following)];
  // Something that starts and stays (an obligation from 1 January, a year of talks): the day it starts is the news.
  if (item.type === 'info') return [feedEventOf(item, scope, following, 'opens')];
  const due = feedEventOf(item, scope, following, 'due');
  return item.actor === 'provider' && item.done === null ? [openingEventOf(item, scope), due] : [due];
}

/** `long`: a window longer than a month, shown on one day (its due date or its opening) instead of across it. */
export function feedEventOf(
  item: DatedItem,
  scope: FeedScope,
  following: readonly TimelineItem[] = [],
  long?: 'due' | 'opens',
): FeedEvent {
  const insurerName = scope.insurerName(item);
  const summary = summaryOf(item, insurerName, scope.withStatus);
  const timed = item.time !== null && (item.window === null || long === 'due');
  const span = item.window !== null && long === undefined ? item.window : null;
  const day = long === 'opens' ? (item.window as { from: IsoDate }).from : item.due;
  const start = span?.from ?? day;
  const allDay = timed ? null : { start, end: addDays(span?.to ?? day, 1) };
  const at = timed ? { date: item.due, time: item.time as string } : null;
  const status = item.projected ? 'TENTATIVE' : 'CONFIRMED';
  const alarms = needsAlarms(item)
    ? alarmsOf(item, start, timed, summaryOf(item, insurerName, false), scope.reminderDays)
    : [];
  return {
    uid: scope.uid(item),
    state: { feed: scope.stateFeed(item), item: item.id },
    summary,
    description: descriptionOf(item, insurerName, scope.timelineUrl(item), { withStatus: scope.withStatus, following }),
    allDay,
    at,
    schedule: JSON.stringify([allDay, at, status, summaryOf(item, insurerName, false), alarms]),
    status,
    url: scope.timelineUrl(item),
    alarms,
  };
}

/** The day a long window opens, as its own one-day event: "vanaf vandaag kunt u …". */
function openingEventOf(item: DatedItem, scope: FeedScope): FeedEvent {
  const insurerName = scope.insurerName(item);
  const from = (item.window as { from: IsoDate }).from;
  const summary = `${summaryOf(item, insurerName, false)}: opent`;
  const allDay = { start: from, end: addDays(from, 1) };
  return {
    uid: scope.uid(item, 'opens'),
    state: { feed: scope.stateFeed(item), item: `${item.id}#opens` },
    summary,
    description: openingDescriptionOf(item, insurerName, scope.timelineUrl(item)),
    allDay,
    at: null,
    schedule: JSON.stringify([allDay, null, 'CONFIRMED', summary]),
    status: 'CONFIRMED',
    url: scope.timelineUrl(item),
    alarms: [],
  };
}

/**
 * Reminders are for what the provider must do (or is advised to); none once done, for an informational line or one
 * not asked for. They do not hang on the day's status: a passed alarm never rings, and an event must not change by itself.
 */
function needsAlarms(item: TimelineItem): boolean {
  if (item.actor !== 'provider' || item.done !== null || item.type === 'info' || item.expected) return false;
  return item.bindsWhen === null || item.bindsWhen.met;
}

/** One alarm per reminder day before the due date: 09:00 that day for all-day events, the same time of day for timed ones. */
function alarmsOf(
  item: DatedItem,
  start: IsoDate,
  timed: boolean,
  summary: string,
  reminderDays: readonly number[],
): FeedAlarm[] {
  const dayFromStart = daysBetween(start, item.due);
  return [...reminderDays]
    .sort((a, b) => b - a)
    .map((days) => ({
      offsetSeconds: (dayFromStart - days) * 86_400 + (timed ? 0 : ALARM_HOUR * 3_600),
      description: alarmText(days, summary),
    }));
}

/** Changes exactly when what the event shows changes; SEQUENCE and the change time follow it. */
export function fingerprintOf(
  value: string | FeedEvent | FeedHeader | { header: FeedHeader; events: { uid: string; fingerprint: string }[] },
): string {
  return createHash('sha256').update(JSON.stringify(value)).digest('base64url').slice(0, 32);
}
