import { Webhook } from 'standardwebhooks';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/store/database.js';
import { ADMIN_KEY, removeTempDir, tempDir } from '../helper.js';
import { startServer, type ServerProcess } from '../process.js';
import { startReceiver } from '../webhooks/receiver.js';

/**
 * SIGKILL of the real server while webhook deliveries are in flight to slow loopback receivers, then a restart:
 * every message in the outbox (pings, recorded events, timeline changes) arrives at least once, verified with the
 * standardwebhooks package, and one in flight at the kill arrives again with the same webhook-id.
 */
const PINGS = 15;
const ANSWER_DELAY_MS = 150;

describe('SIGKILL while webhooks are being delivered', () => {
  it('delivers every message at least once after a restart, with the same webhook-id', async () => {
    const dir = tempDir();
    const env = {
      DATABASE_PATH: `${dir}/webhooks.db`,
      ADMIN_API_KEY: ADMIN_KEY,
      TODAY: '2026-06-01',
      LOG_LEVEL: 'warn',
      WEBHOOK_ALLOW_INSECURE_TARGETS: 'true',
    };
    const receivers = [0, 1].map(() =>
      startReceiver((_r, response) => setTimeout(() => response.writeHead(200).end('ok'), ANSWER_DELAY_MS)),
    );
    const [a, b] = await Promise.all(receivers);
    let server: ServerProcess | undefined;
    try {
      server = await startServer(env);
      const api = (path: string, body?: unknown) =>
        fetch(`${server!.baseUrl}/api/v1${path}`, {
          method: body === undefined ? 'GET' : 'POST',
          headers: { authorization: `Bearer ${ADMIN_KEY}`, 'content-type': 'application/json' },
          ...(body === undefined ? {} : { body: JSON.stringify(body) }),
        });
      const secrets = new Map<string, string>();
      for (const receiver of [a!, b!]) {
        const hook = (await (await api('/webhooks', { url: receiver.url })).json()) as {
          url: string;
          secret: string;
        };
        secrets.set(hook.url, hook.secret);
      }
      const provider = (await (
        await api('/providers', {
          name: 'Praktijk Kill',
          agb: '01234567',
          kinds: ['verloskunde'],
          contracts: [{ insurer: 'cz-groep', year: 2027, status: 'new' }],
          contacts: [],
        })
      ).json()) as { id: string };
      const items = ((await (await api(`/providers/${provider.id}/timeline`)).json()) as { items: { id: string }[] })
        .items;
      let recorded = 0;
      for (const item of items) {
        if ((await api(`/providers/${provider.id}/events`, { item: item.id, date: '2026-06-01' })).status === 201)
          recorded++;
        if (recorded === 3) break;
      }
      expect(recorded, 'events recorded').toBeGreaterThan(0);
      const hooks = ((await (await api('/webhooks')).json()) as { items: { id: string }[] }).items;
      for (let i = 0; i < PINGS; i++)
        for (const hook of hooks) expect((await api(`/webhooks/${hook.id}/ping`, {})).status).toBe(202);

      // Kill once a few have arrived: with slow answers, each endpoint has one in flight.
      await a!.waitFor(4);
      server.child.kill('SIGKILL');
      await server.exited;
      const beforeRestart = a!.received.length + b!.received.length;

      server = await startServer(env);
      const db = openDatabase(env.DATABASE_PATH);
      let outbox: { id: string; url: string; delivered_at: string | null }[] = [];
      try {
        const deadline = Date.now() + 60_000;
        for (;;) {
          outbox = db
            .prepare(
              'SELECT d.id, e.url, d.delivered_at FROM webhook_deliveries d JOIN webhook_endpoints e ON e.id = d.endpoint_id',
            )
            .all() as typeof outbox;
          if (outbox.every((row) => row.delivered_at !== null) || Date.now() > deadline) break;
          await new Promise((resolve) => setTimeout(resolve, 100));
        }
      } finally {
        db.close();
      }
      expect(outbox.length).toBeGreaterThanOrEqual(2 * (PINGS + recorded));
      expect(outbox.filter((row) => row.delivered_at === null)).toEqual([]);
      expect(beforeRestart).toBeLessThan(outbox.length);

      const arrived = [...a!.received, ...b!.received];
      for (const row of outbox) {
        const copies = arrived.filter((r) => r.headers['webhook-id'] === row.id);
        expect(copies.length, row.id).toBeGreaterThanOrEqual(1);
        for (const copy of copies)
          new Webhook(secrets.get(row.url)!).verify(copy.body, copy.headers as Record<string, string>);
      }
      // The message in flight at the kill was never marked delivered, so it came again under its id.
      const ids = arrived.map((r) => String(r.headers['webhook-id']));
      expect(ids.length - new Set(ids).size).toBeGreaterThanOrEqual(1);
    } finally {
      if (server && server.child.exitCode === null) {
        server.child.kill('SIGTERM');
        await server.exited;
      }
      await a!.close();
      await b!.close();
      removeTempDir(dir);
    }
  }, 120_000);
});
