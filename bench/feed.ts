/**
 * A provider's cached iCal feed against a bare Fastify route that returns the same bytes, side by side in one run.
 * The real app (buildApp from the build in dist, SQLite file, both calendars, LOG_LEVEL=warn) and the bare route
 * listen on loopback in two child processes; autocannon (50 connections) loads them in alternating rounds from this
 * process.
 * Targets (issues 4 and 13): feed ≥ 50 % of the bare route's requests per second, p99 ≤ 10 ms, no errors; a feed
 * rendered cold after a recorded event (the provider's feed counter moved: timeline, stored state, the changed
 * VEVENTs through ical-generator, ETag) in ≤ 3 ms, median of renders alternating a recorded and an undone event.
 * Also shown: a render with nothing cached (no feed, no VEVENT fragments), and ical-generator's folding alone.
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
import { foldLines } from 'ical-generator';
import { median, reportTargets, settle, table } from './report.js';

const { values } = parseArgs({
  options: {
    rounds: { type: 'string', default: '3' },
    seconds: { type: 'string', default: '10' },
    connections: { type: 'string', default: '50' },
    serve: { type: 'string' },
  },
});
// Measured on a quiet machine: what the bench before this one left running is waited out (once, not in its children).
if (values.serve === undefined) await settle();

const ADMIN = 'Bench-Admin-Key-0123456789-abcdefghXYZ';

type Command =
  { cmd: 'cold'; seconds: number } | { cmd: 'stop' } | { cmd: 'bare'; body: string; headers: Record<string, string> };
interface ColdFigures {
  /** Milliseconds per render after a recorded or undone event: median and 90th percentile. */
  afterEvent: { median: number; p90: number; renders: number; veventsRendered: number };
  /** Milliseconds per render with the feed cache and the VEVENT fragments cleared. */
  nothingCached: { median: number; renders: number };
  /** ical-generator's foldLines over the whole feed text, milliseconds. */
  foldWhole: number;
  chars: number;
}
type Reply = { port: number; path: string } | ColdFigures;

function percentile(values: number[], fraction: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * fraction))]!;
}

/** Runs `body` for about `seconds`, timing each call after `before` (not timed). */
function timed(seconds: number, before: () => void, body: () => void): number[] {
  const times: number[] = [];
  const started = performance.now();
  while (performance.now() - started < seconds * 1000) {
    before();
    const t = performance.now();
    body();
    times.push(performance.now() - t);
  }
  return times;
}

/** A child's message handler: a failure ends the child with its error, which the parent sees as the child's exit. */
function orExit(handler: (message: Command) => Promise<void>): (message: Command) => void {
  return (message) => {
    handler(message).catch((error: unknown) => {
      console.error(error);
      process.exit(1);
    });
  };
}

