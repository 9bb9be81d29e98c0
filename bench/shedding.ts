/**
 * Shedding (issue 23 §1) on the built service as operators run it (`node dist/server.js`, its default shedding):
 * - a lone client beside two CPU burners that keep both cores busy: 500 sequential requests (create a provider, its
 *   timeline, its feed, an event, in turn), nothing queued before any of them; every one must be answered 2xx;
 * - 200 closed-loop connections flat out over timeline and feed reads: no answered request waits over 2 s, nothing
 *   errs or times out, and /health keeps answering; then the same with a wait limit of 5 ms, low enough that this
 *   machine sheds (at the default 200 ms a 2-core machine queues about 20 ms and sheds nothing), where every shed
 *   answer must be a 503 problem with `Retry-After`.
 * The load generator and the /health probe are test/overload's, each in its own process as real clients would be.
 * The day the service plans for is pinned (TODAY), so every run computes the same timelines.
 *   npm run bench:shedding [-- --cycles 125 --seconds 20 --connections 200]
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import type { ProbeFigures } from '../test/overload/health-probe.js';
import type { LoadFigures, LoadSettings } from '../test/overload/load-generator.js';
import { freePort } from './ports.js';
import { median, reportTargets, settle, table } from './report.js';

const { values } = parseArgs({
  options: {
    cycles: { type: 'string', default: '125' }, // × 4 requests
    seconds: { type: 'string', default: '20' },
    connections: { type: 'string', default: '200' },
  },
});
// Measured on a quiet machine: what the bench before this one left running is waited out.
await settle();
const cycles = Number(values.cycles);
const seconds = Number(values.seconds);
const connections = Number(values.connections);
const BURNERS = 2;
/** A wait limit low enough that 200 connections on this machine are shed (at the default 200 ms, they are not). */
const LOW_LIMIT_MS = 5;
const ADMIN = 'Bench-Admin-Key-0123456789-abcdefghXYZ';
const SECRET = 'Bench-Secret-Key-0123456789-abcdefghXYZ';
const TODAY = '2026-09-15';
const root = join(import.meta.dirname, '..');
const auth = { authorization: `Bearer ${ADMIN}` };
const json = { ...auth, 'content-type': 'application/json' };

execFileSync('npm', ['run', '--silent', 'build'], { cwd: root, stdio: 'inherit' });

