import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ApiKeyStore } from '../../src/store/api-keys.js';
import { openDatabase, type Db } from '../../src/store/database.js';
import { EventStore, type EventChange } from '../../src/store/events.js';
import { migrate } from '../../src/store/migrations.js';
import { ProviderStore } from '../../src/store/providers.js';
import { WebhookDeliveryStore } from '../../src/store/webhook-deliveries.js';
import { WebhookEndpointStore } from '../../src/store/webhook-endpoints.js';
import { removeTempDir, tempDir } from '../helper.js';

/** The webhook outbox is written by an observer inside the event's own transaction: both commit, or neither. */
let dir: string;
let db: Db;
let events: EventStore;
let providerId: string;
let keyId: string;

beforeEach(() => {
  dir = tempDir();
  db = openDatabase(join(dir, 'observer.db'));
  migrate(db);
  keyId = new ApiKeyStore(db).create('vendor', false).apiKey.id;
  providerId = new ProviderStore(db).create(keyId, {
    name: 'Praktijk',
    agb: '01234567',
    kinds: ['verloskunde'],
    contracts: [],
    contacts: [],
    reminderDays: [],
  }).id;
  events = new EventStore(db);
});
afterEach(() => {
  db.close();
  removeTempDir(dir);
});

const count = (table: string) => (db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;

describe('EventStore observers', () => {
  it('see the live events before and after, and where the change came from', () => {
    const seen: EventChange[] = [];
    events.observe((change) => seen.push(change));
    const first = events.record(providerId, { item: 'a', date: '2026-05-01' }, keyId, 'web');
    events.undo(providerId, first.id, keyId);
    expect(seen.map((c) => [c.kind, c.via, c.before.length, c.after.length])).toEqual([
      ['recorded', 'web', 0, 1],
      ['undone', 'api', 1, 0],
    ]);
  });

  it('write the outbox in the same transaction: an observer that fails leaves neither event nor message', () => {
    const endpoints = new WebhookEndpointStore(db);
    const deliveries = new WebhookDeliveryStore(db);
    const { endpoint } = endpoints.create(keyId, { url: 'https://hooks.example.nl/', events: null });
    let fail = false;
    events.observe(() => {
      deliveries.enqueue([endpoint.id], 'event.recorded', () => '{}');
      if (fail) throw new Error('disk full');
    });
    events.record(providerId, { item: 'a', date: '2026-05-01' }, keyId);
    expect([count('events'), count('webhook_deliveries')]).toEqual([1, 1]);
    fail = true;
    expect(() => events.record(providerId, { item: 'b', date: '2026-05-01' }, keyId)).toThrow('disk full');
    expect([count('events'), count('webhook_deliveries')]).toEqual([1, 1]);
  });
});
