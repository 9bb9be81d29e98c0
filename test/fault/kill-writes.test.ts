import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/store/database.js';
import { ADMIN_KEY, removeTempDir, tempDir } from '../helper.js';
import { startServer } from '../process.js';

/**
 * SIGKILL of the real server while clients write: SQLite (WAL, synchronous FULL, one transaction
 * per request) must keep every write it acknowledged and a database that passes integrity_check.
 */
const KILLS = 20;
const WRITERS = 4;

describe('SIGKILL during a stream of writes', () => {
  it(`keeps every acknowledged write and an intact database, ${KILLS} times`, async () => {
    const dir = tempDir();
    const databasePath = `${dir}/kill.db`;
    const acknowledged = new Set<string>();
    let agb = 10_000_000;
    try {
      for (let round = 0; round < KILLS; round++) {
        const server = await startServer({
          DATABASE_PATH: databasePath,
          ADMIN_API_KEY: ADMIN_KEY,
          TODAY: '2026-06-01',
          LOG_LEVEL: 'warn',
        });
        let running = true;
        const writer = async () => {
          while (running) {
            const body = JSON.stringify({
              name: `Praktijk ${agb}`,
              agb: String(agb++),
              kinds: ['verloskunde'],
              contacts: [{ email: `p${agb}@example.nl` }],
            });
            try {
              const response = await fetch(`${server.baseUrl}/api/v1/providers`, {
                method: 'POST',
                headers: { authorization: `Bearer ${ADMIN_KEY}`, 'content-type': 'application/json' },
                body,
              });
              if (response.status === 201) acknowledged.add(((await response.json()) as { id: string }).id);
              else throw new Error(`unexpected ${response.status}: ${await response.text()}`);
            } catch (error) {
              if (running) throw error;
            }
          }
        };
        const writers = Array.from({ length: WRITERS }, writer);
        await new Promise((resolve) => setTimeout(resolve, 150 + ((round * 37) % 250)));
        // Requests already sent may still be acknowledged; failures from here on are the kill's.
        running = false;
        server.child.kill('SIGKILL');
        await server.exited;
        await Promise.all(writers);
      }

      const db = openDatabase(databasePath);
      try {
        expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
        expect(db.pragma('foreign_key_check')).toEqual([]);
        const stored = new Set(db.prepare('SELECT id FROM providers').pluck().all() as string[]);
        const lost = [...acknowledged].filter((id) => !stored.has(id));
        expect(lost).toEqual([]);
        expect(acknowledged.size).toBeGreaterThan(KILLS * 5);
        const orphans = db
          .prepare('SELECT count(*) FROM contacts WHERE provider_id NOT IN (SELECT id FROM providers)')
          .pluck()
          .get();
        expect(orphans).toBe(0);
      } finally {
        db.close();
      }
    } finally {
      removeTempDir(dir);
    }
  }, 240_000);
});
