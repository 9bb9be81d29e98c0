// Writes the generated modules of scripts/generated.ts: `npm run generate` after changing calendars/calendar.schema.json or upgrading date-holidays.
import { writeFileSync } from 'node:fs';
import { generatedModules } from './generated.js';

for (const { path, text } of generatedModules()) {
  writeFileSync(new URL(`../${path}`, import.meta.url), text);
  console.log(`wrote ${path}`);
}
