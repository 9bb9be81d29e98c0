import { copyFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';

const ROOT = join(import.meta.dirname, '..', '..');

/**
 * The made-up calendar of the API tests in `dir/calendars`, in the layout the reminder command reads
 * (calendars/<insurer>/<year>-geboortezorg.yaml, beside the schema and the decree days); returns that folder.
 * No test framework here: bench/reminders-size.ts seeds its databases with it too.
 */
export function madeUpCalendarDir(dir: string): string {
  const calendars = join(dir, 'calendars');
  mkdirSync(join(calendars, 'voorbeeld'), { recursive: true });
  copyFileSync(
    join(ROOT, 'test/api/fixtures/voorbeeld-2027.yaml'),
    join(calendars, 'voorbeeld/2027-geboortezorg.yaml'),
  );
  for (const file of ['calendar.schema.json', 'decree-days.yaml'])
    copyFileSync(join(ROOT, 'calendars', file), join(calendars, file));
  return calendars;
}
