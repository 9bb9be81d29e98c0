// eslint-disable-next-line no-restricted-imports -- createRequire only loads date-holidays lazily (see dateHolidaysOf): no I/O of ours.
import { createRequire } from 'node:module';
import type DateHolidays from 'date-holidays';
import { DUTCH_HOLIDAYS_BY_YEAR } from './dutch-holidays.generated.js';
import type { DutchHoliday } from './types.js';

/**
 * date-holidays lists Goede Vrijdag and Bevrijdingsdag as type 'school'; DOMAIN.md counts both,
 * so they are kept by name beside every 'public' holiday.
 */
const COUNTED_NON_PUBLIC = new Set(['Goede Vrijdag', 'Bevrijdingsdag']);

let netherlands: DateHolidays | undefined;

/** The counted Dutch holidays of `year` as date-holidays computes them now. */
export function dateHolidaysOf(year: number): DutchHoliday[] {
  // Required on first use, not imported: with every country's data it costs ~0.2 s and ~20 MB at start-up.
  netherlands ??= new (createRequire(import.meta.url)('date-holidays') as typeof DateHolidays)('NL');
  return netherlands
    .getHolidays(year)
    .filter((holiday) => holiday.type === 'public' || COUNTED_NON_PUBLIC.has(holiday.name))
    .map((holiday): DutchHoliday => [holiday.date.slice(0, 10), holiday.name]);
}

/**
 * The counted Dutch holidays of `year`, from date-holidays: for the years of the generated table as it gave them
 * when `npm run generate` wrote it (test/domain/dutch-holidays.test.ts holds them equal), other years computed now.
 */
export function dutchHolidays(year: number): readonly DutchHoliday[] {
  return DUTCH_HOLIDAYS_BY_YEAR[year] ?? dateHolidaysOf(year);
}
