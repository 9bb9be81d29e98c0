/**
 * The built service as operators run it (`node dist/server.js`): start-up time, memory idle and
 * under load, and the timeline endpoint under load (autocannon, 50 connections).
 *   npm run bench:api [-- --runs 3 --seconds 10 --providers 200]
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import { loadCalendarSet } from '../src/calendar/load.js';
import { median, residentSetBytes, table } from './report.js';

const { values } = parseArgs({ options: { runs: { type: 'string', default: '3' }, seconds: { type: 'string', default: '10' }, providers: { type: 'string', default: '200' } } });
const runs = Number(values.runs);
const seconds = Number(values.seconds);
const providerCount = Number(values.providers);
const ADMIN = 'Bench-Admin-Key-0123456789-abcdefghXYZ';
const root = join(import.meta.dirname, '..');

execFileSync('npm', ['run', '--silent', 'build'], { cwd: root, stdio: 'inherit' });

async function start(databasePath: string): Promise<{ child: ChildProcess; baseUrl: string; startupMs: number }> {
  const port = 20_000 + Math.floor(Math.random() * 20_000);
  const started = performance.now();
  const child = spawn(process.execPath, ['dist/server.js'], {
    cwd: root,
    env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', DATABASE_PATH: databasePath, ADMIN_API_KEY: ADMIN, LOG_LEVEL: 'warn', RATE_LIMIT_PER_MINUTE: '0', REMINDERS_ENABLED: 'false' },
    stdio: 'ignore',
  });
  const baseUrl = `http://127.0.0.1:${port}`;
  for (;;) {
    try {
      if ((await fetch(`${baseUrl}/health`)).ok) break;
    } catch {
      // not listening yet
    }
    if (child.exitCode !== null) throw new Error('server exited during start-up');
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  return { child, baseUrl, startupMs: performance.now() - started };
}

async function stop(child: ChildProcess): Promise<void> {
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  await exited;
}

const calendars = loadCalendarSet().all();
const kinds = ['verloskunde', 'kraamzorg', 'echoscopie', 'geboortecentrum'];
const results: Record<string, number[]> = { startupMs: [], idleRss: [], loadRss: [], rps: [], p50: [], p99: [], errors: [] };

for (let run = 0; run < runs; run++) {
  const dir = mkdtempSync(join(tmpdir(), 'gzd-bench-api-'));
  try {
    const { child, baseUrl, startupMs } = await start(join(dir, 'bench.db'));
    results.startupMs!.push(startupMs);
    const headers = { authorization: `Bearer ${ADMIN}`, 'content-type': 'application/json' };
    const ids: string[] = [];
    for (let i = 0; i < providerCount; i++) {
      const response = await fetch(`${baseUrl}/api/v1/providers`, {
        method: 'POST',
        headers,
        body: JSON.stringify({
          name: `Praktijk ${i}`,
          agb: String(30_000_000 + i),
          kinds: [kinds[i % kinds.length]],
          contracts: calendars.map((c) => ({ insurer: c.file.insurer, year: c.file.year, status: i % 5 === 0 ? 'new' : 'existing' })),
          contacts: [{ email: `praktijk${i}@example.nl` }],
        }),
      });
      if (response.status !== 201) throw new Error(`seeding failed: ${response.status} ${await response.text()}`);
      ids.push(((await response.json()) as { id: string }).id);
    }
    await new Promise((resolve) => setTimeout(resolve, 2000));
    results.idleRss!.push(residentSetBytes(child.pid!));

    let peak = 0;
    const sampler = setInterval(() => (peak = Math.max(peak, residentSetBytes(child.pid!))), 250);
    let next = 0;
    const load = await autocannon({
      url: baseUrl,
      connections: 50,
      duration: seconds,
      headers: { authorization: `Bearer ${ADMIN}` },
      requests: [{ method: 'GET', setupRequest: (request) => ({ ...request, path: `/api/v1/providers/${ids[next++ % ids.length]}/timeline` }) }],
    });
    clearInterval(sampler);
    results.loadRss!.push(peak);
    results.rps!.push(load.requests.average);
    results.p50!.push(load.latency.p50);
    results.p99!.push(load.latency.p99);
    results.errors!.push(load.errors + load.timeouts + load.non2xx);
    await stop(child);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MB`;
table(`API (node dist/server.js, ${providerCount} providers × ${calendars.length} calendars, ${runs} runs, median)`, {
  'start-up to /health': `${median(results.startupMs!).toFixed(0)} ms`,
  'RSS idle': mb(median(results.idleRss!)),
  'RSS under load (peak)': mb(median(results.loadRss!)),
  'GET timeline req/s (50 connections)': Math.round(median(results.rps!)),
  'latency p50': `${median(results.p50!)} ms`,
  'latency p99': `${median(results.p99!)} ms`,
  'errors (all runs)': results.errors!.reduce((a, b) => a + b, 0),
});
