import { spawn, type ChildProcess } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { ADMIN_KEY, removeTempDir, tempDir } from '../helper.js';
import { startServer } from '../process.js';

/**
 * A lone client is never shed: one client sending its requests one after another (nothing queued before any of
 * them) against the real server with its default shedding, while two CPU burners keep both cores of a small machine
 * busy and the event loop's delay rises with them. Every request of the create, timeline, feed and record cycle is
 * answered 2xx. Bounded: the burners stop by themselves after BURN_SECONDS and are killed when the test ends.
 */
const CYCLES = 125; // × 4 requests
const BURNERS = 2;
const BURN_SECONDS = 100;

function burner(): ChildProcess {
  return spawn(process.execPath, ['-e', `const end = Date.now() + ${BURN_SECONDS * 1000}; while (Date.now() < end);`], {
    stdio: 'ignore',
  });
}

describe('a lone client on a busy machine', () => {
  it(`${CYCLES * 4} sequential API and feed requests beside ${BURNERS} CPU burners: every one answered 2xx`, async () => {
    const dir = tempDir();
    const server = await startServer({
      DATABASE_PATH: `${dir}/lone.db`,
      ADMIN_API_KEY: ADMIN_KEY,
      TODAY: '2026-09-15',
      LOG_LEVEL: 'warn',
      OVERLOAD_MAX_DELAY_MS: '200', // the default
    });
    const burners = Array.from({ length: BURNERS }, burner);
    try {
      const headers = { authorization: `Bearer ${ADMIN_KEY}`, 'content-type': 'application/json' };
      const statuses: { what: string; status: number }[] = [];
      const call = async (what: string, url: string, init?: RequestInit) => {
        const response = await fetch(`${server.baseUrl}${url}`, { ...init, signal: AbortSignal.timeout(10_000) });
        statuses.push({ what, status: response.status });
        return response;
      };
      const calendars = (
        (await (await call('calendars', '/api/v1/calendars')).json()) as {
          items: { insurer: string; year: number }[];
        }
      ).items;
      const contracts = calendars.map((c) => ({ insurer: c.insurer, year: c.year, status: 'existing' }));
      let item: string | undefined;
      const started = performance.now();
      for (let i = 0; i < CYCLES; i++) {
        const created = await call('create provider', '/api/v1/providers', {
          method: 'POST',
          headers,
          body: JSON.stringify({
            name: `Praktijk ${i}`,
            agb: String(60_000_000 + i),
            kinds: ['verloskunde'],
            contracts,
          }),
        });
        const provider = (await created.json()) as { id: string; feedUrl: string };
        const timeline = await call('timeline', `/api/v1/providers/${provider.id}/timeline`, { headers });
        const items = ((await timeline.json()) as { items: { id: string }[] }).items;
        const feed = await call('feed', new URL(provider.feedUrl).pathname);
        await feed.arrayBuffer();
        // The first item recordable today; the same for every provider (same calendars and contracts).
        for (const candidate of item ? [item] : items.map((it) => it.id)) {
          const recorded = await fetch(`${server.baseUrl}/api/v1/providers/${provider.id}/events`, {
            method: 'POST',
            headers,
            body: JSON.stringify({ item: candidate, date: '2026-09-15' }),
            signal: AbortSignal.timeout(10_000),
          });
          await recorded.arrayBuffer();
          if (recorded.status === 400 && !item) continue;
          statuses.push({ what: 'record event', status: recorded.status });
          item = candidate;
          break;
        }
      }
      const seconds = (performance.now() - started) / 1000;
      const failed = statuses.filter((s) => s.status < 200 || s.status > 299);
      console.info(
        `lone client beside ${BURNERS} CPU burners: ${statuses.length} requests in ${seconds.toFixed(1)} s, ${failed.length} not 2xx` +
          (failed.length ? ` (${JSON.stringify(failed.slice(0, 5))})` : ''),
      );
      expect(statuses.length).toBe(CYCLES * 4 + 1);
      expect(failed).toEqual([]);
    } finally {
      for (const b of burners) b.kill('SIGKILL');
      server.child.kill('SIGKILL');
      await server.exited;
      removeTempDir(dir);
    }
  }, 120_000);
});
