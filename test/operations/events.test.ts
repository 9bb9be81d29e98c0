import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recordBounds } from '../../src/domain/recording.js';
import { computeTimeline } from '../../src/domain/timeline.js';
import { recordEvent, undoEvent, type RecordingRules } from '../../src/operations/events.js';
import { openDatabase, type Db } from '../../src/store/database.js';
import { createStores, type Stores } from '../../src/store/index.js';
import { migrate } from '../../src/store/migrations.js';
import type { ProviderRecord } from '../../src/store/providers.js';
import { fixtureCalendars, removeTempDir, tempDir, TODAY } from '../helper.js';

const API: RecordingRules = { note: 'free-text', sameTwiceIsOnce: false };
const FORM: RecordingRules = { note: 'single-line', sameTwiceIsOnce: true };

let dir: string;
let db: Db;
let stores: Stores;
let keyId: string;
let seq = 0;

beforeAll(() => {
  dir = tempDir();
  db = openDatabase(join(dir, 'operations.db'));
  migrate(db);
  stores = createStores(db);
  keyId = stores.apiKeys.create('operations').apiKey.id;
});
afterAll(() => {
  db.close();
  removeTempDir(dir);
});

/** A fresh provider with a voorbeeld 2027 contract, and a step of hers that can be recorded today. */
function providerWithStep(): { provider: ProviderRecord; item: string } {
  const provider = stores.providers.create(keyId, {
    name: `Praktijk ${++seq}`,
    agb: String(10_000_000 + seq),
    kinds: ['verloskunde'],
    contracts: [{ insurer: 'voorbeeld', year: 2027, status: 'new' }],
    contacts: [],
    reminderDays: [7],
  });
  const item = computeTimeline(provider, fixtureCalendars, [], TODAY).find((candidate) => {
    const bounds = recordBounds(provider, fixtureCalendars, [], candidate.id, TODAY);
    return bounds?.from != null && bounds.from <= TODAY;
  })!.id;
  return { provider, item };
}

const parts = () => ({ events: stores.events, calendars: fixtureCalendars, today: TODAY });
const by = (via: 'api' | 'web') => ({ keyId, via });
const live = (providerId: string) => stores.events.list(providerId).length;

describe('recordEvent', () => {
  it('stores nothing and names the field when the check or the note rule finds a problem', () => {
    const { provider, item } = providerWithStep();
    const early = recordEvent(parts(), provider, { item, date: '1900-01-01', note: null }, by('api'), API);
    expect('problems' in early && early.problems.map((problem) => problem.kind)).toEqual(['too-early']);
    const twoLines = { item, date: TODAY, note: 'eerste regel\ntweede regel' };
    const onForm = recordEvent(parts(), provider, twoLines, by('web'), FORM);
    expect('problems' in onForm && onForm.problems).toEqual([{ field: 'note', kind: 'bad-note', maxLength: 500 }]);
    expect(live(provider.id)).toBe(0);
    // The API's note is free text: the same two lines are stored there.
    expect('event' in recordEvent(parts(), provider, twoLines, by('api'), API)).toBe(true);
    expect(live(provider.id)).toBe(1);
  });

  it('records a form sent twice once; the API records each call (its Idempotency-Key is what repeats)', () => {
    const { provider, item } = providerWithStep();
    const input = { item, date: TODAY, note: 'gebeld' };
    const first = recordEvent(parts(), provider, input, by('web'), FORM);
    const again = recordEvent(parts(), provider, input, by('web'), FORM);
    expect('event' in first && 'event' in again && again.event.id === first.event.id).toBe(true);
    expect(live(provider.id)).toBe(1);
    recordEvent(parts(), provider, input, by('api'), API);
    expect(live(provider.id)).toBe(2);
  });
});

describe('undoEvent', () => {
  it('undoes that event, or with its repeats every live one of that step on that date', () => {
    const { provider, item } = providerWithStep();
    const input = { item, date: TODAY, note: null };
    const record = () => {
      const result = recordEvent(parts(), provider, input, by('api'), API);
      if (!('event' in result)) throw new Error('not recorded');
      return result.event;
    };
    const [a, b] = [record(), record()];
    expect(undoEvent(stores.events, provider.id, a.id, by('api'))?.id).toBe(a.id);
    expect(stores.events.list(provider.id).map((event) => event.id)).toEqual([b.id]);
    expect(undoEvent(stores.events, provider.id, a.id, by('api'))).toBeUndefined();
    const [c, d] = [record(), record()];
    expect(undoEvent(stores.events, provider.id, c.id, by('web'), true)?.id).toBe(c.id);
    expect(stores.events.list(provider.id)).toEqual([]);
    expect(stores.events.get(provider.id, d.id)?.undoneAt).not.toBeNull();
  });
});
