import { DateTime } from 'luxon';
import { isValidPlainDate } from './domain/plain-date.js';
import type { IsoDate } from './domain/types.js';

export const ZONE = 'Europe/Amsterdam';

/** Today's calendar date in the Netherlands, or the pinned `TODAY` (YYYY-MM-DD) when one is given. */
export function todayInAmsterdam(pinned?: string): IsoDate {
  if (pinned !== undefined && pinned !== '') {
    if (!isValidPlainDate(pinned)) throw new Error(`TODAY must be a date YYYY-MM-DD, got "${pinned}"`);
    return pinned;
  }
  return DateTime.now().setZone(ZONE).toISODate() as IsoDate;
}
