import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/store/database.js';
import { createStores } from '../../src/store/index.js';
import { migrate } from '../../src/store/migrations.js';
import { rotateAllTokens } from '../../src/store/rotation.js';
import { WebEmailChanges } from '../../src/store/web-email.js';
import { newWebToken } from '../../src/store/web-tokens.js';
import { removeTempDir, tempDir } from '../helper.js';

/** Her page link is derived from the server key (so every mail can carry it); a link from before migration 007 keeps working until she replaces it. */
let dir: string;
beforeAll(() => {
  dir = tempDir();
});
afterAll(() => removeTempDir(dir));

const KEY = 'page-links-test-key-0123456789-ABCDEFGH';

describe('page links', () => {
  it('upgrade: the old link keeps opening her page, a derived link is there for mails, and a new link retires both', () => {
    const path = join(dir, 'upgrade.db');
    const db = openDatabase(path, KEY);
    migrate(db, undefined, 6);
    const old = newWebToken(db);
    db.exec(`INSERT INTO api_keys (id, name, key_hash, admin, created_at) VALUES ('k1', 'webaanmelding s1', 'x', 0, '2026-09-01T00:00:00.000Z');
      INSERT INTO providers (id, owner_key_id, name, agb, kinds, reminder_days, feed_token, feed_token_hash, created_at, updated_at)
        VALUES ('p1', 'k1', 'Praktijk Oud', '00000000', '["verloskunde"]', '[14,7,1]', 'p1', 'p1', '2026-09-01T00:00:00.000Z', '2026-09-01T00:00:00.000Z');`);
    db.prepare(
      "INSERT INTO web_accounts (provider_id, api_key_id, page_token_hash, created_at) VALUES ('p1', 'k1', ?, '2026-09-01T00:00:00.000Z')",
    ).run(old.hash);
    migrate(db);

    const store = createStores(db).web;
    expect(store.account(old.token)).toEqual({ providerId: 'p1', apiKeyId: 'k1' });
    const derived = store.pageToken('p1')!;
    expect(derived).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(derived).not.toBe(old.token);
    expect(store.account(derived)).toEqual({ providerId: 'p1', apiKeyId: 'k1' });
    // Rebuilt, not stored: no table holds the link itself.
    for (const table of db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").pluck().all() as string[]) {
      expect(JSON.stringify(db.prepare(`SELECT * FROM "${table}"`).all()), table).not.toContain(derived);
    }
    // The same link after a restart (another connection with the same key).
    db.close();
    const again = openDatabase(path, KEY);
    const reopened = createStores(again).web;
    expect(reopened.pageToken('p1')).toBe(derived);

    const fresh = reopened.rotatePageToken('p1');
    expect(reopened.account(fresh)).toEqual({ providerId: 'p1', apiKeyId: 'k1' });
    expect(reopened.account(old.token)).toBeUndefined();
    expect(reopened.account(derived)).toBeUndefined();
    expect(reopened.pageToken('p1')).toBe(fresh);

    // Another server key opens nothing.
    again.close();
    const other = openDatabase(path, `${KEY}-other`);
    expect(createStores(other).web.account(fresh)).toBeUndefined();
    other.close();
  });

  it('a provider without a web account has no page link, and deleting a provider forgets it', () => {
    const db = openDatabase(join(dir, 'fresh.db'), KEY);
    migrate(db);
    const store = createStores(db).web;
    expect(store.pageToken('nobody')).toBeUndefined();
    db.exec(`INSERT INTO api_keys (id, name, key_hash, admin, created_at) VALUES ('k2', 't', 'y', 0, '2026-09-01T00:00:00.000Z');
      INSERT INTO providers (id, owner_key_id, name, agb, kinds, reminder_days, feed_token, feed_token_hash, created_at, updated_at)
        VALUES ('p2', 'k2', 'P', '00000000', '["verloskunde"]', '[7]', 'p2', 'p2', '2026-09-01T00:00:00.000Z', '2026-09-01T00:00:00.000Z');
      INSERT INTO web_accounts (provider_id, api_key_id, created_at) VALUES ('p2', 'k2', '2026-09-01T00:00:00.000Z');`);
    const token = store.rotatePageToken('p2');
    expect(store.account(token)?.providerId).toBe('p2');
    // After a suspected leak (npm run tokens:rotate) her page gets a new link too; her next mail carries it.
    expect(rotateAllTokens(db).webPages).toBe(1);
    expect(store.account(token)).toBeUndefined();
    const rotated = store.pageToken('p2')!;
    expect(rotated).not.toBe(token);
    expect(store.account(rotated)?.providerId).toBe('p2');
    db.prepare("DELETE FROM providers WHERE id = 'p2'").run();
    expect(store.pageToken('p2')).toBeUndefined();
    expect(store.account(rotated)).toBeUndefined();
    expect(db.prepare("SELECT count(*) AS n FROM secret_tokens WHERE purpose = 'page'").get()).toEqual({ n: 0 });
    db.close();
  });

  it('tokens:rotate ends every one-time link: record, sign-in, address change and sign-up confirmation', () => {
    const db = openDatabase(join(dir, 'one-time.db'), KEY);
    migrate(db);
    db.exec(`INSERT INTO api_keys (id, name, key_hash, admin, created_at) VALUES ('k3', 't', 'z', 0, '2026-09-01T00:00:00.000Z');
      INSERT INTO providers (id, owner_key_id, name, agb, kinds, reminder_days, feed_token, feed_token_hash, created_at, updated_at)
        VALUES ('p3', 'k3', 'P', '00000000', '["verloskunde"]', '[7]', 'p3', 'p3', '2026-09-01T00:00:00.000Z', '2026-09-01T00:00:00.000Z');
      INSERT INTO web_accounts (provider_id, api_key_id, created_at) VALUES ('p3', 'k3', '2026-09-01T00:00:00.000Z');
      INSERT INTO contacts (provider_id, email, position) VALUES ('p3', 'anna@noord.nl', 0);`);
    const store = createStores(db).web;
    const changes = new WebEmailChanges(db);
    const record = store.createLink('record', 'p3', 'cz-groep/2027/ondertekenen');
    const signIn = store.createLink('sign-in', 'p3');
    const change = changes.request('p3', 'anna@noord.nl', 'anna@nieuw.nl')!;
    const signup = store.createSignup('piet@zuid.nl', {
      kinds: ['kraamzorg'],
      contracts: [],
      name: null,
      practice: 'Kraamzorg Zuid',
      agb: null,
      language: 'nl',
      reminderDays: [7],
    })!;
    expect(store.link('record', record)).toBeDefined();
    expect(store.link('sign-in', signIn)).toBeDefined();
    expect(changes.find(change)).toBeDefined();
    expect(store.signup(signup.token)).toMatchObject({ email: 'piet@zuid.nl' });

    expect(rotateAllTokens(db).oneTimeLinks).toBe(4);
    expect(store.link('record', record)).toBeUndefined();
    expect(store.link('sign-in', signIn)).toBeUndefined();
    expect(changes.find(change)).toBeUndefined();
    expect(store.signup(signup.token)).toBeUndefined();
    db.close();
  });
});
