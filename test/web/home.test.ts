import { describe, expect, it } from 'vitest';
import { loadCalendarSet } from '../../src/calendar/load.js';
import { calendarRows } from '../../src/web/home/index.js';
import { writtenDate } from '../../src/web/words.js';

describe('the calendars on the home page', () => {
  it('say when their dates were last checked: the newest entry of each change log', () => {
    const calendars = loadCalendarSet();
    const rows = calendarRows(calendars, 'nl');
    expect(rows).toHaveLength(calendars.all().length);
    for (const { file } of calendars.all()) {
      const row = rows.find((candidate) => candidate.insurer === file.insurerName && candidate.year === file.year)!;
      expect(row.checked).toBe(writtenDate(file.changes!.at(-1)!.date, 'nl'));
    }
  });
});
