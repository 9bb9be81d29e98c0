import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/store/database.js';
import { ADMIN_KEY, removeTempDir, tempDir } from '../helper.js';
import { startServer } from '../process.js';

/**
 * SIGKILL of the real server while clients create providers with an Idempotency-Key; every request the kill left
 * unanswered is sent again, same key and body, to the restarted server. A write committed without its answer must
 * then be answered, not made twice: each request is stored exactly once.
 */
const KILLS = 8;
const WRITERS = 4;

interface Pending {
  key: string;
  body: string;
}

describe('SIGKILL during writes with Idempotency-Key, then the unanswered requests retried', () => {
  it(`stores every request exactly once, ${KILLS} kills`, async () => {
    const dir = tempDir();
    const databasePath = `${dir}/retries.db`;
    const answered = new Map<string, string>(); // Idempotency-Key → provider id
    let unanswered: Pending[] = [];
    let unansweredTotal = 0;
    let agb = 20_000_000;
    let replayed = 0; // retries of a write the kill committed without its answer
    const send = async (baseUrl: string, request: Pending) => {
      const response = await fetch(`${baseUrl}/api/v1/providers`, {
        method: 'POST',
        headers: {
          authorization: `Bearer ${ADMIN_KEY}`,
          'content-type': 'application/json',
          'idempotency-key': request.key,
        },
        body: request.body,
      });
      if (response.status !== 201) throw new Error(`unexpected ${response.status}: ${await response.text()}`);
      if (response.headers.get('idempotent-replayed') === 'true') replayed++;
      const id = ((await response.json()) as { id: string }).id;
      const before = answered.get(request.key);
      if (before !== undefined && before !== id) throw new Error(`${request.key} answered ${before} and then ${id}`);
      answered.set(request.key, id);
    };
    try {
      for (let round = 0; round <= KILLS; round++) {
        const server = await startServer({
          DATABASE_PATH: databasePath,
          ADMIN_API_KEY: ADMIN_KEY,
          TODAY: '2026-06-01',
          LOG_LEVEL: 'warn',
        });
        // First the retries of what the last kill left unanswered, each once more.
        const retries = unanswered;
        unansweredTotal += retries.length;
        unanswered = [];
        for (const request of retries) await send(server.baseUrl, request);
        if (round === KILLS) {
          server.child.kill('SIGTERM');
          await server.exited;
          break;
        }
        let running = true;
        const writer = async () => {
          while (running) {
            const number = agb++;
            const request = {
              key: `create-${number}`,
              body: JSON.stringify({
                name: `Praktijk ${number}`,
                agb: String(number),
                kinds: ['verloskunde'],
                contacts: [{ email: `p${number}@example.nl` }],
              }),
            };
            try {
              await send(server.baseUrl, request);
            } catch (error) {
              if (running) throw error;
              unanswered.push(request);
            }
          }
        };
        const writers = Array.from({ length: WRITERS }, writer);
        await new Promise((resolve) => setTimeout(resolve, 150 + ((round * 37) % 250)));
        running = false;
        server.child.kill('SIGKILL');
        await server.exited;
        await Promise.all(writers);
      }

      const db = openDatabase(databasePath);
      try {
        const rows = db.prepare('SELECT agb, count(*) AS n FROM providers GROUP BY agb').all() as {
          agb: string;
          n: number;
        }[];
        expect(rows.filter((row) => row.n > 1)).toEqual([]);
        expect(rows.length).toBe(agb - 20_000_000);
        expect(answered.size).toBe(rows.length);
        const stored = new Set(db.prepare('SELECT id FROM providers').pluck().all() as string[]);
        expect([...answered.values()].filter((id) => !stored.has(id))).toEqual([]);
        expect(answered.size).toBeGreaterThan(KILLS * 5);
        console.info(`${answered.size} providers, ${unansweredTotal} retried, ${replayed} committed before the kill`);
      } finally {
        db.close();
      }
    } finally {
      removeTempDir(dir);
    }
  }, 240_000);
});