/** Child: the real service with one provider under contract with every calendar, its feed rendered once. */
async function serveApp(): Promise<void> {
  // The service as it runs: the build in dist (npm run build first), typed by its source.
  const built = '../dist';
  const { buildApp } = (await import(`${built}/app.js`)) as typeof import('../src/app.js');
  const { loadConfig } = (await import(`${built}/config.js`)) as typeof import('../src/config.js');
  const dir = mkdtempSync(join(tmpdir(), 'gzd-bench-feed-'));
  const config = loadConfig({
    DATABASE_PATH: join(dir, 'bench.db'),
    ADMIN_API_KEY: ADMIN,
    LOG_LEVEL: 'warn',
    RATE_LIMIT_PER_MINUTE: '0',
    REMINDERS_ENABLED: 'false',
    // Pinned, like bench/api.ts: the timeline and its feed are the same on whatever day the bench runs.
    TODAY: '2027-03-12',
  });
  const app = await buildApp({ config });
  const contracts = app.calendars
    .all()
    .map((calendar) => ({ insurer: calendar.file.insurer, year: calendar.file.year, status: 'existing' }));
  const created = await app.inject({
    method: 'POST',
    url: '/api/v1/providers',
    headers: { authorization: `Bearer ${ADMIN}` },
    payload: {
      name: 'Verloskundigen De Wieg, Zuid; Noord — ë',
      agb: '01234567',
      kinds: ['verloskunde', 'echoscopie'],
      contracts,
      contacts: [{ email: 'planning@dewieg.example' }],
    },
  });
  if (created.statusCode !== 201) throw new Error(`seeding failed: ${created.body}`);
  const provider = created.json() as { id: string; feedUrl: string };
  const path = new URL(provider.feedUrl).pathname;
  const token = path.slice('/feeds/'.length, -'.ics'.length);
  // A step that can be recorded today: the cold render follows recording it and undoing it, in turn.
  const timeline = await app.inject({
    url: `/api/v1/providers/${provider.id}/timeline`,
    headers: { authorization: `Bearer ${ADMIN}` },
  });
  let step: { item: string; event: string } | undefined;
  for (const item of timeline.json().items as { id: string; actor: string; due: string | null }[]) {
    if (item.actor !== 'provider' || item.due === null) continue;
    const recorded = await app.inject({
      method: 'POST',
      url: `/api/v1/providers/${provider.id}/events`,
      headers: { authorization: `Bearer ${ADMIN}` },
      payload: { item: item.id, date: app.today() },
    });
    if (recorded.statusCode === 201) {
      step = { item: item.id, event: (recorded.json() as { id: string }).id };
      break;
    }
  }
  if (!step) throw new Error('no step of the bench provider can be recorded today');
  const recordedBy = app.store.providers.getByFeedToken(token)!.ownerKeyId;
  await app.listen({ port: 0, host: '127.0.0.1' });
  const port = (app.server.address() as { port: number }).port;
  const onMessage = async (message: Command) => {
    if (message.cmd === 'cold') {
      const render = () => void app.feeds.providerFeed(token)!;
      let recorded = true;
      timed(1, () => app.feeds.cache.clear(), render); // warm-up, not counted
      const fragmentsBefore = app.feeds.fragments.size;
      const afterEvent = timed(
        message.seconds,
        () => {
          // What a POST or DELETE of /events does to the store; the route's own cost is not part of the render.
          if (recorded) app.store.events.undo(provider.id, step.event, recordedBy);
          else step.event = app.store.events.record(provider.id, { item: step.item, date: app.today() }, recordedBy).id;
          recorded = !recorded;
        },
        render,
      );
      const veventsRendered = app.feeds.fragments.size - fragmentsBefore;
      const nothingCached = timed(
        message.seconds / 2,
        () => {
          app.feeds.cache.clear();
          app.feeds.fragments.clear();
        },
        render,
      );
      const text = app.feeds.providerFeed(token)!.body.toString('utf8');
      const folds = timed(
        1,
        () => {},
        () => void foldLines(text),
      );
      process.send!({
        afterEvent: {
          median: median(afterEvent),
          p90: percentile(afterEvent, 0.9),
          renders: afterEvent.length,
          veventsRendered: veventsRendered / afterEvent.length,
        },
        nothingCached: { median: median(nothingCached), renders: nothingCached.length },
        foldWhole: median(folds),
        chars: text.length,
      } satisfies Reply);
    } else if (message.cmd === 'stop') {
      await app.close();
      rmSync(dir, { recursive: true, force: true });
      process.exit(0);
    }
  };
  process.on('message', orExit(onMessage));
  process.send!({ port, path } satisfies Reply);
}

