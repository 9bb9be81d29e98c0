/**
 * One size of bench:reminders in a process of its own (bench/reminders.ts forks it, so a peak RSS is that size's
 * alone): a fresh database of `providers` providers, `runs` runs of planning then sending to a loopback smtp-server in
 * another process, and the figures sent to the parent. Every provider gets one digest: the made-up calendar of the
 * API tests has a signing deadline 14 days after the benchmark day. Each run starts from an empty outbox.
 * Pinned: the day it plans for (DAY), the seeded providers (the same names, AGB codes, contracts and contacts every
 * run) and the calendar (the API tests' made-up one), so two runs differ only by the code and the machine.
 *   (forked) bench/reminders-size.ts <providers> <runs> <SMTP connections> <dist|src> [profile dir]
 */
import { fork, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { madeUpCalendarDir } from '../test/reminders/calendar-dir.js';

const DAY = '2026-10-18';
const root = new URL('..', import.meta.url).pathname;
const [count, times, concurrency] = process.argv.slice(2, 5).map(Number);
/** The service as it runs (`dist`, compiled JavaScript) or from source through tsx (`src`). */
const from = process.argv[5] === 'src' ? 'src' : 'dist';
const profileDir = process.argv[6];

// The modules of `from`: typed by their source, loaded from the build unless asked otherwise.
const { loadCalendarSet } = (await import(`../${from}/calendar/load.js`)) as typeof import('../src/calendar/load.js');
const { smtpTransport } = (await import(`../${from}/mail/transport.js`)) as typeof import('../src/mail/transport.js');
const { ReminderRunner } = (await import(`../${from}/reminders/run.js`)) as typeof import('../src/reminders/run.js');
const { ApiKeyStore } = (await import(`../${from}/store/api-keys.js`)) as typeof import('../src/store/api-keys.js');
const { openDatabase } = (await import(`../${from}/store/database.js`)) as typeof import('../src/store/database.js');
const { createStores } = (await import(`../${from}/store/index.js`)) as typeof import('../src/store/index.js');
const { migrate } = (await import(`../${from}/store/migrations.js`)) as typeof import('../src/store/migrations.js');
const { ProviderStore } = (await import(`../${from}/store/providers.js`)) as typeof import('../src/store/providers.js');

/** The loopback SMTP server, in its own process. */
class SmtpSink {
  private constructor(
    private readonly child: ChildProcess,
    readonly port: number,
  ) {}

  static async start(): Promise<SmtpSink> {
    const child = fork(join(root, 'bench/smtp-sink.ts'), { execArgv: ['--import', 'tsx'] });
    const { port } = await new Promise<{ port: number }>((resolve) =>
      child.once('message', resolve as (m: unknown) => void),
    );
    return new SmtpSink(child, port);
  }

  private ask(cmd: 'count' | 'reset'): Promise<{ received: number; cpuMs: number }> {
    return new Promise((resolve) => {
      this.child.once('message', (m) => resolve(m as { received: number; cpuMs: number }));
      this.child.send({ cmd });
    });
  }

  /** Messages taken since the last reset, and the server's CPU time meanwhile. */
  received = () => this.ask('count');
  reset = () => this.ask('reset');
  stop(): Promise<void> {
    return new Promise((resolve) => {
      this.child.once('exit', () => resolve());
      this.child.send({ cmd: 'stop' });
    });
  }
}

/** What one size measured. */
export interface Measured {
  providers: number;
  digests: number;
  seedingS: number;
  /** Average size of a stored message. */
  mailBytes: number;
  planningS: number[];
  sendingS: number[];
  /** CPU time of the SMTP server per second of sending (1.0: it used a whole core). */
  smtpCpu: number[];
  /** Highest resident set size of this process seen while planning and sending, in MB. */
  peakRssMb: number;
}

/** A fresh database of `count` providers, `times` runs of planning then sending; profiles the last run when asked. */
async function measure(
  sink: SmtpSink,
  count: number,
  times: number,
  concurrency: number,
  profileDir?: string,
): Promise<Measured> {
  const dir = mkdtempSync(join(tmpdir(), 'gzd-bench-reminders-'));
  try {
    const calendars = loadCalendarSet(madeUpCalendarDir(dir));
    const db = openDatabase(join(dir, 'bench.db'));
    migrate(db);
    const { apiKey } = new ApiKeyStore(db).create('bench');
    const providers = new ProviderStore(db);
    const seeding = performance.now();
    db.transaction(() => {
      for (let i = 0; i < count; i++) {
        providers.create(apiKey.id, {
          name: `Verloskundigenpraktijk ${i}`,
          agb: String(30_000_000 + i),
          kinds: ['verloskunde'],
          reminderDays: [14, 7, 1],
          contracts: [{ insurer: 'voorbeeld', year: 2027, status: i % 5 === 0 ? 'new' : 'existing' }],
          contacts: [
            { email: `planning${i}@praktijk${i % 97}.nl`, name: `Contact ${i}`, language: i % 10 === 0 ? 'en' : 'nl' },
          ],
        });
      }
      // Measured: the daily digests, past the first mail to each address (a short notice).
      db.prepare("UPDATE contacts SET introduced_on = '2000-01-01'").run();
    })();
    const seedingS = (performance.now() - seeding) / 1000;
    const transport = smtpTransport(`smtp://127.0.0.1:${sink.port}`, concurrency);
    const log = { info() {}, warn() {}, error() {} };
    const runner = new ReminderRunner({
      stores: createStores(db),
      calendars,
      transport,
      publicBaseUrl: 'https://deadlines.example.nl',
      mailFrom: 'herinneringen@deadlines.example.nl',
      log,
      concurrency,
    });
    const result: Measured = {
      providers: count,
      digests: 0,
      seedingS,
      mailBytes: 0,
      planningS: [],
      sendingS: [],
      smtpCpu: [],
      peakRssMb: 0,
    };
    // Sampled while planning and sending run (planning yields between pages, so the timer gets its turns).
    const sampler = setInterval(() => {
      result.peakRssMb = Math.max(result.peakRssMb, process.memoryUsage.rss() / 2 ** 20);
    }, 20);
    for (let run = 0; run < times; run++) {
      db.exec(
        'DELETE FROM mail_notices; DELETE FROM mail_item_dates; DELETE FROM mail_outbox; DELETE FROM reminder_runs; DELETE FROM web_links;',
      );
      const profile = profileDir !== undefined && run === times - 1 ? await profiler() : undefined;
      let started = performance.now();
      const { planned } = await runner.plan(DAY);
      result.planningS.push((performance.now() - started) / 1000);
      await profile?.save(join(profileDir!, `planning-${count}.cpuprofile`), true);
      result.mailBytes = (
        db.prepare('SELECT avg(length(raw)) AS bytes FROM mail_outbox').get() as { bytes: number }
      ).bytes;
      await sink.reset();
      started = performance.now();
      const { sent, failed } = await runner.deliver();
      result.sendingS.push((performance.now() - started) / 1000);
      await profile?.save(join(profileDir!, `sending-${count}.cpuprofile`), false);
      const { received, cpuMs } = await sink.received();
      result.smtpCpu.push(cpuMs / 1000 / result.sendingS.at(-1)!);
      if (sent !== planned || failed !== 0 || received !== planned || planned !== count) {
        throw new Error(
          `${count} providers, run ${run}: planned ${planned}, sent ${sent}, failed ${failed}, received ${received}`,
        );
      }
      result.digests = planned;
    }
    clearInterval(sampler);
    transport.close();
    db.close();
    return result;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** A CPU profile of this process (V8's sampling profiler through the inspector): `save` writes it and starts the next. */
async function profiler(): Promise<{ save(path: string, again: boolean): Promise<void> }> {
  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.start');
  return {
    async save(path, again) {
      const { profile } = await session.post('Profiler.stop');
      mkdirSync(join(path, '..'), { recursive: true });
      writeFileSync(path, JSON.stringify(profile));
      if (again) await session.post('Profiler.start');
      else session.disconnect();
    },
  };
}

const sink = await SmtpSink.start();
try {
  const measured = await measure(sink, count!, times!, concurrency!, profileDir);
  await new Promise<void>((resolve, reject) =>
    process.send!(measured, (error: Error | null) => (error ? reject(error) : resolve())),
  );
} finally {
  await sink.stop();
}
