import { spawn } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { ADMIN_KEY, removeTempDir, tempDir } from '../helper.js';
import { ROOT, startServer } from '../process.js';
import type { ProbeFigures } from './health-probe.js';
import type { LoadFigures, LoadSettings } from './load-generator.js';

/**
 * Saturation (issue 12): 200 closed-loop connections flat out (each sends its next request as soon as the last is
 * answered) against the real server with its default settings. No answered request waits over 2 s (before the request
 * queue, the last of 200 new connections waited 8–10 s to be accepted), nothing times out, /health keeps answering,
 * and whatever is shed is a 503 problem with Retry-After. How much is shed depends on the machine's speed (here a
 * request waits about 100 ms behind the other 199, the limit is 200 ms), so the figure is printed, not asserted;
 * test/api/overload.test.ts shows that a request past the limit is shed. The load generator and the /health probe
 * each run in their own process, as real clients would, so neither's own work is counted as the server's.
 */
const SECONDS = 20;
const CONNECTIONS = 200;
const WARM_UP_SECONDS = 3; // load-generator.ts

/** Setting up on a busy machine: a shed request is retried after its Retry-After, as clients should. */
async function served(url: string, init?: RequestInit): Promise<Response> {
  for (let attempt = 0; ; attempt++) {
    const response = await fetch(url, init);
    if (response.status !== 503 || attempt === 30) return response;
    await response.arrayBuffer();
    await new Promise((resolve) => setTimeout(resolve, Number(response.headers.get('retry-after') ?? 1) * 1000));
  }
}

/** A script of this folder in its own Node process; resolves with the JSON line it prints. */
function runScript<T>(script: string, settings: object): Promise<T> {
  const child = spawn(process.execPath, ['--import', 'tsx', `test/overload/${script}`, JSON.stringify(settings)], {
    cwd: ROOT,
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

describe('overload', () => {
  it(`${CONNECTIONS} closed-loop connections flat out: every answer within 2 s, nothing times out, what is shed is a 503 with Retry-After, /health answers`, async () => {
    const dir = tempDir();
    const server = await startServer({
      DATABASE_PATH: `${dir}/overload.db`,
      ADMIN_API_KEY: ADMIN_KEY,
      TODAY: '2026-09-15',
      LOG_LEVEL: 'warn',
      OVERLOAD_MAX_DELAY_MS: '200',
    }); // the default
    try {
      const headers = { authorization: `Bearer ${ADMIN_KEY}`, 'content-type': 'application/json' };
      const calendars = (
        (await (await served(`${server.baseUrl}/api/v1/calendars`)).json()) as {
          items: { insurer: string; year: number }[];
        }
      ).items;
      const paths: string[] = [];
      for (let i = 0; i < 20; i++) {
        const response = await served(`${server.baseUrl}/api/v1/providers`, {
          method: 'POST',
          headers,
          body: JSON.stringify({
            name: `Praktijk ${i}`,
            agb: String(50_000_000 + i),
            kinds: [['verloskunde', 'kraamzorg'][i % 2]],
            contracts: calendars.map((c) => ({ insurer: c.insurer, year: c.year, status: 'existing' })),
          }),
        });
        expect(response.status).toBe(201);
        const provider = (await response.json()) as { id: string; feedUrl: string };
        paths.push(`/api/v1/providers/${provider.id}/timeline`, new URL(provider.feedUrl).pathname);
      }

      const settings: LoadSettings = {
        url: server.baseUrl,
        paths,
        apiKey: ADMIN_KEY,
        connections: CONNECTIONS,
        seconds: SECONDS,
      };
      const loading = runScript<LoadFigures>('load-generator.ts', settings);
      // While it runs flat out (after its warm-up and the first 2 s): /health answers promptly, and what is shed is a
      // 503 problem with Retry-After.
      await new Promise((resolve) => setTimeout(resolve, (WARM_UP_SECONDS + 2) * 1000));
      const probing = runScript<ProbeFigures>('health-probe.ts', {
        url: server.baseUrl,
        apiPath: paths[0],
        apiKey: ADMIN_KEY,
        seconds: SECONDS - 4,
      });
      const [load, probe] = await Promise.all([loading, probing]);

      console.info(
        `overload: ${load.total} answers in ${SECONDS} s over ${CONNECTIONS} connections (${load.perSecond}/s; ${load.ok} 2xx, ${load.shed} shed with 503), ` +
          `p50 ${load.p50} ms, p99 ${load.p99} ms, max ${load.max} ms; /health max ${Math.max(...probe.health)} ms over ${probe.health.length} probes, ` +
          `${probe.shed.length} of ${probe.apiStatuses.length} probe API requests shed`,
      );
      expect(load.errors, 'connection errors').toBe(0);
      expect(load.timeouts, 'timeouts').toBe(0);
      expect(load.max, 'slowest answer (ms)').toBeLessThan(2000);
      expect(load.ok).toBeGreaterThan(0);
      expect(load.shed, 'every answer other than 2xx is a 503').toBe(load.non2xx);
      expect(load.badSheds, 'every 503 carries Retry-After and is problem+json').toBe(0);
      expect(probe.apiStatuses.every((status) => status === 200 || status === 503)).toBe(true);
      expect(probe.shed.every((s) => s.retryAfter === '1' && s.type?.startsWith('application/problem+json'))).toBe(
        true,
      );
      expect(probe.health.length).toBeGreaterThan(5);
      expect(Math.min(...probe.health), 'every /health answered 200').toBeGreaterThanOrEqual(0);
      expect(Math.max(...probe.health), '/health under load (ms)').toBeLessThan(2000);
    } finally {
      server.child.kill('SIGKILL');
      await server.exited;
      removeTempDir(dir);
    }
  }, 120_000);
});
