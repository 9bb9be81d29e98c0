/**
 * Reminder e-mails: planning time (timelines, digests, rendering, MIME, outbox writes) and send rate over pooled
 * SMTP to a loopback smtp-server in its own process. Every provider gets one digest: the made-up calendar of the
 * API tests has a signing deadline 14 days after the benchmark day. Each run starts from an empty outbox.
 * Pinned: the day it plans for (DAY), the seeded providers (the same names, AGB codes, contracts and contacts every
 * run) and the calendar (the API tests' made-up one), so two runs differ only by the code and the machine.
 * Targets (issue 23), at 10,000 providers: planning ≤ 1 s, sending ≥ 3,000 mails/s. Then the curve: planning and
 * sending at each size of --curve, with the cost per provider beside the smallest size's, to see it grow linearly;
 * at 100,000: planning ≤ 10 s, at most 11× the 10,000 figure, peak RSS while planning and sending ≤ 300 MB.
 *   npm run bench:reminders [-- --providers 10000 --runs 3 --concurrency 16 --curve 1000,10000,100000 --profile DIR]
 * --curve '' leaves the curve out; --profile writes a CPU profile of the last planning and sending at --providers.
 * Each size is measured in a fresh process of its own (with its own SMTP sink), so a peak RSS is that size's alone: in
 * one process, the 1,000-provider point showed the 10,000-provider runs' peak.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { loadCalendarSet } from '../src/calendar/load.js';
import { DEFAULTS } from '../src/config.js';
import { smtpTransport } from '../src/mail/transport.js';
import { ReminderRunner } from '../src/reminders/run.js';
import { ApiKeyStore } from '../src/store/api-keys.js';
import { openDatabase } from '../src/store/database.js';
import { createStores } from '../src/store/index.js';
import { migrate } from '../src/store/migrations.js';
import { ProviderStore } from '../src/store/providers.js';
import { median, reportTargets, settle, table } from './report.js';

const { values } = parseArgs({
  options: {
    providers: { type: 'string', default: '10000' },
    runs: { type: 'string', default: '3' },
    concurrency: { type: 'string', default: DEFAULTS.SMTP_CONNECTIONS },
    curve: { type: 'string', default: '1000,10000,100000' },
    profile: { type: 'string' },
    /** Internal: this process measures one size (`<providers>x<runs>`) and sends its figures to the parent. */
    point: { type: 'string' },
  },
});
const targetSize = Number(values.providers);
const runs = Number(values.runs);
const concurrency = Number(values.concurrency);
const curve = values.curve === '' ? [] : values.curve.split(',').map(Number);
const DAY = '2026-10-18';
const root = new URL('..', import.meta.url).pathname;
const PLANNING_TARGET_S = 1;
const SENDING_TARGET = 3_000;
const LARGE = 100_000;
const LARGE_PLANNING_TARGET_S = 10;
/** 100k planning over 10k planning: linear is 10×. */
const LARGE_RATIO_TARGET = 11;
const LARGE_RSS_TARGET_MB = 300;

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

