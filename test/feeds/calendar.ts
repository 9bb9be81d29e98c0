import { readFileSync } from 'node:fs';
import { parseCalendar } from '../../src/calendar/load.js';
import { CalendarSet } from '../../src/domain/calendar-set.js';
import type { Provider } from '../../src/domain/types.js';

/** The feed tests' own made-up calendar: a time of day, a window, a weekend date, a holiday and a chain. */
export const feedCalendarFile = parseCalendar(
  readFileSync(new URL('../fixtures/feeds/tijdstip-2027.yaml', import.meta.url), 'utf8'),
  'test/fixtures/feeds/tijdstip-2027.yaml',
);

export const feedCalendars = new CalendarSet([feedCalendarFile]);

export const feedProvider: Provider = {
  kinds: ['verloskunde'],
  contracts: [{ insurer: 'tijdstip', year: 2027, status: 'new' }],
};
