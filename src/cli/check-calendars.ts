import { CalendarFileError, loadCalendarFiles } from '../calendar/load.js';
import { CalendarSet } from '../domain/calendar-set.js';

try {
  const { files, decreeDays } = loadCalendarFiles();
  const set = new CalendarSet(files, decreeDays);
  for (const calendar of set.all()) {
    console.log(`ok  ${calendar.key}  ${calendar.lines.length} lines  (${calendar.file.document.title})`);
  }
} catch (error) {
  if (error instanceof CalendarFileError) {
    console.error(`calendar error: ${error.message}`);
    process.exit(1);
  }
  throw error;
}
