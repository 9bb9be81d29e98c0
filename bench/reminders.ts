/**
 * Reminder e-mails: planning time (timelines, digests, rendering, MIME, outbox writes) and send rate over pooled
 * SMTP to a loopback smtp-server in its own process, each size measured in a fresh process (bench/reminders-size.ts,
 * which says what is pinned): in one process, the 1,000-provider point showed the 10,000-provider runs' peak RSS.
 * Targets (issue 23), at 10,000 providers: planning ≤ 1 s, sending ≥ 3,000 mails/s. Then the curve: planning and
 * sending at each size of --curve, with the cost per provider beside the smallest size's, to see it grow linearly;
 * at 100,000: planning ≤ 10 s, at most 11× the 10,000 figure, peak RSS while planning and sending ≤ 300 MB.
 * The service is measured as it runs, from the build in dist; --from src measures it from source through tsx.
 *   npm run bench:reminders [-- --providers 10000 --runs 3 --concurrency 16 --curve 1000,10000,100000 --profile DIR]
 * --curve '' leaves the curve out; --profile writes a CPU profile of the last planning and sending at --providers.
 */
import { fork } from 'node:child_process';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { DEFAULTS } from '../src/config.js';
import type { Measured } from './reminders-size.js';
import { median, reportTargets, settle, table } from './report.js';

const { values } = parseArgs({
  options: {
    providers: { type: 'string', default: '10000' },
    runs: { type: 'string', default: '3' },
    concurrency: { type: 'string', default: DEFAULTS.SMTP_CONNECTIONS },
    curve: { type: 'string', default: '1000,10000,100000' },
    profile: { type: 'string' },
    /** `dist`: the service as it runs (`npm run build` first); `src`: from source through tsx, to compare. */
    from: { type: 'string', default: 'dist' },
  },
});
const targetSize = Number(values.providers);
const runs = Number(values.runs);
const concurrency = Number(values.concurrency);
const curve = values.curve === '' ? [] : values.curve.split(',').map(Number);
const root = new URL('..', import.meta.url).pathname;
const PLANNING_TARGET_S = 1;
const SENDING_TARGET = 3_000;
const LARGE = 100_000;
const LARGE_PLANNING_TARGET_S = 10;
/** 100k planning over 10k planning: linear is 10×. */
const LARGE_RATIO_TARGET = 11;
const LARGE_RSS_TARGET_MB = 300;

/** One size measured in a fresh process (bench/reminders-size.ts). */
async function measureFresh(count: number, times: number, profileDir?: string): Promise<Measured> {
  // The size before this one leaves its database to be written back and deleted: waited out.
  await settle();
  const args = [count, times, concurrency, values.from, ...(profileDir === undefined ? [] : [profileDir])].map(String);
  const child = fork(join(root, 'bench/reminders-size.ts'), args, { execArgv: ['--import', 'tsx'] });
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