async function start(
  databasePath: string,
  settings: Record<string, string> = {},
): Promise<{ child: ChildProcess; baseUrl: string }> {
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  // Reminders off: the start-up catch-up would mail the seeded contacts. Rate limit off: one client makes every call.
  const child = spawn(process.execPath, ['dist/server.js'], {
    cwd: root,
    env: {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      DATABASE_PATH: databasePath,
      ADMIN_API_KEY: ADMIN,
      SECRET_KEY: SECRET,
      RATE_LIMIT_PER_MINUTE: '0',
      REMINDERS_ENABLED: 'false',
      LOG_LEVEL: 'warn',
      TODAY,
      ...settings,
    },
    stdio: 'ignore',
  });
  for (;;) {
    try {
      if ((await fetch(`${baseUrl}/health`)).ok) return { child, baseUrl };
    } catch {
      // not listening yet
    }
    if (child.exitCode !== null) throw new Error(`server exited during start-up (${child.exitCode})`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

async function stop(child: ChildProcess): Promise<void> {
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  await exited;
}

/** A script of test/overload in its own Node process; resolves with the JSON line it prints. */
function runScript<T>(script: string, settings: object): Promise<T> {
  const child = spawn(process.execPath, ['--import', 'tsx', `test/overload/${script}`, JSON.stringify(settings)], {
    cwd: root,
  });
  let output = '';
  let errors = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (errors += chunk.toString()));
  return new Promise((resolve, reject) =>
    child.on('exit', (code) =>
      code === 0 ? resolve(JSON.parse(output) as T) : reject(new Error(`${script} exited with ${code}:\n${errors}`)),
    ),
  );
}

/** A busy loop in its own process for `burnSeconds`: another program taking a core, as on a shared machine. */
function burner(burnSeconds: number): ChildProcess {
  return spawn(process.execPath, ['-e', `const end = Date.now() + ${burnSeconds * 1000}; while (Date.now() < end);`], {
    stdio: 'ignore',
  });
}

async function calendarContracts(baseUrl: string) {
  const response = await fetch(`${baseUrl}/api/v1/calendars`);
  const { items } = (await response.json()) as { items: { insurer: string; year: number }[] };
  return items.map((c) => ({ insurer: c.insurer, year: c.year, status: 'existing' }));
}

interface LoneFigures {
  statuses: { what: string; status: number }[];
  times: number[];
  seconds: number;
}

/** The lone client: each request sent once the last is answered; no retry, so a shed request shows. */
async function loneClient(baseUrl: string): Promise<LoneFigures> {
  const contracts = await calendarContracts(baseUrl);
  const statuses: LoneFigures['statuses'] = [];
  const times: number[] = [];
  const call = async (what: string, path: string, init?: RequestInit) => {
    const begun = performance.now();
    const response = await fetch(`${baseUrl}${path}`, { ...init, signal: AbortSignal.timeout(10_000) });
    const body = await response.text();
    times.push(performance.now() - begun);
    statuses.push({ what, status: response.status });
    return { status: response.status, body };
  };
  let item: string | undefined;
  const started = performance.now();
  for (let i = 0; i < cycles; i++) {
    const created = await call('create a provider', '/api/v1/providers', {
      method: 'POST',
      headers: json,
      body: JSON.stringify({ name: `Alleen ${i}`, agb: String(61_000_000 + i), kinds: ['verloskunde'], contracts }),
    });
    if (created.status !== 201) continue;
    const provider = JSON.parse(created.body) as { id: string; feedUrl: string };
    const timeline = await call('timeline', `/api/v1/providers/${provider.id}/timeline`, { headers: auth });
    await call('feed', new URL(provider.feedUrl).pathname);
    // The first step recordable on the pinned day, found once (the same for every provider: same contracts).
    const candidates = item
      ? [item]
      : (JSON.parse(timeline.body) as { items: { id: string }[] }).items.map((s) => s.id);
    for (const candidate of candidates) {
      const init = { method: 'POST', headers: json, body: JSON.stringify({ item: candidate, date: TODAY }) };
      if (!item) {
        const tried = await fetch(`${baseUrl}/api/v1/providers/${provider.id}/events`, init);
        await tried.arrayBuffer();
        if (tried.status === 400) continue;
        statuses.push({ what: 'event', status: tried.status });
        item = candidate;
        break;
      }
      await call('event', `/api/v1/providers/${provider.id}/events`, init);
    }
  }
  return { statuses, times, seconds: (performance.now() - started) / 1000 };
}

/** What one saturation run saw: the load generator's figures and the /health probe's. */
interface Saturated {
  load: LoadFigures;
  probe: ProbeFigures;
}

/**
 * 20 providers, their timelines and feeds read over `connections` connections flat out for `seconds`, with /health
 * probed meanwhile; `maxDelayMs` sets OVERLOAD_MAX_DELAY_MS (undefined: the service's default).
 */
async function saturate(databasePath: string, maxDelayMs: number | undefined): Promise<Saturated> {
  const server = await start(
    databasePath,
    maxDelayMs === undefined ? {} : { OVERLOAD_MAX_DELAY_MS: String(maxDelayMs) },
  );
  try {
    const contracts = await calendarContracts(server.baseUrl);
    const paths: string[] = [];
    for (let i = 0; i < 20; i++) {
      const response = await fetch(`${server.baseUrl}/api/v1/providers`, {
        method: 'POST',
        headers: json,
        body: JSON.stringify({
          name: `Verzadigd ${i}`,
          agb: String(62_000_000 + i),
          kinds: [['verloskunde', 'kraamzorg'][i % 2]],
          contracts,
        }),
      });
      const provider = (await response.json()) as { id: string; feedUrl: string };
      paths.push(`/api/v1/providers/${provider.id}/timeline`, new URL(provider.feedUrl).pathname);
    }
    const settings: LoadSettings = { url: server.baseUrl, paths, apiKey: ADMIN, connections, seconds };
    const loading = runScript<LoadFigures>('load-generator.ts', settings);
    // The probe starts once the load runs flat out (after the generator's 3 s warm-up and 2 s more).
    await new Promise((resolve) => setTimeout(resolve, 5000));
    const probing = runScript<ProbeFigures>('health-probe.ts', {
      url: server.baseUrl,
      apiPath: paths[0],
      apiKey: ADMIN,
      seconds: seconds - 4,
    });
    const [load, probe] = await Promise.all([loading, probing]);
    return { load, probe };
  } finally {
    await stop(server.child);
  }
}

const dir = mkdtempSync(join(tmpdir(), 'bench-shedding-'));
try {
  // 1. The lone client beside the burners (they stop themselves well after the client is done, and are killed then).
  const lone = await start(join(dir, 'lone.db'));
  const burners = Array.from({ length: BURNERS }, () => burner(300));
  let alone: LoneFigures;
  try {
    alone = await loneClient(lone.baseUrl);
  } finally {
    for (const b of burners) b.kill('SIGKILL');
    await stop(lone.child);
  }
  const notOk = alone.statuses.filter((s) => s.status < 200 || s.status > 299);
  const sorted = [...alone.times].sort((a, b) => a - b);
  const p99 = sorted[Math.floor(sorted.length * 0.99)] ?? 0;

  // 2. Saturation with the default limit, and once more with a limit low enough that this machine sheds.
  const atDefault = await saturate(join(dir, 'saturated.db'), undefined);
  const atLowLimit = await saturate(join(dir, 'shedding.db'), LOW_LIMIT_MS);
  const { load, probe } = atDefault;
  const healthMax = Math.max(...probe.health);
  const healthFailed = probe.health.filter((ms) => ms < 0).length;
  const badSheds = (s: Saturated) =>
    s.load.badSheds +
    s.probe.shed.filter((shed) => shed.retryAfter !== '1' || !shed.type?.startsWith('application/problem+json')).length;
  const low = atLowLimit.load;

  table(`shedding (node dist/server.js, TODAY ${TODAY})`, {
    [`lone client beside ${BURNERS} CPU burners: requests, not 2xx`]: `${alone.statuses.length}, ${notOk.length}`,
    'lone client: median, p99, slowest answer': `${median(alone.times).toFixed(1)} ms, ${p99.toFixed(1)} ms, ${sorted.at(-1)?.toFixed(1)} ms`,
    'lone client: time for all': `${alone.seconds.toFixed(1)} s`,
    [`${connections} connections, ${seconds} s, default limit: answers, 2xx, shed`]: `${load.total}, ${load.ok}, ${load.shed}`,
    [`${connections} connections, default limit: p50, p99, slowest answer`]: `${load.p50} ms, ${load.p99} ms, ${load.max} ms`,
    [`${connections} connections, default limit: errors, timeouts`]: `${load.errors}, ${load.timeouts}`,
    '/health under that load: probes, slowest, not 200': `${probe.health.length}, ${healthMax} ms, ${healthFailed}`,
    [`${connections} connections, limit ${LOW_LIMIT_MS} ms: answers, 2xx, shed, slowest`]: `${low.total}, ${low.ok}, ${low.shed}, ${low.max} ms`,
    [`limit ${LOW_LIMIT_MS} ms: other non-2xx, 503 without Retry-After`]: `${low.non2xx - low.shed}, ${badSheds(atLowLimit)}`,
  });
  const requests = cycles * 4;
  reportTargets('shedding', [
    {
      what: `lone client: ${requests} sequential API and feed requests (create, timeline, feed, event) beside ${BURNERS} CPU burners`,
      target: `all ${requests} answered 2xx`,
      measured: `${alone.statuses.length - notOk.length} 2xx, ${notOk.length} not (${[...new Set(notOk.map((s) => `${s.what} ${s.status}`))].join(', ') || 'none'}); p99 ${p99.toFixed(0)} ms`,
      met: alone.statuses.length === requests && notOk.length === 0,
    },
    {
      what: `${connections} connections flat out (${seconds} s, default limit): slowest answered request`,
      target: '≤ 2 s, 0 errors or timeouts',
      measured: `${load.max} ms (p99 ${load.p99} ms), ${load.errors} errors, ${load.timeouts} timeouts, ${load.perSecond} answers/s, ${load.shed} shed`,
      met: load.max <= 2000 && load.errors === 0 && load.timeouts === 0 && load.non2xx === load.shed,
    },
    {
      what: `${connections} connections flat out (default limit): /health`,
      target: 'every probe 200, ≤ 2 s',
      measured: `${probe.health.length} probes, slowest ${healthMax} ms, ${healthFailed} not 200`,
      met: probe.health.length > 0 && healthFailed === 0 && healthMax <= 2000,
    },
    {
      what: `${connections} connections flat out with a ${LOW_LIMIT_MS} ms wait limit: what is shed`,
      target: 'some shed, each a 503 problem+json with Retry-After; slowest ≤ 2 s',
      measured: `${low.shed} of ${low.total} shed, ${low.non2xx - low.shed} other non-2xx, ${badSheds(atLowLimit)} without Retry-After; slowest ${low.max} ms, ${low.errors + low.timeouts} errors or timeouts`,
      met:
        low.shed > 0 &&
        low.non2xx === low.shed &&
        badSheds(atLowLimit) === 0 &&
        low.max <= 2000 &&
        low.errors + low.timeouts === 0,
    },
  ]);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
