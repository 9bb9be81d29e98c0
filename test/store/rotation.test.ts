import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiKeyStore } from '../../src/store/api-keys.js';
import { openDatabase, type Db } from '../../src/store/database.js';
import { migrate } from '../../src/store/migrations.js';
import { ProviderStore, type ProviderInput } from '../../src/store/providers.js';
import { rotateAllTokens, rotateFeedsOfOwner } from '../../src/store/rotation.js';
import { removeTempDir, tempDir } from '../helper.js';

let dir: string;
let db: Db;
let keys: ApiKeyStore;
let providers: ProviderStore;

beforeAll(() => {
  dir = tempDir();
  db = openDatabase(join(dir, 'rotation.db'));
  migrate(db);
  keys = new ApiKeyStore(db);
  providers = new ProviderStore(db);
});
afterAll(() => {
  db.close();
  removeTempDir(dir);
});

const input = (agb: string): ProviderInput => ({
  name: 'Praktijk',
  agb,
  kinds: ['verloskunde'],
  contracts: [{ insurer: 'cz', year: 2027, status: 'existing' }],
  contacts: [],
  reminderDays: [7],
});
const admin = { keyId: 'admin', admin: true };
/** Who `GET /api/v1/providers?updatedSince=` would list: the providers changed at or after the instant. */
const changedSince = (instant: string) =>
  providers
    .list(admin, { changedSince: instant, limit: 100, offset: 0 })
    .items.map((provider) => provider.id)
    .sort();
/** An instant strictly after every write so far (updated_at has millisecond precision). */
const afterNow = async () => {
  await new Promise((resolve) => setTimeout(resolve, 5));
  const instant = new Date().toISOString();
  await new Promise((resolve) => setTimeout(resolve, 5));
  return instant;
};

describe('a rotation changes feed addresses, so the providers count as changed', () => {
  it('npm run tokens:rotate (every feed) lists every provider as changed since before it', async () => {
    const owner = keys.create('rotation-all').apiKey;
    const a = providers.create(owner.id, input('22220001'));
    const b = providers.create(owner.id, input('22220002'));
    const before = await afterNow();
    expect(changedSince(before)).toEqual([]);
    rotateAllTokens(db);
    expect(changedSince(before)).toEqual(expect.arrayContaining([a.id, b.id].sort()));
    expect(providers.get(a.id, admin)?.feedToken).not.toBe(a.feedToken);
  });

  it("revoking a key with rotateFeeds lists that key's providers as changed, and only those", async () => {
    const revoked = keys.create('rotation-owner').apiKey;
    const bystander = keys.create('rotation-bystander').apiKey;
    const mine = providers.create(revoked.id, input('22220003'));
    const theirs = providers.create(bystander.id, input('22220004'));
    const before = await afterNow();
    expect(rotateFeedsOfOwner(db, revoked.id)).toBe(1);
    expect(changedSince(before)).toEqual([mine.id]);
    expect(providers.get(theirs.id, admin)?.feedToken).toBe(theirs.feedToken);
  });
});
