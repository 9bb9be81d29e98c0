import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/store/database.js';
import { migrate, readMigrations } from '../../src/store/migrations.js';
import { SECRET_KEY_FILE, SecretTokens, serverKey } from '../../src/store/secrets.js';
import { ADMIN_KEY, bearer, buildTestApp, createKey, createProvider, removeTempDir, tempDir } from '../helper.js';

const run = promisify(execFile);
const ROOT = join(import.meta.dirname, '..', '..');
const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

let dir: string;
beforeAll(() => {
  dir = tempDir();
});
afterAll(() => removeTempDir(dir));

describe('the server key', () => {
  it('is created once beside the database, readable by its owner only, and used again', () => {
    const path = join(dir, 'keyed', 'a.db');
    const key = serverKey(path, undefined, false);
    const file = join(dir, 'keyed', SECRET_KEY_FILE);
    expect(key.length).toBeGreaterThanOrEqual(32);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(serverKey(path, undefined, false)).toBe(key);
    expect(serverKey(path, 'a-configured-key', false)).toBe('a-configured-key');
  });

  it('is never created in production', () => {
    expect(() => serverKey(join(dir, 'prod', 'a.db'), undefined, true)).toThrow(/SECRET_KEY is not set/);
  });
});

describe('migration 005 on a database of version 4', () => {
  const legacyFeed = 'legacy-feed-token-AAAAAAAAAAAAAAAAAAAAAAAAAAAA';
  const legacyUnsubscribe = '0123456789abcdef0123456789abcdef';
  const tenantKey = 'gzd_legacy-tenant-key-AAAAAAAAAAAAAAAAAAAAAAAAAAAA';
  const path = () => join(dir, 'v4', 'old.db');

  beforeAll(() => {
    const db = openDatabase(path());
    migrate(db, readMigrations(), 4);
    db.exec(`
      INSERT INTO api_keys (id, name, key_hash, admin, created_at) VALUES ('k1', 'Oud pakket', '${sha256(tenantKey)}', 0, '2026-01-01T00:00:00.000Z');
      INSERT INTO providers (id, owner_key_id, name, agb, kinds, reminder_days, feed_token, feed_token_hash, created_at, updated_at)
        VALUES ('p1', 'k1', 'Oude praktijk', '11111111', '["verloskunde"]', '[7]', '${legacyFeed}', '${sha256(legacyFeed)}', '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z');
      INSERT INTO contracts (provider_id, insurer, year, status) VALUES ('p1', 'voorbeeld', 2027, 'new');
      INSERT INTO contacts (id, provider_id, position, email, name, unsubscribe_token) VALUES (3, 'p1', 0, 'oud@example.nl', 'Oud', '${legacyUnsubscribe}');
      INSERT INTO contacts (id, provider_id, position, email, unsubscribe_token, unsubscribed_at) VALUES (4, 'p1', 1, 'Weg@Example.nl', 'ffffffffffffffffffffffffffffffff', '2026-02-01T00:00:00.000Z');
      INSERT INTO mail_outbox (id, contact_id, provider_id, day, recipient, subject, message_id, raw, status, next_attempt_at, created_at)
        VALUES ('2026-02-01/c3', 3, 'p1', '2026-02-01', 'oud@example.nl', 's', 'm1@x', CAST('link /unsubscribe/${legacyUnsubscribe}' AS BLOB), 'sent', '2026-02-01T00:00:00.000Z', '2026-02-01T00:00:00.000Z'),
               ('2026-02-02/c9', 9, 'gone', '2026-02-02', 'gone@example.nl', 's', 'm2@x', CAST('mail of a deleted contact' AS BLOB), 'planned', '2026-02-02T00:00:00.000Z', '2026-02-02T00:00:00.000Z');
    `);
    db.close();
  });

  it('keeps the links and keys handed out working, and keeps none of them in the file', async () => {
    const app = await buildTestApp(path());
    try {
      expect((await app.inject({ url: `/feeds/${legacyFeed}.ics` })).statusCode).toBe(200);
      expect((await app.inject({ url: `/unsubscribe/${legacyUnsubscribe}` })).body).toContain('oud@example.nl');
      expect(app.db.prepare("SELECT key_hash FROM api_keys WHERE id = 'k1'").pluck().get()).toBe(
        `sha256:${sha256(tenantKey)}`,
      );
      expect((await app.inject({ url: '/api/v1/providers/p1', headers: bearer(tenantKey) })).statusCode).toBe(200);
      // Rehashed with the server key on first use; the SHA-256 is gone.
      expect(app.db.prepare("SELECT key_hash FROM api_keys WHERE id = 'k1'").pluck().get()).toMatch(/^[0-9a-f]{64}$/);
      expect((await app.inject({ url: '/api/v1/providers/p1', headers: bearer(tenantKey) })).statusCode).toBe(200);

      // The outbox: a sent mail keeps no bytes; a deleted contact's waiting mail is cancelled.
      expect(app.db.prepare('SELECT status, length(raw) AS size FROM mail_outbox ORDER BY id').all()).toEqual([
        { status: 'sent', size: 0 },
        { status: 'cancelled', size: 0 },
      ]);
      // The unsubscribed address is suppressed for the tenant; the next contact id is above every id ever used.
      expect(app.db.prepare('SELECT count(*) FROM mail_suppressions').pluck().get()).toBe(1);
      const provider = (
        await app.inject({
          method: 'PATCH',
          url: '/api/v1/providers/p1',
          headers: bearer(tenantKey),
          payload: { contacts: [{ email: 'oud@example.nl' }, { email: 'nieuw@example.nl' }] },
        })
      ).json();
      expect(provider.contacts).toHaveLength(2);
      expect(app.db.prepare("SELECT id FROM contacts WHERE email = 'nieuw@example.nl'").pluck().get()).toBeGreaterThan(
        9,
      );
    } finally {
      await app.close();
    }
    const file = readFileSync(path());
    for (const secret of [
      legacyFeed,
      legacyUnsubscribe,
      sha256(legacyFeed),
      sha256(tenantKey),
      'ffffffffffffffffffffffffffffffff',
    ]) {
      expect(file.includes(secret), secret).toBe(false);
    }
  });

  it('npm run tokens:rotate gives every feed and unsubscribe link a new token; the old ones stop working', async () => {
    const before = await buildTestApp(path());
    const feedUrl = (await before.inject({ url: '/api/v1/providers/p1', headers: bearer(ADMIN_KEY) })).json()
      .feedUrl as string;
    const unsubscribe = new SecretTokens(before.db).current('unsubscribe', 3) as string;
    await before.close();

    const { stdout } = await run(process.execPath, ['--import', 'tsx', 'src/commands/rotate-tokens.ts'], {
      cwd: ROOT,
      env: { ...process.env, DATABASE_PATH: path() },
    });
    expect(stdout).toMatch(/new tokens for 1 feed and page addresses and 2 unsubscribe links/);

    const after = await buildTestApp(path());
    try {
      for (const url of [
        new URL(feedUrl).pathname,
        `/feeds/${legacyFeed}.ics`,
        `/unsubscribe/${unsubscribe}`,
        `/unsubscribe/${legacyUnsubscribe}`,
      ]) {
        expect((await after.inject({ url })).statusCode, url).toBe(404);
      }
      const rotated = (await after.inject({ url: '/api/v1/providers/p1', headers: bearer(ADMIN_KEY) })).json()
        .feedUrl as string;
      expect(rotated).not.toBe(feedUrl);
      expect((await after.inject({ url: new URL(rotated).pathname })).statusCode).toBe(200);
      expect(
        (await after.inject({ url: `/unsubscribe/${new SecretTokens(after.db).current('unsubscribe', 3)}` }))
          .statusCode,
      ).toBe(200);
    } finally {
      await after.close();
    }
  });
});

describe('a database copied without its key', () => {
  it('opens no feed: with another key, no token the service gave out is found', async () => {
    const path = join(dir, 'copied', 'a.db');
    const app = await buildTestApp(path);
    const key = await createKey(app);
    const provider = await createProvider(app, key.key);
    const token = new URL(provider.feedUrl).pathname.slice('/feeds/'.length, -'.ics'.length);
    await app.close();
    const thief = openDatabase(path, 'a-different-key-0123456789-ABCDEFGH');
    try {
      expect(new SecretTokens(thief).find('feed', token)).toBeUndefined();
      expect(new SecretTokens(thief).current('feed', provider.id)).not.toBe(token);
    } finally {
      thief.close();
    }
  });
});
