import { readFileSync } from 'node:fs';
import { parseCalendar } from '../../src/calendar/load.js';
import { CalendarSet } from '../../src/domain/calendar-set.js';
import type { Provider } from '../../src/domain/types.js';

export const sampleFile = parseCalendar(
  readFileSync(new URL('./sample-calendar.yaml', import.meta.url), 'utf8'),
  'test/domain/sample-calendar.yaml',
);

export const sampleCalendars = new CalendarSet([sampleFile], [{ date: '2026-05-15', name: 'Vrije dag bij besluit' }]);

export function sampleProvider(
  overrides: Partial<Provider['contracts'][number]> = {},
  kinds: Provider['kinds'] = ['verloskunde'],
): Provider {
  return { kinds, contracts: [{ insurer: 'voorbeeld', year: 2027, status: 'new', ...overrides }] };
}