interface Measured {
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
async function measure(sink: SmtpSink, count: number, times: number, profileDir?: string): Promise<Measured> {
  const dir = mkdtempSync(join(tmpdir(), 'gzd-bench-reminders-'));
  try {
    mkdirSync(join(dir, 'calendars', 'voorbeeld'), { recursive: true });
    copyFileSync(
      join(root, 'test/api/fixtures/voorbeeld-2027.yaml'),
      join(dir, 'calendars/voorbeeld/2027-geboortezorg.yaml'),
    );
    for (const file of ['calendar.schema.json', 'decree-days.yaml'])
      copyFileSync(join(root, 'calendars', file), join(dir, 'calendars', file));
    const calendars = loadCalendarSet(join(dir, 'calendars'));
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

/** One size measured in a fresh process: this file again, with --point. */
async function measureFresh(count: number, times: number, profileDir?: string): Promise<Measured> {
  // The size before this one leaves its database to be written back and deleted: waited out.
  await settle();
  const args = ['--point', `${count}x${times}`, ...(profileDir === undefined ? [] : ['--profile', profileDir])];
  const child = fork(join(root, 'bench/reminders.ts'), args, { execArgv: ['--import', 'tsx'] });
  return new Promise((resolve, reject) => {
    let measured: Measured | undefined;
    child.once('message', (m) => (measured = m as Measured));
    child.once('error', reject);
    child.once('exit', (code) =>
      measured !== undefined && code === 0
        ? resolve(measured)
        : reject(new Error(`measuring ${count} providers: the child exited with ${code}`)),
    );
  });
}

/** The 100k figures against their ceilings, when the curve has 100k and 10k points. */
function largeTargets(points: Measured[]) {
  const large = points.find((p) => p.providers === LARGE);
  const ten = points.find((p) => p.providers === LARGE / 10);
  if (large === undefined) return [];
  const planning = median(large.planningS);
  return [
    {
      what: `reminders: planning for ${LARGE.toLocaleString('en')} providers`,
      target: `≤ ${LARGE_PLANNING_TARGET_S} s`,
      measured: `${planning.toFixed(2)} s`,
      met: planning <= LARGE_PLANNING_TARGET_S,
    },
    ...(ten === undefined
      ? []
      : [
          {
            what: `reminders: planning ${LARGE.toLocaleString('en')} over ${(LARGE / 10).toLocaleString('en')} providers`,
            target: `≤ ${LARGE_RATIO_TARGET}×`,
            measured: `${(planning / median(ten.planningS)).toFixed(1)}×`,
            met: planning / median(ten.planningS) <= LARGE_RATIO_TARGET,
          },
        ]),
    {
      what: `reminders: peak RSS planning and sending ${LARGE.toLocaleString('en')} providers`,
      target: `≤ ${LARGE_RSS_TARGET_MB} MB`,
      measured: `${Math.round(large.peakRssMb)} MB`,
      met: large.peakRssMb <= LARGE_RSS_TARGET_MB,
    },
  ];
}

const perProviderUs = (seconds: number, providers: number) => (seconds * 1e6) / providers;

if (values.point !== undefined) {
  const [count, times] = values.point.split('x').map(Number);
  const sink = await SmtpSink.start();
  try {
    const measured = await measure(sink, count!, times!, values.profile);
    await new Promise<void>((resolve, reject) =>
      process.send!(measured, (error: Error | null) => (error ? reject(error) : resolve())),
    );
  } finally {
    await sink.stop();
  }
} else {
  const target = await measureFresh(targetSize, runs, values.profile);
  const planning = median(target.planningS);
  const sendRate = target.digests / median(target.sendingS);
  console.log(
    `\nreminder e-mails: ${targetSize} providers, one digest each, loopback SMTP in another process (${concurrency} connections)`,
  );
  table(`${targetSize} providers, ${runs} runs`, {
    'seeding (not measured)': `${target.seedingS.toFixed(1)} s`,
    'digests per run': target.digests,
    'message size (average)': `${(target.mailBytes / 1024).toFixed(1)} KB`,
    'planning time (median)': `${planning.toFixed(2)} s`,
    'planning (min … max)': `${Math.min(...target.planningS).toFixed(2)} … ${Math.max(...target.planningS).toFixed(2)} s`,
    'digests planned/s (median)': Math.round(target.digests / planning),
    'send time (median)': `${median(target.sendingS).toFixed(2)} s`,
    'mails sent/s (median)': Math.round(sendRate),
    'SMTP server CPU while sending (median)': `${Math.round(100 * median(target.smtpCpu))} % of a core`,
    'mails sent/s (min … max)': `${Math.round(target.digests / Math.max(...target.sendingS))} … ${Math.round(target.digests / Math.min(...target.sendingS))}`,
  });

  // The curve: sizes other than the target size get one run each (the target size's median is reused).
  const points =
    curve.length === 0
      ? []
      : await (async () => {
          const measured: Measured[] = [];
          for (const size of curve) measured.push(size === targetSize ? target : await measureFresh(size, 1));
          return measured;
        })();
  if (points.length > 0) {
    const base = points[0];
    const basePlan = perProviderUs(median(base.planningS), base.providers);
    const baseSend = perProviderUs(median(base.sendingS), base.providers);
    console.log(`\nreminders: the curve (cost per provider; "× first" is 1.00 where cost grows linearly)`);
    console.table(
      points.map((p) => {
        const plan = perProviderUs(median(p.planningS), p.providers);
        const send = perProviderUs(median(p.sendingS), p.providers);
        return {
          providers: p.providers,
          runs: p.planningS.length,
          'planning s': median(p.planningS).toFixed(2),
          'planning µs/provider': Math.round(plan),
          'planning × first': (plan / basePlan).toFixed(2),
          'sending s': median(p.sendingS).toFixed(2),
          'mails/s': Math.round(p.digests / median(p.sendingS)),
          'sending × first': (send / baseSend).toFixed(2),
          'peak RSS MB': Math.round(p.peakRssMb),
        };
      }),
    );
  }

  reportTargets('reminders', [
    {
      what: `reminders: planning for ${targetSize.toLocaleString('en')} providers (median)`,
      target: `≤ ${PLANNING_TARGET_S} s`,
      measured: `${planning.toFixed(2)} s`,
      met: planning <= PLANNING_TARGET_S,
    },
    {
      what: `reminders: sending to loopback SMTP (${concurrency} connections)`,
      target: `≥ ${SENDING_TARGET.toLocaleString('en')} mails/s`,
      measured: `${Math.round(sendRate).toLocaleString('en')} mails/s`,
      met: sendRate >= SENDING_TARGET,
    },
    ...largeTargets(points),
    ...points.map((p) => ({
      what: `reminders curve: ${p.providers.toLocaleString('en')} providers, planning / sending`,
      target: 'printed (linear?)',
      measured: `${median(p.planningS).toFixed(2)} s / ${median(p.sendingS).toFixed(2)} s`,
      met: true,
    })),
  ]);
}
