import autocannon from 'autocannon';
import { describe, expect, it } from 'vitest';
import { ADMIN_KEY, removeTempDir, tempDir } from '../helper.js';
import { startServer } from '../process.js';

/**
 * Not in `npm test` (run it with `npm run test:overload`): its 2 s bound on every answer is not met yet (issue 12;
 * measured on 23 November 2026, 2 vCPU: p99 476 ms but the slowest answer 8.2 s and /health 6.1 s).
 * Saturation: 200 closed-loop connections flat out (each sends its next request as soon as the last is answered)
 * against the real server. The service sheds what it cannot serve with a quick 503 and Retry-After
 * (@fastify/under-pressure on the event-loop delay) instead of letting requests queue: no answered request waits
 * over 2 s, nothing times out, and /health keeps answering.
 */
const SECONDS = 20;
const CONNECTIONS = 200;

/** Setting up on a busy machine: a shed request is retried after its Retry-After, as clients should. */
async function served(url: string, init?: RequestInit): Promise<Response> {
  for (let attempt = 0; ; attempt++) {
    const response = await fetch(url, init);
    if (response.status !== 503 || attempt === 30) return response;
    await response.arrayBuffer();
    await new Promise((resolve) => setTimeout(resolve, Number(response.headers.get('retry-after') ?? 1) * 1000));
  }
}

describe('overload', () => {
  it(`${CONNECTIONS} closed-loop connections flat out: every answer within 2 s, 503 with Retry-After when saturated, /health answers`, async () => {
    const dir = tempDir();
    const server = await startServer({ DATABASE_PATH: `${dir}/overload.db`, ADMIN_API_KEY: ADMIN_KEY, TODAY: '2026-09-15', LOG_LEVEL: 'warn', OVERLOAD_MAX_DELAY_MS: '200' });
    try {
      const headers = { authorization: `Bearer ${ADMIN_KEY}`, 'content-type': 'application/json' };
      const calendars = ((await (await served(`${server.baseUrl}/api/v1/calendars`)).json()) as { items: { insurer: string; year: number }[] }).items;
      const paths: string[] = [];
      for (let i = 0; i < 20; i++) {
        const response = await served(`${server.baseUrl}/api/v1/providers`, {
          method: 'POST',
          headers,
          body: JSON.stringify({
            name: `Praktijk ${i}`, agb: String(50_000_000 + i), kinds: [['verloskunde', 'kraamzorg'][i % 2]],
            contracts: calendars.map((c) => ({ insurer: c.insurer, year: c.year, status: 'existing' })),
          }),
        });
        expect(response.status).toBe(201);
        const provider = (await response.json()) as { id: string; feedUrl: string };
        paths.push(`/api/v1/providers/${provider.id}/timeline`, new URL(provider.feedUrl).pathname);
      }
      let next = 0;
      const run = (seconds: number) =>
        autocannon({
          url: server.baseUrl,
          connections: CONNECTIONS,
          duration: seconds,
          timeout: 10,
          requests: [{ setupRequest: (request) => ({ ...request, method: 'GET', path: paths[next++ % paths.length]!, headers: { authorization: `Bearer ${ADMIN_KEY}` } }) }],
        });
      await run(3); // warm-up: JIT, caches, SQLite pages, and the connections' first handshakes
      const load = run(SECONDS);

      // While it runs: /health answers promptly, and a shed request is a 503 problem with Retry-After.
      const health: number[] = [];
      const shed: { status: number; retryAfter: string | null; type: string | null }[] = [];
      const probing = (async () => {
        const until = Date.now() + (SECONDS - 2) * 1000;
        await new Promise((resolve) => setTimeout(resolve, 2000));
        while (Date.now() < until) {
          const started = performance.now();
          const response = await fetch(`${server.baseUrl}/health`);
          health.push(response.status === 200 ? performance.now() - started : Infinity);
          const api = await fetch(`${server.baseUrl}${paths[0]}`, { headers });
          if (api.status === 503) shed.push({ status: api.status, retryAfter: api.headers.get('retry-after'), type: api.headers.get('content-type') });
          await api.arrayBuffer();
          await new Promise((resolve) => setTimeout(resolve, 250));
        }
      })();
      const [result] = await Promise.all([load, probing]);

      console.info(
        `overload: ${result.requests.total} answers in ${SECONDS} s over ${CONNECTIONS} connections (${result['2xx']} 2xx, ${result.non2xx} other), ` +
          `p50 ${result.latency.p50} ms, p99 ${result.latency.p99} ms, max ${result.latency.max} ms; /health max ${Math.round(Math.max(...health))} ms over ${health.length} probes`,
      );
      expect(result.errors, 'connection errors').toBe(0);
      expect(result.timeouts, 'timeouts').toBe(0);
      expect(result.latency.max, 'slowest answer (ms)').toBeLessThan(2000);
      expect(result['2xx']).toBeGreaterThan(0);
      expect(result.non2xx, 'shed with 503').toBeGreaterThan(0);
      expect(result.statusCodeStats?.['503']?.count ?? 0).toBe(result.non2xx);
      expect(shed.length).toBeGreaterThan(0);
      expect(shed.every((s) => s.retryAfter === '1' && s.type?.startsWith('application/problem+json'))).toBe(true);
      expect(health.length).toBeGreaterThan(5);
      expect(Math.max(...health), '/health under load (ms)').toBeLessThan(2000);
    } finally {
      server.child.kill('SIGKILL');
      await server.exited;
      removeTempDir(dir);
    }
  }, 120_000);
});
