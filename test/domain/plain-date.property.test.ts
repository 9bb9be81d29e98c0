import fc from 'fast-check';
import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import {
  addDays,
  addMonths,
  addYears,
  daysBetween,
  endOf,
  firstDayOfMonth,
  weekday,
} from '../../src/domain/plain-date.js';

/** plain-date counts days itself (no DateTime per step): it must agree with luxon in UTC on every date. */
const luxon = (iso: string): DateTime => DateTime.fromISO(iso, { zone: 'utc' });

/** Any calendar date from 1899 to 2201 (leap centuries 1900, 2000, 2100, 2200 inside), as YYYY-MM-DD. */
const isoDate = fc
  .integer({ min: 0, max: 365 * 302 })
  .map((offset) => luxon('1899-01-01').plus({ days: offset }).toISODate() as string);

describe('plain dates agree with luxon (properties)', () => {
  it('adding days, and the days between two dates', () => {
    fc.assert(
      fc.property(isoDate, fc.integer({ min: -20_000, max: 20_000 }), (date, days) => {
        const expected = luxon(date).plus({ days }).toISODate();
        expect(addDays(date, days)).toBe(expected);
        expect(daysBetween(date, expected as string)).toBe(days);
      }),
      { numRuns: 2000 },
    );
  });

  it('adding months and years, clamped to the end of a shorter month', () => {
    fc.assert(
      fc.property(isoDate, fc.integer({ min: -240, max: 240 }), (date, n) => {
        expect(addMonths(date, n)).toBe(luxon(date).plus({ months: n }).toISODate());
        expect(addYears(date, n % 20)).toBe(
          luxon(date)
            .plus({ years: n % 20 })
            .toISODate(),
        );
      }),
      { numRuns: 2000 },
    );
    expect(addMonths('2027-01-31', 1)).toBe('2027-02-28');
    expect(addYears('2028-02-29', 1)).toBe('2029-02-28');
  });

  it('weekday, first and last day of the month', () => {
    fc.assert(
      fc.property(isoDate, (date) => {
        expect(weekday(date)).toBe(luxon(date).weekday);
        expect(firstDayOfMonth(date)).toBe(luxon(date).startOf('month').toISODate());
        expect(endOf(date.slice(0, 7))).toBe(luxon(date).endOf('month').toISODate());
      }),
      { numRuns: 2000 },
    );
  });
});
