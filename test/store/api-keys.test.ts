import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiKeyStore } from '../../src/store/api-keys.js';
import { openDatabase, type Db } from '../../src/store/database.js';
import { migrate } from '../../src/store/migrations.js';
import { removeTempDir, tempDir } from '../helper.js';

// The server's connection and another on the same file (as the CLI or a second server process opens it).
let dir: string;
let db: Db;
let otherDb: Db;
let keys: ApiKeyStore;
let otherKeys: ApiKeyStore;

beforeAll(() => {
  dir = tempDir();
  db = openDatabase(join(dir, 'keys.db'));
  migrate(db);
  otherDb = openDatabase(join(dir, 'keys.db'));
  keys = new ApiKeyStore(db);
  otherKeys = new ApiKeyStore(otherDb);
});
afterAll(() => {
  otherDb.close();
  db.close();
  removeTempDir(dir);
});

describe('ApiKeyStore: remembered keys never outlive a change', () => {
  it('stops a key revoked by another connection on the very next lookup', () => {
    const { apiKey, key } = keys.create('revoked elsewhere');
    // Looked up twice with nothing written in between: the second is answered from what it remembered.
    expect(keys.authenticateAt(key)?.apiKey.id).toBe(apiKey.id);
    expect(keys.authenticateAt(key)?.apiKey.id).toBe(apiKey.id);
    expect(otherKeys.revoke(apiKey.id)).toBe(true);
    expect(keys.authenticateAt(key)).toBeUndefined();
    expect(keys.authenticateAt(key)).toBeUndefined();
  });

  it('stops a key revoked through this connection on the very next lookup', () => {
    const { apiKey, key } = keys.create('revoked here');
    expect(keys.authenticate(key)?.id).toBe(apiKey.id);
    expect(keys.authenticate(key)?.id).toBe(apiKey.id);
    expect(keys.revokeKeepingAnAdmin(apiKey.id)).toBe('revoked');
    expect(keys.authenticate(key)).toBeUndefined();
  });

  it('accepts a key created by another connection, or this one, at once', () => {
    const known = keys.create('already used');
    expect(keys.authenticate(known.key)?.id).toBe(known.apiKey.id);
    const elsewhere = otherKeys.create('created elsewhere');
    expect(keys.authenticate(elsewhere.key)?.id).toBe(elsewhere.apiKey.id);
    const here = keys.create('created here');
    expect(keys.authenticate(here.key)?.id).toBe(here.apiKey.id);
    expect(keys.authenticate(known.key)?.id).toBe(known.apiKey.id);
  });

  it('accepts again a key another connection brought back, and sees its new admin right', () => {
    const { apiKey, key } = keys.create('bootstrap', false, 'Bootstrap-Key-0123456789-abcdefghijklmnop');
    expect(keys.authenticate(key)).toMatchObject({ id: apiKey.id, admin: false });
    expect(otherKeys.revoke(apiKey.id)).toBe(true);
    expect(keys.authenticate(key)).toBeUndefined();
    expect(otherKeys.ensureAdmin(key)).toMatchObject({ created: false });
    expect(keys.authenticate(key)).toMatchObject({ id: apiKey.id, admin: true });
  });

  it('gives with each key the generation read before it, which moves with every commit', () => {
    const { key } = keys.create('generations');
    const first = keys.authenticateAt(key)!;
    expect(keys.authenticateAt(key)!.generation).toBe(first.generation);
    otherKeys.create('a write elsewhere');
    const second = keys.authenticateAt(key)!;
    expect(second.generation).not.toBe(first.generation);
    keys.create('a write here');
    expect(keys.authenticateAt(key)!.generation).not.toBe(second.generation);
  });
});
