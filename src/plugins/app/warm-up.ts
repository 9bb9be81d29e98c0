import { Agent, createServer, request as httpRequest, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';

/**
 * Rounds of each kind of request: the first loads the code and the route's compiled schemas, the next ones run it
 * again until it is compiled; more rounds measured no faster first answers in bench:startup.
 */
const ROUNDS = 4;
/** Steps of a timeline tried for the recorded event: the first that can be recorded on today is enough. */
const EVENT_TRIES = 5;
/** A warm-up request that takes longer than this ends the warm-up: start-up must not hang on it. */
const REQUEST_TIMEOUT_MS = 5_000;

/** What a warm-up did: answers by status, and how long it took. */
export interface WarmUpReport {
  answers: Record<string, number>;
  ms: number;
}

interface Answer {
  statusCode: number;
  json: <T>() => T;
}

interface WarmUpRequest {
  method?: 'GET' | 'POST';
  url: string;
  headers?: Record<string, string>;
  body?: unknown;
}

/**
 * Before the service takes its first request: each kind of request (create a provider, read it, its timeline, its
 * feed, its page, record an event, list its events) answered a few times, over real HTTP on a loopback port of its
 * own through the service's own routing (socket, parser and reply code are cold too), so the first person after a
 * start does not wait for code to be loaded and compiled (issue 23 §3).
 * Everything it writes is in one transaction that is rolled back: the database is as it was, and a crash during the
 * warm-up leaves nothing behind. It runs before anything else may use the database: an onReady hook added before the
 * service's own (which start the reminder schedule and the webhook deliveries), and the service does not listen yet.
 * Its requests are not logged one by one, are not counted in /metrics, and what they left in the answer cache is
 * dropped; the other caches hold entries of ids that were rolled back, which no request will ever ask for.
 */
export async function warmUp(fastify: FastifyInstance): Promise<WarmUpReport> {
  const started = performance.now();
  const answers: Record<string, number> = {};
  const level = fastify.log.level;
  const server = createServer(fastify.routing);
  const agent = new Agent({ keepAlive: true, maxSockets: 1 });
  fastify.log.level = 'warn';
  fastify.db.exec('BEGIN');
  try {
    const port = await listenOnLoopback(server);
    const request = async (options: WarmUpRequest) => {
      const answer = await send(agent, port, options);
      answers[answer.statusCode] = (answers[answer.statusCode] ?? 0) + 1;
      return answer;
    };
    const { key } = fastify.store.apiKeys.create('start-up warm-up (rolled back)', true);
    const headers = { authorization: `Bearer ${key}` };
    const contracts = fastify.calendars.all().map((calendar) => ({
      insurer: calendar.file.insurer,
      year: calendar.file.year,
      status: 'new',
    }));
    const today = fastify.today();
    for (let round = 0; round < ROUNDS; round++) {
      const created = await request({
        method: 'POST',
        url: '/api/v1/providers',
        headers,
        body: {
          name: `Opwarmen ${round}`,
          agb: String(99_999_000 + round),
          kinds: ['verloskunde'],
          contracts,
          contacts: [{ email: `opwarmen${round}@example.invalid` }],
        },
      });
      if (created.statusCode !== 201) continue;
      const provider = created.json<{ id: string; feedUrl: string }>();
      const feed = new URL(provider.feedUrl).pathname;
      await request({ url: `/api/v1/providers/${provider.id}`, headers });
      const timeline = await request({ url: `/api/v1/providers/${provider.id}/timeline`, headers });
      await request({ url: feed });
      await request({ url: feed.replace(/\.ics$/, '.html') });
      const items = timeline.json<{ items?: { id: string; actor: string; due: string | null }[] }>().items ?? [];
      const recordable = items.filter((item) => item.actor === 'provider' && item.due !== null).slice(0, EVENT_TRIES);
      for (const item of recordable) {
        const recorded = await request({
          method: 'POST',
          url: `/api/v1/providers/${provider.id}/events`,
          headers,
          body: { item: item.id, date: today },
        });
        if (recorded.statusCode === 201) break;
      }
      await request({ url: `/api/v1/providers/${provider.id}/events`, headers });
    }
  } finally {
    agent.destroy();
    server.closeAllConnections();
    server.close();
    if (fastify.db.inTransaction) fastify.db.exec('ROLLBACK');
    fastify.log.level = level;
    // What the warm-up's requests left: counts, and cached answers of providers that were never stored.
    fastify.metrics.resetCounters();
    fastify.answerCache.clear();
  }
  return { answers, ms: Math.round(performance.now() - started) };
}

/** Listens on a free loopback port; rejects when it cannot (the warm-up is then skipped, not the start). */
function listenOnLoopback(server: Server): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve((server.address() as AddressInfo).port));
  });
}

function send(agent: Agent, port: number, options: WarmUpRequest): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const body = options.body === undefined ? undefined : JSON.stringify(options.body);
    const outgoing = httpRequest(
      {
        host: '127.0.0.1',
        port,
        agent,
        method: options.method ?? 'GET',
        path: options.url,
        headers: { ...options.headers, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
        timeout: REQUEST_TIMEOUT_MS,
      },
      (incoming) => {
        const chunks: Buffer[] = [];
        incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
        incoming.on('error', reject);
        incoming.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          resolve({ statusCode: incoming.statusCode ?? 0, json: <T>() => JSON.parse(text) as T });
        });
      },
    );
    outgoing.on('timeout', () => outgoing.destroy(new Error(`warm-up request ${options.url} took over 5 s`)));
    outgoing.on('error', reject);
    outgoing.end(body);
  });
}
