import { createHash } from 'node:crypto';
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/store/database.js';
import { appliedVersions, migrate, MIGRATIONS_DIR, readMigrations } from '../../src/store/migrations.js';

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');
import { ADMIN_KEY, bearer, buildTestApp, removeTempDir, tempDir } from '../helper.js';

let dir: string;
beforeAll(() => {
  dir = tempDir();
});
afterAll(() => removeTempDir(dir));

const tables = (db: ReturnType<typeof openDatabase>) =>
  db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").pluck().all() as string[];

describe('migrate', () => {
  it('brings an empty database to the newest version, once', () => {
    const db = openDatabase(join(dir, 'nested', 'folders', 'empty.db'));
    const all = readMigrations().map((m) => m.version);
    expect(migrate(db)).toEqual(all);
    expect(appliedVersions(db)).toEqual(all);
    expect(tables(db)).toEqual([
      'api_keys',
      'contacts',
      'contracts',
      'corrections',
      'events',
      'feed_items',
      'feed_states',
      'idempotency_keys',
      'mail_item_dates',
      'mail_notices',
      'mail_outbox',
      'mail_suppressions',
      'new_contact_ledger',
      'own_date_changes',
      'own_items',
      'providers',
      'reminder_runs',
      'schema_migrations',
      'secret_tokens',
      'sqlite_sequence',
      'web_accounts',
      'web_email_changes',
      'web_links',
      'web_mail_log',
      'web_signups',
      'webhook_attempts',
      'webhook_calendar_versions',
      'webhook_deliveries',
      'webhook_due_soon_sent',
      'webhook_endpoints',
    ]);
    expect(migrate(db)).toEqual([]);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(db.pragma('busy_timeout', { simple: true })).toBeGreaterThan(0);
    db.close();
  });

  it('upgrades a database of the previous version with its data, which the service then serves', async () => {
    const path = join(dir, 'previous.db');
    const db = openDatabase(path);
    migrate(db, readMigrations(), 1);
    expect(appliedVersions(db)).toEqual([1]);
    const tenantKey = 'tenant-key-of-version-1';
    db.exec(`
      INSERT INTO api_keys (id, name, key_hash, admin, created_at) VALUES ('k1', 'old tenant', '${sha256(tenantKey)}', 0, '2026-01-01T00:00:00.000Z');
      INSERT INTO providers (id, owner_key_id, name, agb, kinds, reminder_days, feed_token, feed_token_hash, created_at, updated_at)
        VALUES ('p1', 'k1', 'Oude praktijk', '11111111', '["verloskunde"]', '[7]', 'token-1', '${sha256('token-1')}', '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z');
      INSERT INTO contracts (provider_id, insurer, year, status) VALUES ('p1', 'voorbeeld', 2027, 'new');
      INSERT INTO contacts (provider_id, position, email, name) VALUES ('p1', 0, 'oud@example.nl', 'Oud');
      INSERT INTO events (id, provider_id, item, date, recorded_by, recorded_at) VALUES ('e1', 'p1', 'voorbeeld/2027/bezwaar', '2026-05-01', 'k1', '2026-05-01T10:00:00.000Z');
    `);
    db.close();

    const app = await buildTestApp(path);
    try {
      expect(appliedVersions(app.db)).toEqual(readMigrations().map((m) => m.version));
      const provider = (await app.inject({ url: '/api/v1/providers/p1', headers: bearer(tenantKey) })).json();
      expect(provider).toMatchObject({
        name: 'Oude praktijk',
        agb: '11111111',
        reminderDays: [7],
        contracts: [{ insurer: 'voorbeeld', year: 2027, status: 'new' }],
        contacts: [{ email: 'oud@example.nl', name: 'Oud', language: 'nl' }],
      });
      // The address handed out before keeps working; the API now shows one derived from the server key.
      expect(provider.feedUrl).toMatch(/^http:\/\/127\.0\.0\.1:3000\/feeds\/[\w-]{43}\.ics$/);
      expect((await app.inject({ url: '/feeds/token-1.ics' })).statusCode).toBe(200);
      expect((await app.inject({ url: new URL(provider.feedUrl).pathname })).statusCode).toBe(200);
      const events = (await app.inject({ url: '/api/v1/providers/p1/events', headers: bearer(tenantKey) })).json()
        .items;
      expect(events).toMatchObject([{ id: 'e1', item: 'voorbeeld/2027/bezwaar', recordedBy: 'k1' }]);
      const timeline = (await app.inject({ url: '/api/v1/providers/p1/timeline', headers: bearer(tenantKey) })).json()
        .items;
      expect(timeline.find((item: { id: string }) => item.id === 'voorbeeld/2027/bezwaar').done).toBe('2026-05-01');
      expect(
        app.db
          .prepare("SELECT count(*) FROM pragma_table_info('contacts') WHERE name = 'unsubscribe_token'")
          .pluck()
          .get(),
      ).toBe(0);
      expect((await app.inject({ url: '/api/v1/providers', headers: bearer(ADMIN_KEY) })).json().total).toBe(1);
    } finally {
      await app.close();
    }
  });

  it('leaves the database as it was when a migration fails', () => {
    const migrations = join(dir, 'failing-migrations');
    mkdirSync(migrations);
    for (const m of readMigrations())
      copyFileSync(
        join(MIGRATIONS_DIR, `${String(m.version).padStart(3, '0')}_${m.name}.sql`),
        join(migrations, `${String(m.version).padStart(3, '0')}_${m.name}.sql`),
      );
    const next = readMigrations().length + 1;
    writeFileSync(
      join(migrations, `${String(next).padStart(3, '0')}_broken.sql`),
      'CREATE TABLE feeds (id TEXT);\nALTER TABLE providers ADD COLUMN colour TEXT;\nINSERT INTO no_such_table VALUES (1);\n',
    );

    const db = openDatabase(join(dir, 'failing.db'));
    expect(() => migrate(db, readMigrations(migrations))).toThrow(
      /migration \d+_broken failed: no such table: no_such_table/,
    );
    expect(tables(db)).toEqual([]);

    migrate(db);
    db.prepare("INSERT INTO api_keys (id, name, key_hash, created_at) VALUES ('k', 'n', 'h', 'now')").run();
    const before = appliedVersions(db);
    expect(() => migrate(db, readMigrations(migrations))).toThrow(/_broken failed/);
    expect(appliedVersions(db)).toEqual(before);
    expect(tables(db)).not.toContain('feeds');
    expect(db.prepare('SELECT name FROM pragma_table_info(?)').pluck().all('providers')).not.toContain('colour');
    expect(db.prepare('SELECT count(*) FROM api_keys').pluck().get()).toBe(1);
    db.close();
  });

  it('refuses a database newer than the program', () => {
    const db = openDatabase(join(dir, 'newer.db'));
    migrate(db);
    db.prepare("INSERT INTO schema_migrations (version, name, applied_at) VALUES (99, 'future', 'now')").run();
    expect(() => migrate(db)).toThrow(/at migration 99, newer than this program knows/);
    db.close();
  });

  it('refuses migration files with a gap in their numbers', () => {
    const gap = join(dir, 'gap-migrations');
    mkdirSync(gap);
    writeFileSync(join(gap, '001_a.sql'), 'SELECT 1;');
    writeFileSync(join(gap, '003_c.sql'), 'SELECT 1;');
    expect(() => readMigrations(gap)).toThrow(/expected 2, found 3_c/);
  });
});
