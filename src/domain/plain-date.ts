import { DateTime } from 'luxon';
import type { IsoDate } from './types.js';

/**
 * Calendar dates as plain dates: no time zone or DST can shift a day. Arithmetic counts whole days of the
 * proleptic Gregorian calendar (as luxon in UTC does; test/domain/plain-date.property.test.ts checks it
 * against luxon), without a DateTime per step: timelines and working days do this millions of times.
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

const yearOf = (iso: IsoDate): number => Number(iso.slice(0, 4));
const monthOf = (iso: IsoDate): number => Number(iso.slice(5, 7));
const dayOf = (iso: IsoDate): number => Number(iso.slice(8, 10));

function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

const MONTH_DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function daysInMonth(year: number, month: number): number {
  return month === 2 && isLeapYear(year) ? 29 : MONTH_DAYS[month - 1];
}

/** Days since 1970-01-01 (H. Hinnant's days_from_civil). */
function dayNumber(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const dayOfYear = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146097 + dayOfEra - 719468;
}

/** The date of a day number (civil_from_days). */
function dateOfDayNumber(days: number): IsoDate {
  const z = days + 719468;
  const era = Math.floor(z / 146097);
  const dayOfEra = z - era * 146097;
  const yearOfEra = Math.floor(
    (dayOfEra - Math.floor(dayOfEra / 1460) + Math.floor(dayOfEra / 36524) - Math.floor(dayOfEra / 146096)) / 365,
  );
  const dayOfYear = dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100));
  const mp = Math.floor((5 * dayOfYear + 2) / 153);
  const day = dayOfYear - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  return isoOf(yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day);
}

function isoOf(year: number, month: number, day: number): IsoDate {
  return `${String(year).padStart(4, '0')}-${month < 10 ? '0' : ''}${month}-${day < 10 ? '0' : ''}${day}`;
}

const dayNumberOf = (iso: IsoDate): number => dayNumber(yearOf(iso), monthOf(iso), dayOf(iso));

export function addDays(iso: IsoDate, days: number): IsoDate {
  return days === 0 ? iso : dateOfDayNumber(dayNumberOf(iso) + days);
}

/** Calendar months, clamped to the month's end (31 January + 1 month = 28/29 February). */
export function addMonths(iso: IsoDate, months: number): IsoDate {
  const index = yearOf(iso) * 12 + monthOf(iso) - 1 + months;
  const year = Math.floor(index / 12);
  const month = index - year * 12 + 1;
  return isoOf(year, month, Math.min(dayOf(iso), daysInMonth(year, month)));
}

/** Calendar years, 29 February clamped to 28 February. */
export function addYears(iso: IsoDate, years: number): IsoDate {
  return addMonths(iso, 12 * years);
}

export function firstDayOfMonth(iso: IsoDate): IsoDate {
  return `${iso.slice(0, 7)}-01`;
}

/** `YYYY-MM` or `YYYY-MM-DD`: a month stands for its first day. */
export function startOf(dateOrMonth: string): IsoDate {
  return dateOrMonth.length === 7 ? `${dateOrMonth}-01` : dateOrMonth;
}

/** `YYYY-MM` or `YYYY-MM-DD`: a month stands for its last day. */
export function endOf(dateOrMonth: string): IsoDate {
  if (dateOrMonth.length !== 7) return dateOrMonth;
  return `${dateOrMonth}-${daysInMonth(yearOf(dateOrMonth), monthOf(dateOrMonth))}`;
}

/** ISO weekday: 1 = Monday … 7 = Sunday. */
export function weekday(iso: IsoDate): number {
  // 1970-01-01 was a Thursday (4).
  return ((((dayNumberOf(iso) + 3) % 7) + 7) % 7) + 1;
}

export function daysBetween(from: IsoDate, to: IsoDate): number {
  return dayNumberOf(to) - dayNumberOf(from);
}

export function maxDate(a: IsoDate, b: IsoDate): IsoDate {
  return a > b ? a : b;
}

export function minDate(a: IsoDate, b: IsoDate): IsoDate {
  return a < b ? a : b;
}
