import type { CompiledCalendar } from './calendar.js';
import type { CalendarSet } from './calendar-set.js';
import { expectedYearOf } from './expected.js';
import type { Contract, IsoDate, Provider } from './types.js';

/** A contract year she will meet that no document covers yet, with the calendar expected for it. */
export interface ExpectedContract {
  contract: Contract;
  calendar: CompiledCalendar;
  /** The encoded year the dates are moved from. */
  baseYear: number;
}

/**
 * Per insurer she holds a contract with (and that has an encoded calendar): its next contract year that is not
 * encoded and whose round is open. Her contract for year Y carries forward to it, with its status and attributes
 * (her own contract for that very year, if she registered one, comes first).
 */
export function expectedContracts(provider: Provider, calendars: CalendarSet, asOf: IsoDate): ExpectedContract[] {
  const expected: ExpectedContract[] = [];
  for (const insurer of new Set(provider.contracts.map((contract) => contract.insurer))) {
    const latest = calendars.latest(insurer);
    if (!latest) continue;
    const year = expectedYearOf(latest.file, asOf);
    const held = provider.contracts.filter((contract) => contract.insurer === insurer && contract.year <= year);
    if (held.length === 0) continue;
    const carried = held.reduce((a, b) => (b.year > a.year ? b : a));
    const calendar = calendars.expected(insurer, year);
    if (calendar) expected.push({ contract: { ...carried, year }, calendar, baseYear: latest.file.year });
  }
  return expected;
}
