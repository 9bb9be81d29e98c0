import { bindsLikeDeadline } from '../domain/own-items.js';
import { addDays, daysBetween } from '../domain/plain-date.js';
import type { IsoDate, TimelineItem } from '../domain/types.js';

/** An insurer's passed date is reported for this many days after it (older ones are on the timeline already). */
export const LATE_NOTICE_DAYS = 14;

/**
 * Why an item is in a digest: a reminder `reminderDays` before its due date, due today, an insurer date
 * that passed with nothing recorded, or a date that differs from the one last mailed.
 */
/** `check-correction`: a later calendar version moved the date she corrected; her date stands, she should check it. */
/** `published`: the insurer published the year she saw as expected, and its document moved this date. */
export type NoticeKind = 'reminder' | 'due-today' | 'insurer-late' | 'changed' | 'check-correction' | 'published';

/** An item with a date: only those are reminded of (a step waiting for an unrecorded one has none). */
export type DatedItem = TimelineItem & { due: IsoDate };

export interface Notice {
  item: DatedItem;
  /** Calendar days from the digest's day to the due date (negative: passed). */
  daysLeft: number;
  kinds: NoticeKind[];
  /** What is recorded as told, one per kind: `reminder-7`, `due-today`, `insurer-late`, `changed`. */
  keys: string[];
  /** For a change notice: the date mailed before. */
  previousDue: IsoDate | null;
}

export interface Digest {
  day: IsoDate;
  /** By due date. */
  notices: Notice[];
  /** What the subject names: the nearest date still ahead, or else the first notice. */
  nearest: Notice;
}

/** What one contact has been told before. */
export interface MailHistory {
  /** `noticeKey(item, key, due)` of every notice in a mail that did not fail. */
  told: ReadonlySet<string>;
  /** The due date last mailed, per item. */
  toldDue: ReadonlyMap<string, IsoDate>;
}

export interface DigestInput {
  timeline: readonly TimelineItem[];
  day: IsoDate;
  /** The first day whose reminders are still owed: earlier than `day` when catching up missed days. */
  since?: IsoDate;
  reminderDays: readonly number[];
  history: MailHistory;
  /** Items whose date moves with the day it is computed on (a chain not started yet): no reminders, no change notices. */
  moving?: ReadonlySet<string>;
}

function isDated(item: TimelineItem): item is DatedItem {
  return item.due !== null;
}

/**
 * "The insurer is late" only for a date the insurer committed to and the provider waits on: a binding deadline
 * of the insurer's, never an informational line, advice, or a step whose date is only counted from another.
 */
export function insurerBinds(item: TimelineItem): boolean {
  // A date still counted from an unrecorded step (projected) is not the insurer's own: the step before may not have happened.
  return (
    item.actor === 'insurer' &&
    item.type === 'deadline' &&
    item.due !== null &&
    !item.projected &&
    (item.bindsWhen === null || item.bindsWhen.met)
  );
}

export function noticeKey(item: string, key: string, due: IsoDate): string {
  return `${item}|${key}|${due}`;
}

/** The digest one contact gets on `day`, or null when there is nothing new to say. Pure: no clock, no I/O. */
export function planDigest(input: DigestInput): Digest | null {
  const { day, history } = input;
  const since = input.since !== undefined && input.since < day ? input.since : day;
  const notices: Notice[] = [];
  for (const item of input.timeline) {
    // An expected date (next year, not published) is nobody's deadline yet: no reminder, no late notice.
    if (item.done !== null || !isDated(item) || item.expected || input.moving?.has(item.id)) continue;
    // A line that binds only on a request the provider has not recorded: nothing to remind of, nobody is late.
    if (item.bindsWhen !== null && !item.bindsWhen.met) continue;
    const daysLeft = daysBetween(day, item.due);
    // An act she may do whose window closed unused, or a date of a round that has closed: over, nothing to tell her.
    if ((item.optional && daysLeft < 0) || item.status === 'not-recorded') continue;
    const found: { kind: NoticeKind; key: string }[] = [];
    // Her statutory check (am I listed as contracted?) is reminded; the insurer's publications are not.
    if (item.actor === 'provider' && (bindsLikeDeadline(item) || item.type === 'advice' || item.type === 'statutory')) {
      if (daysLeft === 0) found.push({ kind: 'due-today', key: 'due-today' });
      else if (daysLeft > 0) {
        // The latest reminder day that fell between `since` and `day`; one reminder even after several missed days.
        const hits = input.reminderDays.filter(
          (days) => days === daysLeft || (days > daysLeft && addDays(item.due, -days) >= since),
        );
        if (hits.length > 0) found.push({ kind: 'reminder', key: `reminder-${Math.min(...hits)}` });
      }
    }
    if (insurerBinds(item) && daysLeft < 0 && -daysLeft <= LATE_NOTICE_DAYS)
      found.push({ kind: 'insurer-late', key: 'insurer-late' });
    const toldDue = history.toldDue.get(item.id);
    if (toldDue !== undefined && toldDue !== item.due && daysLeft >= 0) found.push({ kind: 'changed', key: 'changed' });
    // Once per new calendar date: a further move of the original asks again.
    const calendarNow = item.correction?.calendarNow ?? null;
    if (calendarNow !== null && daysLeft >= 0)
      found.push({ kind: 'check-correction', key: `check-correction-${calendarNow}` });
    // The document came and moved a date she saw as expected: said once, in the next digest.
    if (item.published !== undefined && item.published.expected !== null && daysLeft >= 0)
      found.push({ kind: 'published', key: `published-${item.published.expected}` });

    const fresh = found.filter(({ key }) => !history.told.has(noticeKey(item.id, key, item.due)));
    if (fresh.length === 0) continue;
    notices.push({
      item,
      daysLeft,
      kinds: fresh.map((f) => f.kind),
      keys: fresh.map((f) => f.key),
      previousDue: fresh.some((f) => f.kind === 'changed') ? (toldDue as IsoDate) : null,
    });
  }
  if (notices.length === 0) return null;
  notices.sort((a, b) => (a.item.due < b.item.due ? -1 : a.item.due > b.item.due ? 1 : a.item.id < b.item.id ? -1 : 1));
  const nearest =
    notices.find((notice) => notice.daysLeft >= 0 && notice.item.actor === 'provider') ??
    notices.find((notice) => notice.daysLeft >= 0) ??
    notices[0];
  return { day, notices, nearest };
}
