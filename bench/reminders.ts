/**
 * Reminder e-mails for 10,000 providers: planning time (timelines, digests, rendering, MIME, outbox writes)
 * and send rate over pooled SMTP to a loopback smtp-server. Every provider gets one digest: the made-up
 * calendar of the API tests has a signing deadline 14 days after the benchmark day.
 *   npm run bench:reminders [-- --providers 10000 --runs 3 --concurrency 4]
 */
import { copyFileSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { SMTPServer } from 'smtp-server';
import { loadCalendarSet } from '../src/calendar/load.js';
import { smtpTransport } from '../src/mail/transport.js';
import { ReminderRunner } from '../src/reminders/run.js';
import { ApiKeyStore } from '../src/store/api-keys.js';
import { openDatabase } from '../src/store/database.js';
import { migrate } from '../src/store/migrations.js';
import { ProviderStore } from '../src/store/providers.js';
import { median } from './report.js';

const { values } = parseArgs({
  options: { providers: { type: 'string', default: '10000' }, runs: { type: 'string', default: '3' }, concurrency: { type: 'string', default: '4' } },
});
const providerCount = Number(values.providers);
const runs = Number(values.runs);
const concurrency = Number(values.concurrency);
const DAY = '2026-10-18';
const root = new URL('..', import.meta.url).pathname;

const dir = mkdtempSync(join(tmpdir(), 'gzd-bench-reminders-'));
mkdirSync(join(dir, 'calendars', 'voorbeeld'), { recursive: true });
copyFileSync(join(root, 'test/api/fixtures/voorbeeld-2027.yaml'), join(dir, 'calendars/voorbeeld/2027-geboortezorg.yaml'));
for (const file of ['calendar.schema.json', 'decree-days.yaml']) copyFileSync(join(root, 'calendars', file), join(dir, 'calendars', file));
const calendars = loadCalendarSet(join(dir, 'calendars'));

const db = openDatabase(join(dir, 'bench.db'));
migrate(db);
const { apiKey } = new ApiKeyStore(db).create('bench');
const providers = new ProviderStore(db);
const seeding = Date.now();
db.transaction(() => {
  for (let i = 0; i < providerCount; i++) {
    providers.create(apiKey.id, {
      name: `Verloskundigenpraktijk ${i}`, agb: String(30_000_000 + i), kinds: ['verloskunde'], reminderDays: [14, 7, 1],
      contracts: [{ insurer: 'voorbeeld', year: 2027, status: i % 5 === 0 ? 'new' : 'existing' }],
      contacts: [{ email: `planning${i}@praktijk${i % 97}.nl`, name: `Contact ${i}`, language: i % 10 === 0 ? 'en' : 'nl' }],
    });
  }
  // Measured: the daily digests, past the first mail to each address (a short notice).
  db.prepare("UPDATE contacts SET introduced_on = '2000-01-01'").run();
})();
console.error(`seeded ${providerCount} providers in ${Date.now() - seeding} ms (${dir})`);

let received = 0;
const smtp = new SMTPServer({
  authOptional: true, disabledCommands: ['STARTTLS', 'AUTH'], logger: false, closeTimeout: 200,
  onData(stream, _session, callback) {
    stream.on('data', () => {});
    stream.on('end', () => {
      received++;
      callback();
    });
  },
});
await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve));
const port = (smtp.server.address() as { port: number }).port;
const transport = smtpTransport(`smtp://127.0.0.1:${port}`, concurrency);
const log = { info() {}, warn() {}, error() {} };
const runner = new ReminderRunner({ db, calendars, transport, publicBaseUrl: 'https://deadlines.example.nl', mailFrom: 'herinneringen@deadlines.example.nl', log, concurrency });

const planning: number[] = [];
const sending: number[] = [];
let planned = 0;
for (let run = 0; run < runs; run++) {
  db.exec('DELETE FROM mail_notices; DELETE FROM mail_item_dates; DELETE FROM mail_outbox; DELETE FROM reminder_runs;');
  received = 0;
  let started = process.hrtime.bigint();
  planned = (await runner.plan(DAY)).planned;
  planning.push(Number(process.hrtime.bigint() - started) / 1e9);
  started = process.hrtime.bigint();
  const { sent, failed } = await runner.deliver();
  sending.push(Number(process.hrtime.bigint() - started) / 1e9);
  if (sent !== planned || failed !== 0 || received !== planned) throw new Error(`run ${run}: planned ${planned}, sent ${sent}, failed ${failed}, received ${received}`);
}
transport.close();
await new Promise<void>((resolve) => smtp.close(() => resolve()));
db.close();
rmSync(dir, { recursive: true, force: true });

console.log(`reminder e-mails: ${providerCount} providers, one digest each, loopback SMTP (${concurrency} connections)`);
console.table({
  'digests per run': { value: planned },
  runs: { value: runs },
  'planning time (median)': { value: `${median(planning).toFixed(2)} s` },
  'planning (min … max)': { value: `${Math.min(...planning).toFixed(2)} … ${Math.max(...planning).toFixed(2)} s` },
  'digests planned/s (median)': { value: Math.round(planned / median(planning)) },
  'send time (median)': { value: `${median(sending).toFixed(2)} s` },
  'mails sent/s (median)': { value: Math.round(planned / median(sending)) },
  'mails sent/s (min … max)': { value: `${Math.round(planned / Math.max(...sending))} … ${Math.round(planned / Math.min(...sending))}` },
});
