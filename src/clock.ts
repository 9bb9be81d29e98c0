import { DateTime } from 'luxon';
import { isValidPlainDate } from './domain/plain-date.js';
import type { IsoDate } from './domain/types.js';

export const ZONE = 'Europe/Amsterdam';

/** Today's calendar date in the Netherlands, or the pinned `TODAY` (YYYY-MM-DD) when one is given. */
export function todayInAmsterdam(pinned?: string): IsoDate {
  if (pinned !== undefined && pinned !== '') {
    // Asked on every request: a pinned date is checked once (the check builds a luxon date).
    if (pinned === validPinned) return pinned;
    if (!isValidPlainDate(pinned)) throw new Error(`TODAY must be a date YYYY-MM-DD, got "${pinned}"`);
    validPinned = pinned;
    return pinned;
  }
  const now = Date.now();
  if (now >= today.from && now < today.until) return today.date;
  // Asked on every request: compute the date once per Amsterdam day (DST included: the zone says when midnight is).
  const amsterdam = DateTime.fromMillis(now, { zone: ZONE });
  const start = amsterdam.startOf('day');
  today = { date: amsterdam.toISODate() as IsoDate, from: start.toMillis(), until: start.plus({ days: 1 }).toMillis() };
  return today.date;
}

let today = { date: '' as IsoDate, from: 0, until: 0 };
let validPinned: string | undefined;
