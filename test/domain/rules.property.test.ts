import fc from 'fast-check';
import { DateTime, Settings } from 'luxon';
import { describe, expect, it } from 'vitest';
import { addDays, addMonths, addYears, daysBetween, parsePlainDate } from '../../src/domain/plain-date.js';
import { applyOffset, fixedDates, nextOccurrence } from '../../src/domain/rules.js';
import { WorkingDays } from '../../src/domain/working-days.js';

const workingDays = new WorkingDays([{ date: '2026-05-15', name: 'Vrije dag bij besluit' }]);

/** Any calendar date from 2020 to 2035, as YYYY-MM-DD. */
const isoDate = fc
  .integer({ min: 0, max: 365 * 16 })
  .map((offset) => DateTime.fromISO('2020-01-01', { zone: 'utc' }).plus({ days: offset }).toISODate() as string);

describe('date rules (properties)', () => {
  it('vóór D is always the day before D', () => {
    fc.assert(
      fc.property(isoDate, (date) => {
        const due = fixedDates({ before: date })!.due;
        expect(daysBetween(due, date)).toBe(1);
        expect(due < date).toBe(true);
      }),
    );
  });

  it('uiterlijk D is D itself', () => {
    fc.assert(
      fc.property(isoDate, (date) => {
        expect(fixedDates({ onOrBefore: date })!.due).toBe(date);
      }),
    );
  });

  it('an offset after a recorded date never lands before it', () => {
    const unit = fc.constantFrom('days', 'weeks', 'months', 'years', 'workingDays');
    fc.assert(
      fc.property(isoDate, unit, fc.integer({ min: 0, max: 60 }), (date, key, amount) => {
        const due = applyOffset(date, { ref: 'x', [key]: amount }, workingDays);
        expect(due >= date).toBe(true);
        if (amount > 0) expect(due > date).toBe(true);
      }),
    );
  });

  it('weeks are exactly seven days, whatever DST does that week', () => {
    fc.assert(
      fc.property(isoDate, fc.integer({ min: 0, max: 52 }), (date, weeks) => {
        expect(daysBetween(date, applyOffset(date, { ref: 'x', weeks }, workingDays))).toBe(7 * weeks);
      }),
    );
  });

  it('DST changes never shift a date', () => {
    // Dates around the last Sundays of March and October in Amsterdam.
    const dstDays = ['2026-03-29', '2026-10-25', '2027-03-28', '2027-10-31'];
    for (const day of dstDays) {
      for (let offset = -3; offset <= 3; offset++) {
        const date = addDays(day, offset);
        expect(addDays(addDays(date, 1), -1)).toBe(date);
        expect(parsePlainDate(date).toISODate()).toBe(date);
        expect(fixedDates({ before: addDays(date, 1) })!.due).toBe(date);
      }
    }
    fc.assert(
      fc.property(isoDate, fc.integer({ min: -400, max: 400 }), (date, days) => {
        expect(daysBetween(date, addDays(date, days))).toBe(days);
      }),
    );
  });

  it('the default time zone of the process changes no date', () => {
    const original = Settings.defaultZone;
    const compute = () => [
      applyOffset('2026-10-20', { ref: 'x', weeks: 1 }, workingDays),
      applyOffset('2027-03-27', { ref: 'x', days: 1 }, workingDays),
      addMonths('2026-03-29', 7),
      fixedDates({ before: '2026-10-26' })!.due,
    ];
    try {
      const results = ['Europe/Amsterdam', 'America/New_York', 'Pacific/Kiritimati', 'UTC'].map((zone) => {
        Settings.defaultZone = zone;
        return compute();
      });
      expect(results[0]).toEqual(['2026-10-27', '2027-03-28', '2026-10-29', '2026-10-25']);
      for (const result of results) expect(result).toEqual(results[0]);
    } finally {
      Settings.defaultZone = original;
    }
  });

  it('a calendar month is clamped to the month end and never overshoots', () => {
    expect(addMonths('2027-01-31', 1)).toBe('2027-02-28');
    expect(addMonths('2028-01-31', 1)).toBe('2028-02-29');
    fc.assert(
      fc.property(isoDate, fc.integer({ min: 1, max: 24 }), (date, months) => {
        const due = addMonths(date, months);
        const monthsApart =
          (Number(due.slice(0, 4)) - Number(date.slice(0, 4))) * 12 +
          Number(due.slice(5, 7)) -
          Number(date.slice(5, 7));
        expect(monthsApart).toBe(months);
        expect(Number(due.slice(8))).toBeLessThanOrEqual(Number(date.slice(8)));
      }),
    );
  });

  it('N working days later is a working day with exactly N working days counted', () => {
    fc.assert(
      fc.property(isoDate, fc.integer({ min: 1, max: 30 }), (date, n) => {
        const due = workingDays.addWorkingDays(date, n);
        expect(workingDays.isWorkingDay(due)).toBe(true);
        let counted = 0;
        for (let day = addDays(date, 1); day <= due; day = addDays(day, 1))
          if (workingDays.isWorkingDay(day)) counted++;
        expect(counted).toBe(n);
      }),
      { numRuns: 50 },
    );
  });

  it('iedere N jaar: the next occurrence is on or after today, and the one before it is not', () => {
    fc.assert(
      fc.property(isoDate, isoDate, fc.integer({ min: 1, max: 5 }), (base, asOf, years) => {
        const next = nextOccurrence(base, years, asOf);
        expect(next >= asOf).toBe(true);
        expect(next > base).toBe(true);
        // Occurrences count from the grant, not from each other: 29 February comes back as 28 February, then as 29 again.
        let k = 1;
        while (addYears(base, k * years) !== next) k++;
        const previous = k === 1 ? base : addYears(base, (k - 1) * years);
        expect(previous === base || previous < asOf).toBe(true);
      }),
    );
  });

  it('iedere N jaar from 29 February: 28 February in common years, 29 February again in leap years', () => {
    expect(nextOccurrence('2032-02-29', 1, '2020-01-01')).toBe('2033-02-28');
    expect(nextOccurrence('2032-02-29', 1, '2033-03-01')).toBe('2034-02-28');
    expect(nextOccurrence('2032-02-29', 1, '2035-03-01')).toBe('2036-02-29');
    expect(nextOccurrence('2028-02-29', 3, '2031-03-01')).toBe('2034-02-28');
  });

  it('a window from months covers the whole months', () => {
    expect(fixedDates({ window: { from: '2025-05', to: '2025-06' } })).toEqual({
      due: '2025-06-30',
      window: { from: '2025-05-01', to: '2025-06-30' },
    });
    expect(fixedDates({ window: { from: '2027-01', to: '2027-12' } })!.window).toEqual({
      from: '2027-01-01',
      to: '2027-12-31',
    });
    expect(fixedDates({ endOfMonth: '2028-02' })!.due).toBe('2028-02-29');
    expect(fixedDates({ endOfYear: 2028 })!.due).toBe('2028-12-31');
  });
});
