// Build step: the YAML texts of calendars/ parsed once into dist/calendars.parsed.json, so the service starts without
// loading yaml or parsing them; src/calendar/parse-cache.ts uses an entry only for the very same text, and validates it.
import { writeParseCache } from '../dist/calendar/parse-cache.js';

console.log(`dist/calendars.parsed.json: ${writeParseCache('calendars')} YAML texts parsed`);
