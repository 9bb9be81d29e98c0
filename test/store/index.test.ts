import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/store/database.js';
import { createStores } from '../../src/store/index.js';
import { migrate } from '../../src/store/migrations.js';
import { buildTestApp, removeTempDir, tempDir } from '../helper.js';

let dir: string;
beforeAll(() => {
  dir = tempDir();
});
afterAll(() => removeTempDir(dir));

/** What a private field of a service part holds: the test asks which store instance it was handed. */
const field = (owner: object, name: string): unknown => (owner as Record<string, unknown>)[name];

describe('createStores', () => {
  it('makes each store once per database, on first use', () => {
    const db = openDatabase(join(dir, 'bare.db'));
    try {
      // No migration ran: making the set reads nothing, a store's first use meets the missing table.
      const stores = createStores(db);
      expect(() => stores.providers).toThrow(/no such table/);
      migrate(db);
      const migrated = createStores(db);
      expect(migrated.providers).toBe(migrated.providers);
      expect(migrated.web).toBe(migrated.web);
      expect(createStores(db).providers).not.toBe(migrated.providers);
      expect(field(migrated.web, 'providers')).toBe(migrated.providers);
      expect(field(migrated.web, 'apiKeys')).toBe(migrated.apiKeys);
    } finally {
      db.close();
    }
  });

  it("is the one set a running service holds: the routes', the reminder runner's, the feeds', the webhooks' and the pages'", async () => {
    const app = await buildTestApp(join(dir, 'service.db'));
    try {
      const { store } = app;
      for (const [name, value] of Object.entries(store)) expect(value, name).toBe(store[name as keyof typeof store]);
      for (const name of ['providers', 'events', 'ownDates', 'outbox', 'store'] as const)
        expect(field(app.reminders, name), name).toBe(
          name === 'store' ? store.reminders : store[name as Exclude<typeof name, 'store'>],
        );
      const mails = field(app.reminders, 'mails') as object;
      expect(field(field(mails, 'options') as object, 'webLinks')).toBe(store.web);
      expect(field(field(mails, 'options') as object, 'apiKeys')).toBe(store.apiKeys);
      expect(field(app.feeds, 'state')).toBe(store.feedStates);
      expect(app.webhooks.endpoints).toBe(store.webhookEndpoints);
      expect(app.webhooks.deliveries).toBe(store.webhookDeliveries);
      expect(field(store.web, 'providers')).toBe(store.providers);
    } finally {
      await app.close();
    }
  });
});