/** Child: Fastify with one route and nothing else, answering the feed's bytes and headers. */
async function serveBare(): Promise<void> {
  const onMessage = async (message: Command) => {
    if (message.cmd !== 'bare') return;
    const body = Buffer.from(message.body, 'base64');
    const bare = Fastify();
    bare.get('/feed.ics', async (_request, reply) => reply.headers(message.headers).send(body));
    await bare.listen({ port: 0, host: '127.0.0.1' });
    process.send!({ port: (bare.server.address() as { port: number }).port, path: '/feed.ics' } satisfies Reply);
    process.on('message', (next: Command) => {
      if (next.cmd === 'stop') void bare.close().then(() => process.exit(0));
    });
  };
  process.once('message', orExit(onMessage));
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
  return {
    rps: result.requests.average,
    p99: result.latency.p99,
    errors: result.errors + result.timeouts + result.non2xx,
  };
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
    // Just after start-up the overload shedding may still answer 503 ("try again in a second"): try again.
    let warm = await fetch(appUrl);
    for (let attempt = 0; warm.status === 503 && attempt < 20; attempt++) {
      await warm.arrayBuffer();
      await new Promise((resolve) => setTimeout(resolve, 100));
      warm = await fetch(appUrl);
    }
    const body = Buffer.from(await warm.arrayBuffer());
    const headers = Object.fromEntries(
      ['content-type', 'etag', 'last-modified', 'cache-control'].map((name) => [name, warm.headers.get(name) ?? '']),
    );
    const bare = await ask<{ port: number; path: string }>(bareChild, {
      cmd: 'bare',
      body: body.toString('base64'),
      headers,
    });
    const bareUrl = `http://127.0.0.1:${bare.port}${bare.path}`;
    const check = Buffer.from(await (await fetch(bareUrl)).arrayBuffer());
    if (warm.status !== 200 || !check.equals(body)) throw new Error("the bare route does not answer the feed's bytes");

    const feedRuns: Awaited<ReturnType<typeof load>>[] = [];
    const bareRuns: Awaited<ReturnType<typeof load>>[] = [];
    await load(appUrl, 2, connections); // JIT warm-up of both servers, not counted
    await load(bareUrl, 2, connections);
    for (let round = 0; round < rounds; round++) {
      bareRuns.push(await load(bareUrl, seconds, connections));
      feedRuns.push(await load(appUrl, seconds, connections));
      console.log(
        `round ${round + 1}: bare ${Math.round(bareRuns[round].rps)} req/s, feed ${Math.round(feedRuns[round].rps)} req/s (p99 ${feedRuns[round].p99} ms)`,
      );
    }
    const cold = await ask<ColdFigures>(appChild, { cmd: 'cold', seconds: 5 });

    const bareRps = median(bareRuns.map((run) => run.rps));
    const feedRps = median(feedRuns.map((run) => run.rps));
    const ratio = feedRps / bareRps;
    const feedP99 = median(feedRuns.map((run) => run.p99));
    const errors = [...feedRuns, ...bareRuns].reduce((sum, run) => sum + run.errors, 0);
    const events = (body.toString('utf8').match(/^BEGIN:VEVENT\r$/gm) ?? []).length;
    const ms = (value: number) => `${value.toFixed(2)} ms`;
    table(`iCal feed (${rounds} alternating rounds × ${seconds} s, ${connections} connections, median)`, {
      'feed size': `${(body.length / 1024).toFixed(1)} KB, ${events} events`,
      'bare Fastify route req/s': Math.round(bareRps),
      'feed route req/s (cached)': Math.round(feedRps),
      'feed / bare': ratio.toFixed(2),
      'feed latency p99': `${feedP99} ms`,
      'bare latency p99': `${median(bareRuns.map((run) => run.p99))} ms`,
      'errors, timeouts, non-2xx': errors,
      'render after a recorded/undone event, median': ms(cold.afterEvent.median),
      'render after a recorded/undone event, p90': ms(cold.afterEvent.p90),
      'VEVENTs rendered per such render': cold.afterEvent.veventsRendered.toFixed(1),
      'render with nothing cached (no feed, no VEVENTs), median': ms(cold.nothingCached.median),
      [`ical-generator foldLines alone over the whole feed (${cold.chars} chars)`]: ms(cold.foldWhole),
    });
    const results = [
      {
        what: 'cached feed vs bare Fastify route, same bytes',
        target: 'ratio ≥ 0.80',
        measured: `${Math.round(feedRps)} vs ${Math.round(bareRps)} req/s: ${ratio.toFixed(2)}`,
        met: ratio >= 0.8,
      },
      { what: 'cached feed p99, 50 connections', target: '≤ 10 ms', measured: `${feedP99} ms`, met: feedP99 <= 10 },
      { what: 'cached feed errors', target: '0', measured: String(errors), met: errors === 0 },
      {
        what: `feed rendered cold after a recorded event (${events} events)`,
        target: '≤ 3 ms',
        measured: `${ms(cold.afterEvent.median)} median, p90 ${ms(cold.afterEvent.p90)} (nothing cached: ${ms(cold.nothingCached.median)})`,
        met: cold.afterEvent.median <= 3,
      },
    ];
    reportTargets('feed', results);
    // Unmet targets are reported by bench:summary; the other benches still run.
  } finally {
    for (const running of [appChild, bareChild])
      if (running.exitCode === null && running.connected) running.send({ cmd: 'stop' } satisfies Command);
  }
}

if (values.serve === 'app') await serveApp();
else if (values.serve === 'bare') await serveBare();
else await main();
