/**
 * A provider's cached iCal feed against a bare Fastify route that returns the same bytes, side by side in one run.
 * The real app (buildApp, SQLite file, both calendars, LOG_LEVEL=warn) and the bare route listen on loopback in
 * two child processes; autocannon (50 connections) loads them in alternating rounds from this process.
 * Targets (issue 4): feed ≥ 50 % of the bare route's requests per second, p99 ≤ 10 ms, no errors.
 * Also: the cold render rate (cache cleared before every render: timeline, stored state, ical-generator, ETag).
 *   npm run bench:feed [-- --rounds 3 --seconds 10 --connections 50]
 */
import { fork, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import Fastify from 'fastify';
import { buildApp } from '../src/app.js';
import { loadConfig } from '../src/config.js';
import { median, table } from './report.js';

const { values } = parseArgs({
  options: {
    rounds: { type: 'string', default: '3' },
    seconds: { type: 'string', default: '10' },
    connections: { type: 'string', default: '50' },
    serve: { type: 'string' },
  },
});

const ADMIN = 'Bench-Admin-Key-0123456789-abcdefghXYZ';

type Command = { cmd: 'cold'; seconds: number } | { cmd: 'stop' } | { cmd: 'bare'; body: string; headers: Record<string, string> };
type Reply = { port: number; path: string } | { feedsPerSecond: number; renders: number };

/** Child: the real service with one provider under contract with every calendar, its feed rendered once. */
async function serveApp(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'gzd-bench-feed-'));
  const config = loadConfig({ DATABASE_PATH: join(dir, 'bench.db'), ADMIN_API_KEY: ADMIN, LOG_LEVEL: 'warn', RATE_LIMIT_PER_MINUTE: '0', REMINDERS_ENABLED: 'false' });
  const app = await buildApp({ config });
  const contracts = app.calendars.all().map((calendar) => ({ insurer: calendar.file.insurer, year: calendar.file.year, status: 'existing' }));
  const created = await app.inject({
    method: 'POST',
    url: '/api/v1/providers',
    headers: { authorization: `Bearer ${ADMIN}` },
    payload: { name: 'Verloskundigen De Wieg, Zuid; Noord — ë', agb: '01234567', kinds: ['verloskunde', 'echoscopie'], contracts, contacts: [{ email: 'planning@dewieg.example' }] },
  });
  if (created.statusCode !== 201) throw new Error(`seeding failed: ${created.body}`);
  const path = new URL(created.json().feedUrl as string).pathname;
  const token = path.slice('/feeds/'.length, -'.ics'.length);
  await app.listen({ port: 0, host: '127.0.0.1' });
  const port = (app.server.address() as { port: number }).port;
  process.on('message', async (message: Command) => {
    if (message.cmd === 'cold') {
      let renders = 0;
      const started = performance.now();
      while (performance.now() - started < message.seconds * 1000) {
        app.feeds.cache.clear();
        app.feeds.providerFeed(token);
        renders++;
      }
      app.feeds.providerFeed(token);
      process.send!({ feedsPerSecond: renders / ((performance.now() - started) / 1000), renders } satisfies Reply);
    } else if (message.cmd === 'stop') {
      await app.close();
      rmSync(dir, { recursive: true, force: true });
      process.exit(0);
    }
  });
  process.send!({ port, path } satisfies Reply);
}

/** Child: Fastify with one route and nothing else, answering the feed's bytes and headers. */
async function serveBare(): Promise<void> {
  process.once('message', async (message: Command) => {
    if (message.cmd !== 'bare') return;
    const body = Buffer.from(message.body, 'base64');
    const bare = Fastify();
    bare.get('/feed.ics', async (_request, reply) => reply.headers(message.headers).send(body));
    await bare.listen({ port: 0, host: '127.0.0.1' });
    process.send!({ port: (bare.server.address() as { port: number }).port, path: '/feed.ics' } satisfies Reply);
    process.on('message', (next: Command) => {
      if (next.cmd === 'stop') void bare.close().then(() => process.exit(0));
    });
  });
}

