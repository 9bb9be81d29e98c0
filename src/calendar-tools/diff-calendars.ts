import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';
import { todayInAmsterdam } from '../clock.js';
import { describeChanges, diffCalendars } from '../calendar/diff.js';
import { diffExpectedToActual } from '../calendar/diff-expected.js';
import { loadCalendarFiles } from '../calendar/load.js';
import { providersOf } from '../calendar/providers.js';
import { calendarsSince } from '../calendar/versions.js';

// npm run calendars:diff -- <git-ref> [--database <file>] [--as-of YYYY-MM-DD]
const { positionals, values } = parseArgs({
  allowPositionals: true,
  options: { database: { type: 'string' }, 'as-of': { type: 'string' } },
});
if (positionals.length !== 1) {
  console.error('usage: npm run calendars:diff -- <git-ref> [--database <file>] [--as-of YYYY-MM-DD]');
  process.exit(2);
}
const repository = fileURLToPath(new URL('../../', import.meta.url));
const asOf = values['as-of'] ?? todayInAmsterdam();
const { decreeDays, files: current } = loadCalendarFiles();
for (const { path, before, after } of calendarsSince(positionals[0], repository)) {
  const file = (after ?? before)!;
  const providers = values.database ? providersOf(values.database, file.insurer) : undefined;
  const changes = diffCalendars(before, after, { asOf, decreeDays, providers });
  const versions = `version ${before?.version ?? (before ? 1 : '-')} → ${after?.version ?? (after ? 1 : '-')}`;
  console.log(`\n${path} (${positionals[0]} → working tree, ${versions}, as of ${asOf})`);
  for (const line of describeChanges(`${file.insurer}/${file.year}`, changes)) console.log(`  ${line}`);
  // A newly encoded year replaces the dates providers saw as expected from the insurer's year before it.
  const previous = before
    ? undefined
    : current
        .filter((other) => other.insurer === file.insurer && other.year < file.year)
        .sort((a, b) => b.year - a.year)[0];
  if (after && previous) {
    console.log(`\n  expected from ${previous.year} → ${after.year} as published:`);
    const moved = diffExpectedToActual(previous, after, { asOf, decreeDays, providers });
    for (const line of describeChanges(`${file.insurer}/${file.year}`, moved)) console.log(`  ${line}`);
  }
}
