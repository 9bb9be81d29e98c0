import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OwnItemInput } from '../../src/domain/own-items.js';
import { ApiKeyStore } from '../../src/store/api-keys.js';
import { openDatabase, type Db } from '../../src/store/database.js';
import { migrate } from '../../src/store/migrations.js';
import { OwnDateStore } from '../../src/store/own-dates.js';
import { ProviderStore } from '../../src/store/providers.js';
import { removeTempDir, tempDir } from '../helper.js';

let dir: string;
let path: string;
let db: Db;
let store: OwnDateStore;
let keyId: string;
let otherKeyId: string;
let providerId: string;
let otherProviderId: string;

const vgz: OwnItemInput = {
  insurer: 'vgz',
  title: 'Vragenlijst VGZ invullen',
  due: '2027-04-15',
  from: null,
  time: null,
  note: 'e-mail van VGZ, 3 april',
  done: null,
};

beforeAll(() => {
  dir = tempDir();
  path = join(dir, 'own-dates.db');
  db = openDatabase(path);
  migrate(db);
  const keys = new ApiKeyStore(db);
  keyId = keys.create('praktijk').apiKey.id;
  otherKeyId = keys.create('collega').apiKey.id;
  const providers = new ProviderStore(db);
  const provider = (agb: string) =>
    providers.create(keyId, {
      name: 'Praktijk',
      agb,
      kinds: ['verloskunde'],
      contracts: [{ insurer: 'voorbeeld', year: 2027, status: 'new' }],
      contacts: [],
      reminderDays: [7],
    }).id;
  providerId = provider('11111111');
  otherProviderId = provider('22222222');
  store = new OwnDateStore(db);
});
afterAll(() => {
  db.close();
  removeTempDir(dir);
});

const feedVersion = (id: string) =>
  db.prepare('SELECT feed_version FROM providers WHERE id = ?').pluck().get(id) as number;

describe('OwnDateStore', () => {
  it('keeps an own item with who recorded it, changes it (revision up) and removes it, with every step in its history', () => {
    const item = store.createItem(providerId, vgz, keyId);
    expect(item).toMatchObject({ ...vgz, revision: 1, recordedBy: keyId, updatedBy: keyId });
    const changed = store.updateItem(providerId, item.id, { ...vgz, due: '2027-04-22' }, otherKeyId)!;
    expect(changed).toMatchObject({ due: '2027-04-22', revision: 2, recordedBy: keyId, updatedBy: otherKeyId });
    expect(store.removeItem(providerId, item.id, otherKeyId)).toBe(true);
    expect(store.removeItem(providerId, item.id, otherKeyId)).toBe(false);
    expect(store.item(providerId, item.id)).toBeUndefined();
    expect(store.updateItem(providerId, item.id, vgz, keyId)).toBeUndefined();
    const history = store.history(providerId, 'own-item', item.id);
    expect(history.map(({ action, by }) => [action, by])).toEqual([
      ['created', keyId],
      ['changed', otherKeyId],
      ['removed', otherKeyId],
    ]);
    expect(history[1].old).toMatchObject({ due: '2027-04-15' });
    expect(history[1].new).toMatchObject({ due: '2027-04-22' });
    expect(history[2]).toMatchObject({ old: { due: '2027-04-22' }, new: null });
  });

  it("keeps providers apart: one provider's id reaches nothing of another's", () => {
    const item = store.createItem(providerId, vgz, keyId);
    expect(store.item(otherProviderId, item.id)).toBeUndefined();
    expect(store.updateItem(otherProviderId, item.id, vgz, keyId)).toBeUndefined();
    expect(store.removeItem(otherProviderId, item.id, keyId)).toBe(false);
    expect(store.history(otherProviderId, 'own-item', item.id)).toEqual([]);
    expect(store.ownDatesOf([providerId, otherProviderId]).has(otherProviderId)).toBe(false);
    store.removeItem(providerId, item.id, keyId);
  });

  it('keeps one live correction per item: a second one changes it under the same id; undoing keeps the history', () => {
    const first = store.correct(
      providerId,
      { item: 'voorbeeld/2027/ondertekenen', due: '2026-11-08', original: '2026-11-01', reason: 'brief' },
      keyId,
    );
    expect(first.created).toBe(true);
    const second = store.correct(
      providerId,
      { item: 'voorbeeld/2027/ondertekenen', due: '2026-11-09', original: '2026-11-01', reason: 'telefoon' },
      otherKeyId,
    );
    expect(second).toMatchObject({ created: false, correction: { id: first.correction.id, due: '2026-11-09' } });
    expect(store.corrections(providerId)).toHaveLength(1);
    expect(store.removeCorrection(otherProviderId, first.correction.id, keyId)).toBe(false);
    expect(store.removeCorrection(providerId, first.correction.id, keyId)).toBe(true);
    expect(store.corrections(providerId)).toEqual([]);
    // A new correction after the undo is a new one, with its own history.
    const third = store.correct(
      providerId,
      { item: 'voorbeeld/2027/ondertekenen', due: '2026-11-10', original: '2026-11-01', reason: 'mail' },
      keyId,
    );
    expect(third.created).toBe(true);
    expect(third.correction.id).not.toBe(first.correction.id);
    expect(store.history(providerId, 'correction', first.correction.id).map((change) => change.action)).toEqual([
      'created',
      'changed',
      'removed',
    ]);
    store.removeCorrection(providerId, third.correction.id, keyId);
  });

  it('moves the feed counter with every write, so her feed and timeline answers are rebuilt', () => {
    let version = feedVersion(providerId);
    const next = () => {
      const now = feedVersion(providerId);
      expect(now).toBeGreaterThan(version);
      version = now;
    };
    const item = store.createItem(providerId, vgz, keyId);
    next();
    store.updateItem(providerId, item.id, { ...vgz, title: 'Anders' }, keyId);
    next();
    store.removeItem(providerId, item.id, keyId);
    next();
    const { correction } = store.correct(
      providerId,
      { item: 'x/2027/y', due: '2026-11-08', original: '2026-11-01', reason: 'r' },
      keyId,
    );
    next();
    store.removeCorrection(providerId, correction.id, keyId);
    next();
  });

  it('survives a reopened file: what the timeline merges is read back as it was written', () => {
    const item = store.createItem(providerId, { ...vgz, from: '2027-04-01', time: '17:00' }, keyId);
    store.correct(
      providerId,
      { item: 'voorbeeld/2027/ondertekenen', due: '2026-11-08', original: '2026-11-01', reason: 'brief' },
      keyId,
    );
    db.close();
    db = openDatabase(path);
    store = new OwnDateStore(db);
    const dates = store.ownDates(providerId);
    expect(dates.items).toEqual([
      expect.objectContaining({ id: item.id, from: '2027-04-01', time: '17:00', note: vgz.note }),
    ]);
    expect(dates.corrections).toEqual([
      expect.objectContaining({
        item: 'voorbeeld/2027/ondertekenen',
        due: '2026-11-08',
        original: '2026-11-01',
        reason: 'brief',
      }),
    ]);
    expect(store.ownDatesOf([providerId]).get(providerId)).toEqual(dates);
  });

  it('goes with its provider', () => {
    new ProviderStore(db).delete(providerId);
    expect(store.ownDates(providerId)).toEqual({ items: [], corrections: [] });
    expect(db.prepare('SELECT count(*) FROM own_date_changes WHERE provider_id = ?').pluck().get(providerId)).toBe(0);
  });
});
