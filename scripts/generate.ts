// Writes the generated modules of scripts/generated.ts: `npm run generate` after changing calendars/calendar.schema.json or upgrading date-holidays,
// and the API's client types (scripts/client-types.ts) after changing a route schema.
import { writeFileSync } from 'node:fs';
import { clientTypesModule, servedDocument } from './client-types.js';
import { generatedModules } from './generated.js';

for (const { path, text } of [...generatedModules(), await clientTypesModule(await servedDocument())]) {
  writeFileSync(new URL(`../${path}`, import.meta.url), text);
  console.log(`wrote ${path}`);
}
