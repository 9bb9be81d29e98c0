import { describe, expect, it } from 'vitest';
import { ADMIN_KEY, removeTempDir, tempDir } from '../../helper.js';
import { startServer } from '../../process.js';

/**
 * A fresh process is not overloaded: the event-loop delay of its own start-up (loading calendars, compiling schemas)
 * must not shed its first callers. Before the fix a lone client, one request at a time, got 503s for its first
 * quarter second in about one start of three; three starts here.
 */
describe('overload shedding after start-up', () => {
  it('answers a lone client right after a fresh start without 503', async () => {
    const dir = tempDir();
    try {
      for (let start = 0; start < 3; start++) {
        const server = await startServer({
          DATABASE_PATH: `${dir}/start-${start}.db`,
          ADMIN_API_KEY: ADMIN_KEY,
          OVERLOAD_MAX_DELAY_MS: '200',
        });
        try {
          const statuses: number[] = [];
          const until = Date.now() + 1000;
          while (Date.now() < until) {
            const response = await fetch(`${server.baseUrl}/api/v1/calendars`);
            await response.arrayBuffer();
            statuses.push(response.status);
          }
          expect(statuses.length).toBeGreaterThan(10);
          expect(
            statuses.filter((status) => status !== 200),
            `start ${start}`,
          ).toEqual([]);
        } finally {
          server.child.kill('SIGKILL');
          await server.exited;
        }
      }
    } finally {
      removeTempDir(dir);
    }
  }, 60_000);
});
