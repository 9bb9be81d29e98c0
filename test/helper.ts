import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildApp, type AppOptions } from '../src/app.js';
import { parseCalendar } from '../src/calendar/load.js';
import { loadConfig, type Config } from '../src/config.js';
import { CalendarSet } from '../src/domain/calendar-set.js';

export const ADMIN_KEY = 'Test-Admin-Key-0123456789-abcdefghXYZ';
/** The fixture calendars' purchasing year: every fixture date is ahead of or around it. */
export const TODAY = '2026-06-01';

function fixture(name: string) {
  return parseCalendar(
    readFileSync(new URL(`./api/fixtures/${name}`, import.meta.url), 'utf8'),
    `test/api/fixtures/${name}`,
  );
}

/** Two made-up calendars (voorbeeld/2027 with an attribute and a chain, proef/2026): tests do not depend on the real ones. */
export const fixtureCalendars = new CalendarSet([fixture('voorbeeld-2027.yaml'), fixture('proef-2026.yaml')]);

/** A temporary folder per test file; its SQLite files go away with `removeTempDir`. */
export function tempDir(): string {
  return mkdtempSync(join(tmpdir(), 'gzd-test-'));
}

export function removeTempDir(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
}

export function testConfig(databasePath: string, env: Record<string, string> = {}): Config {
  // No load shedding in tests (a busy test machine would shed their requests); test/api/overload.test.ts and test/overload/ turn it on.
  return loadConfig({
    DATABASE_PATH: databasePath,
    ADMIN_API_KEY: ADMIN_KEY,
    LOG_LEVEL: 'silent',
    RATE_LIMIT_PER_MINUTE: '0',
    OVERLOAD_MAX_DELAY_MS: '0',
    TODAY,
    ...env,
  });
}

export type TestApp = Awaited<ReturnType<typeof buildApp>>;

/** The real app on a SQLite file, with the fixture calendars and TODAY pinned (see testConfig). */
export async function buildTestApp(
  databasePath: string,
  options: Partial<AppOptions> & { env?: Record<string, string> } = {},
): Promise<TestApp> {
  const { env, ...rest } = options;
  return buildApp({ config: testConfig(databasePath, env), calendars: fixtureCalendars, ...rest });
}

export function bearer(key: string): { authorization: string } {
  return { authorization: `Bearer ${key}` };
}

/** A new tenant key, created through the API with the admin key. */
export async function createKey(app: TestApp, name = 'tenant', admin = false): Promise<{ id: string; key: string }> {
  const response = await app.inject({
    method: 'POST',
    url: '/api/v1/api-keys',
    headers: bearer(ADMIN_KEY),
    payload: { name, admin },
  });
  if (response.statusCode !== 201) throw new Error(`creating a key failed: ${response.body}`);
  return response.json();
}

export const validProvider = {
  name: 'Verloskundigenpraktijk Noord',
  agb: '01234567',
  kinds: ['verloskunde'],
  contracts: [{ insurer: 'voorbeeld', year: 2027, status: 'new' }],
  contacts: [{ email: 'planning@verloskundigen-noord.nl', name: 'Anna de Vries' }],
};

export async function createProvider(
  app: TestApp,
  key: string,
  body: Record<string, unknown> = {},
): Promise<Record<string, any>> {
  const response = await app.inject({
    method: 'POST',
    url: '/api/v1/providers',
    headers: bearer(key),
    payload: { ...validProvider, ...body },
  });
  if (response.statusCode !== 201) throw new Error(`creating a provider failed: ${response.body}`);
  return response.json();
}
