import { describe, expect, it } from 'vitest';
import { dateHolidaysOf, dutchHolidays } from '../../src/domain/dutch-holidays.js';
import { DUTCH_HOLIDAYS_BY_YEAR } from '../../src/domain/dutch-holidays.generated.js';
import { WorkingDays } from '../../src/domain/working-days.js';
import { loadCalendarFiles } from '../../src/calendar/load.js';

const workingDays = new WorkingDays(loadCalendarFiles().decreeDays);

describe('Dutch working days', () => {
  it.each([
    ['2026-01-01', 'Nieuwjaar'],
    ['2026-04-03', 'Goede Vrijdag'],
    ['2026-04-06', 'Tweede paasdag'],
    ['2026-04-27', 'Koningsdag'],
    ['2025-04-26', 'Koningsdag'], // 27 April 2025 is a Sunday
    ['2026-05-05', 'Bevrijdingsdag'], // every year, not only every five
    ['2027-05-05', 'Bevrijdingsdag'],
    ['2026-05-14', 'Hemelvaartsdag'],
    ['2026-05-25', 'Tweede pinksterdag'],
    ['2026-12-25', 'Kerstmis'],
    ['2026-12-26', 'Tweede kerstdag'],
  ])('%s is %s', (date, name) => {
    expect(workingDays.holidayName(date)).toBe(name);
    expect(workingDays.isWorkingDay(date)).toBe(false);
  });

  it('counts the decree days of calendars/decree-days.yaml', () => {
    for (const date of ['2026-01-02', '2026-05-15', '2027-05-07']) {
      expect(workingDays.isWorkingDay(date)).toBe(false);
      expect(workingDays.flagsFor(date)).toEqual([
        expect.objectContaining({ code: 'holiday', name: expect.stringContaining('besluit') }),
      ]);
    }
  });

  it('does not count observances such as Dodenherdenking, Sint-Maarten or Oudejaarsdag', () => {
    for (const date of ['2026-05-04', '2026-11-11', '2026-12-31', '2026-09-15'])
      expect(workingDays.isWorkingDay(date)).toBe(true);
  });

  it('flags the examples of DOMAIN.md with the last working day before', () => {
    expect(workingDays.flagsFor('2026-11-01')).toEqual([
      { code: 'weekend', day: 'zondag', lastWorkingDay: '2026-10-30' },
    ]);
    expect(workingDays.flagsFor('2026-08-15')).toEqual([
      { code: 'weekend', day: 'zaterdag', lastWorkingDay: '2026-08-14' },
    ]);
    // Easter Monday: the Friday before is Goede Vrijdag, so Thursday.
    expect(workingDays.flagsFor('2026-04-06')).toEqual([
      { code: 'holiday', name: 'Tweede paasdag', lastWorkingDay: '2026-04-02' },
    ]);
    // A holiday on a weekend carries both flags.
    expect(workingDays.flagsFor('2026-12-26').map((flag) => flag.code)).toEqual(['weekend', 'holiday']);
    expect(workingDays.flagsFor('2026-10-30')).toEqual([]);
  });

  it('counts working days past weekends and holidays', () => {
    expect(workingDays.addWorkingDays('2026-12-23', 3)).toBe('2026-12-29');
    expect(workingDays.addWorkingDays('2026-05-13', 1)).toBe('2026-05-18');
  });
});

describe('Dutch holidays from date-holidays', () => {
  it('are, for every year of the generated table and for years past it, what date-holidays gives now', () => {
    const years = Object.keys(DUTCH_HOLIDAYS_BY_YEAR).map(Number);
    expect(years).toContain(2026);
    for (const year of [...years, Math.min(...years) - 1, Math.max(...years) + 1, 2100])
      expect(dutchHolidays(year)).toEqual(dateHolidaysOf(year));
  });

  it('counts holidays of a year past the generated table', () => {
    const later = new WorkingDays();
    expect(later.holidayName('2100-12-25')).toBe('Kerstmis');
    expect(later.holidayName('2100-04-27')).toBe('Koningsdag');
    expect(later.isWorkingDay('2100-12-27')).toBe(true); // a Monday
  });
});