function child(mode: 'app' | 'bare'): ChildProcess {
  // fork keeps this process's execArgv, so the child runs under tsx as well.
  return fork(fileURLToPath(import.meta.url), ['--serve', mode], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
}

function ask<T extends Reply>(process: ChildProcess, command?: Command): Promise<T> {
  return new Promise((resolve, reject) => {
    process.once('message', (message) => resolve(message as T));
    process.once('exit', (code) => reject(new Error(`child exited with ${code}`)));
    if (command) process.send(command);
  });
}

async function load(url: string, seconds: number, connections: number) {
  const result = await autocannon({ url, connections, duration: seconds });
  return { rps: result.requests.average, p99: result.latency.p99, errors: result.errors + result.timeouts + result.non2xx };
}

async function main(): Promise<void> {
  const rounds = Number(values.rounds);
  const seconds = Number(values.seconds);
  const connections = Number(values.connections);
  const appChild = child('app');
  const bareChild = child('bare');
  try {
    const served = await ask<{ port: number; path: string }>(appChild);
    const appUrl = `http://127.0.0.1:${served.port}${served.path}`;
    // Warm the cache; the bare route gets these exact bytes and the same entity headers.
    const warm = await fetch(appUrl);
    const body = Buffer.from(await warm.arrayBuffer());
    const headers = Object.fromEntries(['content-type', 'etag', 'last-modified', 'cache-control'].map((name) => [name, warm.headers.get(name) ?? '']));
    const bare = await ask<{ port: number; path: string }>(bareChild, { cmd: 'bare', body: body.toString('base64'), headers });
    const bareUrl = `http://127.0.0.1:${bare.port}${bare.path}`;
    const check = Buffer.from(await (await fetch(bareUrl)).arrayBuffer());
    if (warm.status !== 200 || !check.equals(body)) throw new Error('the bare route does not answer the feed\'s bytes');

    const feedRuns: Awaited<ReturnType<typeof load>>[] = [];
    const bareRuns: Awaited<ReturnType<typeof load>>[] = [];
    await load(appUrl, 2, connections); // JIT warm-up of both servers, not counted
    await load(bareUrl, 2, connections);
    for (let round = 0; round < rounds; round++) {
      bareRuns.push(await load(bareUrl, seconds, connections));
      feedRuns.push(await load(appUrl, seconds, connections));
      console.log(`round ${round + 1}: bare ${Math.round(bareRuns[round].rps)} req/s, feed ${Math.round(feedRuns[round].rps)} req/s (p99 ${feedRuns[round].p99} ms)`);
    }
    const cold = await ask<{ feedsPerSecond: number; renders: number }>(appChild, { cmd: 'cold', seconds: 5 });

    const bareRps = median(bareRuns.map((run) => run.rps));
    const feedRps = median(feedRuns.map((run) => run.rps));
    const ratio = feedRps / bareRps;
    const feedP99 = median(feedRuns.map((run) => run.p99));
    const errors = [...feedRuns, ...bareRuns].reduce((sum, run) => sum + run.errors, 0);
    const events = (body.toString('utf8').match(/^BEGIN:VEVENT\r$/gm) ?? []).length;
    table(`iCal feed, cached (${rounds} alternating rounds × ${seconds} s, ${connections} connections, median)`, {
      'feed size': `${(body.length / 1024).toFixed(1)} KB, ${events} events`,
      'bare Fastify route req/s': Math.round(bareRps),
      'feed route req/s': Math.round(feedRps),
      'feed / bare (target ≥ 0.50)': ratio.toFixed(2),
      'feed latency p99 (target ≤ 10 ms)': `${feedP99} ms`,
      'bare latency p99': `${median(bareRuns.map((run) => run.p99))} ms`,
      'errors, timeouts, non-2xx (target 0)': errors,
      'cold render (cache cleared) feeds/s': Math.round(cold.feedsPerSecond),
      'cold render ms per feed': (1000 / cold.feedsPerSecond).toFixed(2),
      targets: ratio >= 0.5 && feedP99 <= 10 && errors === 0 ? 'met' : 'NOT met',
    });
    if (!(ratio >= 0.5 && feedP99 <= 10 && errors === 0)) process.exitCode = 1;
  } finally {
    for (const running of [appChild, bareChild]) if (running.exitCode === null && running.connected) running.send({ cmd: 'stop' } satisfies Command);
  }
}

if (values.serve === 'app') await serveApp();
else if (values.serve === 'bare') await serveBare();
else await main();
