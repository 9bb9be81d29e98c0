import { DateTime } from 'luxon';
import type { IsoDate } from './types.js';

/**
 * Calendar dates as plain dates: luxon in UTC, so no time zone or DST can shift a day.
 * "Today" and times of day belong to Europe/Amsterdam and live in clock.ts.
 */
const PLAIN = { zone: 'utc' } as const;

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

export function parsePlainDate(iso: string): DateTime {
  return DateTime.fromISO(iso, PLAIN);
}

export function isValidPlainDate(value: string): boolean {
  return ISO_DATE.test(value) && parsePlainDate(value).isValid;
}

function toIso(date: DateTime): IsoDate {
  return date.toISODate() as IsoDate;
}

export function addDays(iso: IsoDate, days: number): IsoDate {
  return toIso(parsePlainDate(iso).plus({ days }));
}

/** Calendar months, clamped to the month's end (31 January + 1 month = 28/29 February). */
export function addMonths(iso: IsoDate, months: number): IsoDate {
  return toIso(parsePlainDate(iso).plus({ months }));
}

export function addYears(iso: IsoDate, years: number): IsoDate {
  return toIso(parsePlainDate(iso).plus({ years }));
}

export function firstDayOfMonth(iso: IsoDate): IsoDate {
  return toIso(parsePlainDate(iso).startOf('month'));
}

/** `YYYY-MM` or `YYYY-MM-DD`: a month stands for its first day. */
export function startOf(dateOrMonth: string): IsoDate {
  return dateOrMonth.length === 7 ? `${dateOrMonth}-01` : dateOrMonth;
}

/** `YYYY-MM` or `YYYY-MM-DD`: a month stands for its last day. */
export function endOf(dateOrMonth: string): IsoDate {
  return dateOrMonth.length === 7 ? toIso(parsePlainDate(`${dateOrMonth}-01`).endOf('month')) : dateOrMonth;
}

/** ISO weekday: 1 = Monday … 7 = Sunday. */
export function weekday(iso: IsoDate): number {
  return parsePlainDate(iso).weekday;
}

export function daysBetween(from: IsoDate, to: IsoDate): number {
  return Math.round(parsePlainDate(to).diff(parsePlainDate(from), 'days').days);
}

export function maxDate(a: IsoDate, b: IsoDate): IsoDate {
  return a > b ? a : b;
}

export function minDate(a: IsoDate, b: IsoDate): IsoDate {
  return a < b ? a : b;
}
