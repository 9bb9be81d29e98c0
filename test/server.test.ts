import { existsSync } from 'node:fs';
import { request } from 'node:http';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../src/store/database.js';
import { ADMIN_KEY, removeTempDir, tempDir } from './helper.js';
import { startServer, type ServerProcess } from './process.js';

/** src/server.ts as a real process on a real port: start-up, HTTP, and a graceful SIGTERM. */
let dir: string;
let server: ServerProcess;
let baseUrl: string;
let exited: Promise<number | null>;

beforeAll(async () => {
  dir = tempDir();
  server = await startServer({ DATABASE_PATH: join(dir, 'db', 'server.db'), ADMIN_API_KEY: ADMIN_KEY, TODAY: '2026-06-01' });
  baseUrl = server.baseUrl;
  exited = server.exited;
});
afterAll(async () => {
  if (server.child.exitCode === null) server.child.kill('SIGKILL');
  removeTempDir(dir);
});

describe('the service as a process', () => {
  it('answers /health and /ready over HTTP and warns loudly about a pinned TODAY', async () => {
    expect(await (await fetch(`${baseUrl}/health`)).json()).toEqual({ status: 'ok' });
    const ready = await fetch(`${baseUrl}/ready`);
    expect(ready.status).toBe(200);
    expect((await ready.json()).status).toBe('ready');
    expect(server.output()).toMatch(/"level":40.*TODAY=2026-06-01 is set/);
    expect(existsSync(join(dir, 'db', 'server.db'))).toBe(true);
  });

  it('on SIGTERM finishes the request in flight, then closes the database and exits 0', async () => {
    const created = await fetch(`${baseUrl}/api/v1/api-keys`, {
      method: 'POST',
      headers: { authorization: `Bearer ${ADMIN_KEY}`, 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'in flight' }),
    });
    const { key } = await created.json();
    const body = JSON.stringify({ name: 'Praktijk tijdens afsluiten', agb: '12345678', kinds: ['verloskunde'] });
    // Send half of a request body, signal SIGTERM, then send the rest: the request must still be served.
    const response = new Promise<{ status: number; body: string }>((resolve, reject) => {
      const req = request(`${baseUrl}/api/v1/providers`, {
        method: 'POST',
        headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) },
      }, (res) => {
        let text = '';
        res.on('data', (chunk) => (text += chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }));
      });
      req.on('error', reject);
      req.write(body.slice(0, 20));
      setTimeout(() => {
        server.child.kill('SIGTERM');
        setTimeout(() => req.end(body.slice(20)), 300);
      }, 200);
    });
    const answer = await response;
    expect(answer.status, answer.body).toBe(201);
    expect(await exited).toBe(0);
    await expect(fetch(`${baseUrl}/health`)).rejects.toThrow();
    expect(server.output()).toContain('closing: no new requests');

    const db = openDatabase(join(dir, 'db', 'server.db'));
    expect(db.prepare('SELECT name FROM providers').pluck().all()).toEqual(['Praktijk tijdens afsluiten']);
    db.close();
  });
});
