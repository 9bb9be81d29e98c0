import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addOwnItem, changeOwnItem, computedDates, correctDate } from '../../src/operations/own-dates.js';
import { openDatabase, type Db } from '../../src/store/database.js';
import { createStores, type Stores } from '../../src/store/index.js';
import { migrate } from '../../src/store/migrations.js';
import type { ProviderRecord } from '../../src/store/providers.js';
import { fixtureCalendars, removeTempDir, tempDir, TODAY } from '../helper.js';

let dir: string;
let db: Db;
let stores: Stores;
let keyId: string;
let provider: ProviderRecord;

beforeAll(() => {
  dir = tempDir();
  db = openDatabase(join(dir, 'own-dates.db'));
  migrate(db);
  stores = createStores(db);
  keyId = stores.apiKeys.create('own dates').apiKey.id;
  provider = stores.providers.create(keyId, {
    name: 'Praktijk',
    agb: '12345678',
    kinds: ['verloskunde'],
    contracts: [{ insurer: 'voorbeeld', year: 2027, status: 'new' }],
    contacts: [],
    reminderDays: [7],
  });
});
afterAll(() => {
  db.close();
  removeTempDir(dir);
});

const parts = () => ({ ownDates: stores.ownDates, events: stores.events, calendars: fixtureCalendars, today: TODAY });
const item = {
  insurer: null,
  title: 'Begroting',
  due: '2026-10-01',
  from: null,
  time: null,
  note: 'eigen',
  done: null,
};

describe('own dates', () => {
  it('refuses a title or note longer than the API allows, each field once, and stores nothing', () => {
    const long = addOwnItem(
      parts(),
      provider.id,
      { ...item, title: `a\n${'b'.repeat(200)}`, note: 'n'.repeat(501) },
      keyId,
    );
    expect('problems' in long && long.problems.map(({ field, kind }) => `${field}:${kind}`)).toEqual([
      'title:text',
      'note:text',
    ]);
    expect(stores.ownDates.items(provider.id)).toEqual([]);
    const added = addOwnItem(parts(), provider.id, item, keyId);
    expect('item' in added).toBe(true);
    if (!('item' in added)) return;
    const later = changeOwnItem(parts(), provider.id, added.item.id, { ...item, from: '2026-10-02' }, keyId);
    expect(later && 'problems' in later && later.problems.map(({ field }) => field)).toEqual(['from']);
    expect(changeOwnItem(parts(), provider.id, 'no-such-item', item, keyId)).toBeUndefined();
  });

  it('corrects a computed date only with a reason of at most 500 characters, and keeps the computed date as original', () => {
    const dated = computedDates(parts(), provider).find((entry) => entry.due !== null)!;
    const due = dated.due === '2026-12-01' ? '2026-12-02' : '2026-12-01';
    const long = correctDate(parts(), provider, { item: dated.id, due, reason: 'r'.repeat(501) }, keyId);
    expect('problems' in long && long.problems.map(({ field }) => field)).toEqual(['reason']);
    expect(stores.ownDates.corrections(provider.id)).toEqual([]);
    const corrected = correctDate(parts(), provider, { item: dated.id, due, reason: 'brief' }, keyId);
    expect('correction' in corrected && corrected.correction.original).toBe(dated.due);
  });
});
