import { CalendarFileError, loadCalendarFiles } from '../calendar/load.js';
import { calendarPaths, coverageProblems, coverageSummary, proveCalendarFile } from '../calendar/proof.js';
import { CalendarSet } from '../domain/calendar-set.js';

// Schema and references first, then every quote against the source text and the coverage of its dated sentences.
try {
  const { files, decreeDays } = loadCalendarFiles();
  const set = new CalendarSet(files, decreeDays);
  let failed = false;
  for (const { path, name } of calendarPaths()) {
    const proof = proveCalendarFile(path, name);
    const problems = [...proof.problems, ...coverageProblems(proof)];
    for (const problem of problems) console.error(problem);
    failed ||= problems.length > 0;
    console.log(`${problems.length === 0 ? 'ok ' : 'BAD'} ${coverageSummary(proof)}`);
  }
  for (const calendar of set.all()) {
    console.log(
      `ok  ${calendar.key}  version ${calendar.file.version ?? 1}  ${calendar.lines.length} lines  (${calendar.file.document.title})`,
    );
  }
  if (failed) process.exit(1);
} catch (error) {
  if (error instanceof CalendarFileError) {
    console.error(`calendar error: ${error.message}`);
    process.exit(1);
  }
  throw error;
}
