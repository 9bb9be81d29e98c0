import { execFile } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { request } from 'node:http';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../src/store/database.js';
import { ADMIN_KEY, removeTempDir, tempDir } from './helper.js';
import { ROOT, startServer, type ServerProcess } from './process.js';

const run = promisify(execFile);

/** src/server.ts as a real process on a real port: start-up, HTTP, and a graceful SIGTERM. */
let dir: string;
let server: ServerProcess;
let baseUrl: string;
let exited: Promise<number | null>;

beforeAll(async () => {
  dir = tempDir();
  server = await startServer({
    DATABASE_PATH: join(dir, 'db', 'server.db'),
    ADMIN_API_KEY: ADMIN_KEY,
    TODAY: '2026-06-01',
  });
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
    // A fresh start without SECRET_KEY makes its own server key beside the database, readable by its owner only.
    expect(statSync(join(dir, 'db', 'secret.key')).mode & 0o777).toBe(0o600);
    expect(server.output()).toMatch(/server key read from the key file beside the database/);
  });

  it('refuses to start with NODE_ENV=production and no SECRET_KEY', async () => {
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      NODE_ENV: 'production',
      DATABASE_PATH: join(dir, 'prod', 'p.db'),
      PORT: '0',
    };
    delete env.SECRET_KEY;
    const failed = await run(process.execPath, ['--import', 'tsx', 'src/server.ts'], { cwd: ROOT, env }).then(
      () => null,
      (error: { code: number; stderr: string }) => error,
    );
    expect(failed?.code).toBe(2);
    expect(failed?.stderr).toMatch(/SECRET_KEY must be set when NODE_ENV=production/);
    expect(existsSync(join(dir, 'prod', 'secret.key'))).toBe(false);
  });

  it('refuses to start with NODE_ENV=production and no METRICS_TOKEN, saying so', async () => {
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      NODE_ENV: 'production',
      SECRET_KEY: 'Prod-Secret-Key-0123456789-abcdefghXYZ',
      DATABASE_PATH: join(dir, 'prod-metrics', 'p.db'),
      PORT: '0',
    };
    delete env.METRICS_TOKEN;
    const failed = await run(process.execPath, ['--import', 'tsx', 'src/server.ts'], { cwd: ROOT, env }).then(
      () => null,
      (error: { code: number; stderr: string }) => error,
    );
    expect(failed?.code).toBe(2);
    expect(failed?.stderr).toMatch(/METRICS_TOKEN must be set when NODE_ENV=production/);
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
      const req = request(
        `${baseUrl}/api/v1/providers`,
        {
          method: 'POST',
          headers: {
            authorization: `Bearer ${key}`,
            'content-type': 'application/json',
            'content-length': Buffer.byteLength(body),
          },
        },
        (res) => {
          let text = '';
          res.on('data', (chunk) => (text += chunk));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }));
        },
      );
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
