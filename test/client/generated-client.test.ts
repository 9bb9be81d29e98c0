import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLIENT_TYPES_PATH, clientTypesModule } from '../../scripts/client-types.js';
import { buildApp } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import { ROOT } from '../process.js';
import { startReceiver } from '../webhooks/receiver.js';
import { runIntegration } from './integrator.js';

/**
 * Issue 22 §4: a client generated from the served document (openapi-typescript, openapi-fetch) carries an
 * integrator's script against the real service on loopback: types current, the script typechecked without casts,
 * and every step answered as the document says, a signed webhook included.
 */
const TODAY = '2026-09-15';
const ADMIN = 'Client-Test-Admin-Key-0123456789-abcdefgh';
let dir: string;
let app: Awaited<ReturnType<typeof buildApp>>;
let base: string;
let receiver: Awaited<ReturnType<typeof startReceiver>>;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'gzd-client-'));
  receiver = await startReceiver();
  app = await buildApp({
    config: loadConfig({
      DATABASE_PATH: join(dir, 'client.db'),
      ADMIN_API_KEY: ADMIN,
      LOG_LEVEL: 'silent',
      TODAY,
      OVERLOAD_MAX_DELAY_MS: '0',
      WEBHOOK_ALLOW_INSECURE_TARGETS: 'true',
    }),
    webhooks: { deliver: true, dispatcher: { retryBaseMs: 50, pollMs: 50, timeoutMs: 1_000 } },
  });
  await app.listen({ port: 0, host: '127.0.0.1' });
  base = `http://127.0.0.1:${(app.server.address() as { port: number }).port}`;
});
afterAll(async () => {
  await app?.close();
  await receiver?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('a client generated from the served OpenAPI document', () => {
  it(`is the one committed in ${CLIENT_TYPES_PATH} (npm run generate writes it)`, async () => {
    const document = await (await fetch(`${base}/openapi.json`)).json();
    const { text } = await clientTypesModule(document);
    expect(readFileSync(join(ROOT, CLIENT_TYPES_PATH), 'utf8')).toBe(text);
  });

  it('typechecks the integrator script (tsc --noEmit, strict) with no cast or type escape in it', async () => {
    const source = readFileSync(join(ROOT, 'test/client/integrator.ts'), 'utf8');
    const code = source.replace(/\/\*[\s\S]*?\*\/|\/\/.*$/gm, '');
    expect(code).not.toMatch(/\bas\s+(?:const\b|unknown\b|any\b|never\b|[A-Z{[(])/);
    expect(code).not.toMatch(/\bany\b|@ts-|<[A-Z]\w*>\s*\w/);
    const tsc = join(ROOT, 'node_modules', '.bin', 'tsc');
    const flags = [
      '--noEmit',
      '--strict',
      '--skipLibCheck',
      '--target',
      'ES2024',
      '--module',
      'NodeNext',
      '--moduleResolution',
    ];
    await expect(
      promisify(execFile)(tsc, [...flags, 'NodeNext', '--types', 'node', 'test/client/integrator.ts'], { cwd: ROOT }),
    ).resolves.toBeDefined();
  }, 60_000);

  it('registers, retries without a duplicate, records, reads with 304, lists due items and verifies a webhook', async () => {
    const created = await fetch(`${base}/api/v1/api-keys`, {
      method: 'POST',
      headers: { authorization: `Bearer ${ADMIN}`, 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'practice software' }),
    });
    const { key } = (await created.json()) as { key: string };
    let seen = 0;
    const report = await runIntegration({
      baseUrl: base,
      apiKey: key,
      webhookUrl: `${receiver.url}/deadlines`,
      today: TODAY,
      async nextDelivery(type) {
        const matching = await receiver.waitFor(seen + 1, (r) => JSON.parse(r.body).type === type);
        const delivery = matching[seen++]!;
        const headers = Object.fromEntries(
          Object.entries(delivery.headers).flatMap(([name, value]) =>
            typeof value === 'string' ? [[name, value]] : [],
          ),
        );
        return { body: delivery.body, headers };
      },
    });
    expect(report.retriedId).toBe(report.providerId);
    expect(report.replayed).toBe('true');
    expect(report.providersListed).toBe(1);
    expect(report.notModified).toBe(304);
    expect(report.dueProviders).toHaveLength(2);
    expect(report.dueProviders).toContain(report.providerId);
    expect(report.webhookType).toBe('event.undone');
    expect(report.webhookEventId).toBe(report.eventId);
  }, 30_000);
});
