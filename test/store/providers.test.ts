import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiKeyStore } from '../../src/store/api-keys.js';
import { openDatabase, type Db } from '../../src/store/database.js';
import { EventStore } from '../../src/store/events.js';
import { migrate } from '../../src/store/migrations.js';
import { DuplicateAgbError, ProviderStore, type ProviderInput } from '../../src/store/providers.js';
import { SecretTokens } from '../../src/store/secrets.js';
import { removeTempDir, tempDir } from '../helper.js';

let dir: string;
let db: Db;
let keys: ApiKeyStore;
let providers: ProviderStore;
let events: EventStore;

beforeAll(() => {
  dir = tempDir();
  db = openDatabase(join(dir, 'store.db'));
  migrate(db);
  keys = new ApiKeyStore(db);
  providers = new ProviderStore(db);
  events = new EventStore(db);
});
afterAll(() => {
  db.close();
  removeTempDir(dir);
});

const input = (agb: string, contacts: ProviderInput['contacts']): ProviderInput => ({
  name: 'Praktijk',
  agb,
  kinds: ['verloskunde'],
  contracts: [{ insurer: 'voorbeeld', year: 2027, status: 'new' }],
  contacts,
  reminderDays: [7],
});

describe('ProviderStore', () => {
  it("keeps a contact's unsubscribe token and choice when the contacts are replaced by an update", () => {
    const owner = keys.create('owner').apiKey;
    const provider = providers.create(
      owner.id,
      input('90000001', [
        { email: 'stay@example.nl', name: null, language: 'nl' },
        { email: 'go@example.nl', name: null, language: 'nl' },
      ]),
    );
    db.prepare("UPDATE contacts SET unsubscribed_at = 'then' WHERE email = 'stay@example.nl'").run();
    const tokens = new SecretTokens(db);
    const stayId = db.prepare("SELECT id FROM contacts WHERE email = 'stay@example.nl'").pluck().get() as number;
    const token = tokens.current('unsubscribe', stayId);
    expect(token).toMatch(/^[\w-]{43}$/);
    const updated = providers.update(
      provider,
      input('90000001', [
        { email: 'new@example.nl', name: null, language: 'en' },
        { email: 'STAY@example.nl', name: 'Blijft', language: 'en' },
      ]),
    );
    expect(updated.contacts).toEqual([
      { email: 'new@example.nl', name: null, language: 'en' },
      { email: 'STAY@example.nl', name: 'Blijft', language: 'en' },
    ]);
    const stay = db.prepare("SELECT id, unsubscribed_at FROM contacts WHERE lower(email) = 'stay@example.nl'").get();
    expect(stay).toEqual({ id: stayId, unsubscribed_at: 'then' });
    expect(tokens.current('unsubscribe', stayId)).toBe(token);
    expect(tokens.find('unsubscribe', token as string)).toBe(String(stayId));
    expect(db.prepare("SELECT count(*) FROM contacts WHERE email = 'go@example.nl'").pluck().get()).toBe(0);
  });

  it('finds a provider by its feed token through a keyed hash; the database holds neither the token nor a plain hash of it', () => {
    const owner = keys.create('feeds').apiKey;
    const provider = providers.create(owner.id, input('90000002', []));
    expect(providers.getByFeedToken(provider.feedToken)?.id).toBe(provider.id);
    expect(providers.getByFeedToken(`${provider.feedToken}x`)).toBeUndefined();
    const row = db.prepare('SELECT feed_token, feed_token_hash FROM providers WHERE id = ?').get(provider.id) as {
      feed_token: string;
      feed_token_hash: string;
    };
    expect(row).toEqual({ feed_token: provider.id, feed_token_hash: provider.id });
    const dump = JSON.stringify(db.prepare('SELECT * FROM secret_tokens').all());
    expect(dump).not.toContain(provider.feedToken);
    expect(dump).not.toContain(createHash('sha256').update(provider.feedToken).digest('hex'));
    expect(Buffer.from(provider.feedToken, 'base64url').length).toBe(32);
    // Rotating: the old address stops answering, the new one is rebuilt from the key the same way each time.
    const rotated = providers.rotateFeedToken(provider);
    expect(providers.getByFeedToken(provider.feedToken)).toBeUndefined();
    expect(providers.getByFeedToken(rotated.feedToken)?.id).toBe(provider.id);
    expect(providers.get(provider.id, { keyId: owner.id, admin: false })?.feedToken).toBe(rotated.feedToken);
  });

  it('refuses a duplicate AGB code of one owner and writes nothing', () => {
    const owner = keys.create('dupes').apiKey;
    providers.create(owner.id, input('90000003', []));
    const before = db.prepare('SELECT count(*) FROM providers').pluck().get();
    expect(() =>
      providers.create(owner.id, input('90000003', [{ email: 'x@example.nl', name: null, language: 'nl' }])),
    ).toThrow(DuplicateAgbError);
    expect(db.prepare('SELECT count(*) FROM providers').pluck().get()).toBe(before);
  });
});

describe('EventStore', () => {
  it('undoes an event by marking it, so the audit trail keeps it', () => {
    const owner = keys.create('events').apiKey;
    const undoer = keys.create('undoer').apiKey;
    const provider = providers.create(owner.id, input('90000004', []));
    const event = events.record(provider.id, { item: 'voorbeeld/2027/bezwaar', date: '2026-05-01' }, owner.id);
    expect(events.recordedEvents(provider.id)).toEqual([{ item: 'voorbeeld/2027/bezwaar', date: '2026-05-01' }]);
    expect(events.undo(provider.id, event.id, undoer.id)).toMatchObject({
      undoneBy: undoer.id,
      undoneAt: expect.any(String),
    });
    expect(events.recordedEvents(provider.id)).toEqual([]);
    expect(events.list(provider.id, true)).toHaveLength(1);
    expect(events.undo(provider.id, event.id, undoer.id)).toBeUndefined();
  });
});

describe('ApiKeyStore', () => {
  it('stores only an HMAC under the server key and stops authenticating a revoked key', () => {
    const { apiKey, key } = keys.create('hashing');
    const stored = db.prepare('SELECT key_hash FROM api_keys WHERE id = ?').pluck().get(apiKey.id);
    expect(stored).toMatch(/^[0-9a-f]{64}$/);
    expect(stored).not.toBe(createHash('sha256').update(key).digest('hex'));
    expect(keys.authenticate(key)?.id).toBe(apiKey.id);
    expect(keys.revoke(apiKey.id)).toBe(true);
    expect(keys.authenticate(key)).toBeUndefined();
  });
});
