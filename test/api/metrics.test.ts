import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runToTheEnd } from '../reminders/setup.js';
import {
  ADMIN_KEY,
  bearer,
  buildTestApp,
  createKey,
  createProvider,
  removeTempDir,
  tempDir,
  type TestApp,
} from '../helper.js';

let dir: string;
let app: TestApp;
beforeAll(async () => {
  dir = tempDir();
  app = await buildTestApp(`${dir}/metrics.db`, { env: { MAIL_DIR: `${dir}/mail` } });
});
afterAll(async () => {
  await app.close();
  removeTempDir(dir);
});

/** `name{labels} value` lines of the exposition, as a map from series to number. */
function samples(text: string): Map<string, number> {
  return new Map(
    text
      .split('\n')
      .filter((line) => line !== '' && !line.startsWith('#'))
      .map((line) => {
        const at = line.lastIndexOf(' ');
        return [line.slice(0, at), Number(line.slice(at + 1))];
      }),
  );
}

describe('GET /metrics', () => {
  it('serves the Prometheus text format with a HELP and TYPE for every metric', async () => {
    const response = await app.inject({ url: '/metrics' });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('text/plain; version=0.0.4; charset=utf-8');
    const names = new Set([...samples(response.body).keys()].map((series) => series.replace(/\{.*$/, '')));
    for (const name of names) {
      expect(response.body, name).toContain(`# HELP ${name} `);
      expect(response.body, name).toMatch(new RegExp(`^# TYPE ${name} (counter|gauge)$`, 'm'));
    }
    for (const value of samples(response.body).values()) expect(Number.isFinite(value)).toBe(true);
  });

  it('counts requests by route template and status, never by URL', async () => {
    const key = await createKey(app);
    const provider = await createProvider(app, key.key);
    await app.inject({ url: `/api/v1/providers/${provider.id}`, headers: bearer(key.key) });
    await app.inject({ url: `/api/v1/providers/${provider.id}`, headers: bearer(key.key) });
    await app.inject({ url: '/api/v1/providers/no-such-provider', headers: bearer(key.key) });
    const text = (await app.inject({ url: '/metrics' })).body;
    const values = samples(text);
    expect(values.get('http_requests_total{method="GET",route="/api/v1/providers/:id",status="200"}')).toBe(2);
    expect(values.get('http_requests_total{method="GET",route="/api/v1/providers/:id",status="404"}')).toBe(1);
    expect(values.get('http_requests_total{method="POST",route="/api/v1/api-keys",status="201"}')).toBe(1);
    expect(text).not.toContain(provider.id);
    expect(values.get('providers')).toBe(1);
    expect(values.get('calendars_loaded')).toBe(2);
    expect(values.get('process_resident_memory_bytes')).toBeGreaterThan(10_000_000);
    expect(text).not.toContain(ADMIN_KEY);
  });

  it('reports the outbox per status and the last reminder run from the database', async () => {
    const before = samples((await app.inject({ url: '/metrics' })).body);
    expect(before.get('reminder_last_run_finished_seconds')).toBe(0);
    const run = await runToTheEnd(app, '2026-06-01');
    const after = samples((await app.inject({ url: '/metrics' })).body);
    const stored = new Map(
      (
        app.db.prepare('SELECT status, count(*) AS n FROM mail_outbox GROUP BY status').all() as {
          status: string;
          n: number;
        }[]
      ).map((r) => [r.status, r.n]),
    );
    for (const status of ['planned', 'sending', 'sent', 'failed', 'cancelled']) {
      expect(after.get(`mail_outbox{status="${status}"}`), status).toBe(stored.get(status) ?? 0);
    }
    expect(after.get('reminder_last_run_finished_seconds')).toBeGreaterThan(Date.now() / 1000 - 60);
    expect(after.get('reminder_last_run_mails{outcome="sent"}')).toBe(run.result.sent);
  });

  it('counts feed cache hits and misses', async () => {
    const key = await createKey(app, 'feeds');
    const provider = await createProvider(app, key.key, { agb: '76543210' });
    const url = new URL(provider.feedUrl).pathname;
    const read = async () => samples((await app.inject({ url: '/metrics' })).body);
    const before = await read();
    expect((await app.inject({ url })).statusCode).toBe(200);
    expect((await app.inject({ url })).statusCode).toBe(200);
    expect((await app.inject({ url })).statusCode).toBe(200);
    const after = await read();
    expect(
      after.get('feed_cache_lookups_total{result="miss"}')! - before.get('feed_cache_lookups_total{result="miss"}')!,
    ).toBe(1);
    expect(
      after.get('feed_cache_lookups_total{result="hit"}')! - before.get('feed_cache_lookups_total{result="hit"}')!,
    ).toBe(2);
    expect(after.get('feed_cache_bytes')).toBeGreaterThan(0);
  });
});

describe('GET /metrics with METRICS_TOKEN', () => {
  it('answers only the bearer of the metrics token, with 401 problem+json otherwise', async () => {
    const token = 'Metrics-Token-0123456789-abcdefghXYZ';
    const guarded = await buildTestApp(`${dir}/guarded.db`, { env: { MAIL_DIR: `${dir}/mail`, METRICS_TOKEN: token } });
    try {
      for (const headers of [{}, bearer(`${token}x`), bearer(ADMIN_KEY), { authorization: token }]) {
        const refused = await guarded.inject({ url: '/metrics', headers });
        expect(refused.statusCode).toBe(401);
        expect(refused.headers['content-type']).toMatch(/^application\/problem\+json/);
        expect(refused.body).not.toContain('providers ');
      }
      const allowed = await guarded.inject({ url: '/metrics', headers: bearer(token) });
      expect(allowed.statusCode).toBe(200);
      expect(allowed.body).toContain('# TYPE providers gauge');
      expect((await guarded.inject({ url: '/health' })).statusCode).toBe(200);
    } finally {
      await guarded.close();
    }
  });
});
