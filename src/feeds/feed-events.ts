import { createHash } from 'node:crypto';
import { addDays, daysBetween } from '../domain/plain-date.js';
import type { ContractStatus, IsoDate, ProviderKind, TimelineItem } from '../domain/types.js';
import { alarmText, descriptionOf, summaryOf } from './wording.js';

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
  uid: (item: TimelineItem) => string;
  insurerName: (item: TimelineItem) => string;
  timelineUrl: (item: TimelineItem) => string;
  reminderDays: readonly number[];
}

export function providerFeedKey(providerId: string): string {
  return `provider/${providerId}`;
}

export function providerUid(providerId: string, itemId: string): string {
  return `${itemId}@${providerId}.${UID_DOMAIN}`;
}

/** The generic feed of one calendar for one kind and status. */
export function calendarFeedKey(calendarKey: string, kind: ProviderKind, status: ContractStatus): string {
  return `calendars/${calendarKey}/${kind}/${status}`;
}

export function calendarUid(itemId: string, kind: ProviderKind, status: ContractStatus): string {
  return `${itemId}/${kind}/${status}@calendars.${UID_DOMAIN}`;
}

/** One event per dated timeline item, in timeline order. */
export function feedEventsOf(items: readonly TimelineItem[], scope: FeedScope): FeedEvent[] {
  return items.map((item) => feedEventOf(item, scope));
}

export function feedEventOf(item: TimelineItem, scope: FeedScope): FeedEvent {
  const insurerName = scope.insurerName(item);
  const summary = summaryOf(item, insurerName);
  const timed = item.time !== null && item.window === null;
  const start = item.window?.from ?? item.due;
  return {
    uid: scope.uid(item),
    state: { feed: scope.stateFeed(item), item: item.id },
    summary,
    description: descriptionOf(item, insurerName, scope.timelineUrl(item)),
    allDay: timed ? null : { start, end: addDays(item.window?.to ?? item.due, 1) },
    at: timed ? { date: item.due, time: item.time as string } : null,
    status: item.projected ? 'TENTATIVE' : 'CONFIRMED',
    url: scope.timelineUrl(item),
    alarms: needsAlarms(item) ? alarmsOf(item, start, timed, summary, scope.reminderDays) : [],
  };
}

/** Reminders are for what the provider must do; nothing to remind of once done, late, or merely informational. */
function needsAlarms(item: TimelineItem): boolean {
  return item.actor === 'provider' && item.done === null && item.type === 'deadline' && (item.status === 'upcoming' || item.status === 'due-soon');
}

/** One alarm per reminder day before the due date: 09:00 that day for all-day events, the same time of day for timed ones. */
function alarmsOf(item: TimelineItem, start: IsoDate, timed: boolean, summary: string, reminderDays: readonly number[]): FeedAlarm[] {
  const dayFromStart = daysBetween(start, item.due);
  return [...reminderDays]
    .sort((a, b) => b - a)
    .map((days) => ({
      offsetSeconds: (dayFromStart - days) * 86_400 + (timed ? 0 : ALARM_HOUR * 3_600),
      description: alarmText(days, summary),
    }));
}

/** Changes exactly when what the event shows changes; SEQUENCE and the change time follow it. */
export function fingerprintOf(value: FeedEvent | { header: FeedHeader; events: { uid: string; fingerprint: string }[] }): string {
  return createHash('sha256').update(JSON.stringify(value)).digest('base64url').slice(0, 32);
}
