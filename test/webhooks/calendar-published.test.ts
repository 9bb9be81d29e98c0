import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CalendarSet } from '../../src/domain/calendar-set.js';
import {
  bearer,
  buildTestApp,
  createKey,
  createProvider,
  fixtureCalendars,
  removeTempDir,
  tempDir,
  type TestApp,
} from '../helper.js';

/** A start with a newer calendar version announces it once, to each tenant with its affected providers. */
let dir: string;
let app: TestApp | undefined;

beforeEach(() => {
  dir = tempDir();
});
afterEach(async () => {
  await app?.close();
  app = undefined;
  removeTempDir(dir);
});

const withVoorbeeldVersion = (bump: number) =>
  new CalendarSet(
    fixtureCalendars
      .all()
      .map((calendar) =>
        calendar.file.insurer === 'voorbeeld'
          ? { ...calendar.file, version: (calendar.file.version ?? 1) + bump }
          : calendar.file,
      ),
  );

const messages = (endpointId: string) =>
  (
    app!.db
      .prepare('SELECT payload FROM webhook_deliveries WHERE endpoint_id = ? AND type = ?')
      .pluck()
      .all(endpointId, 'calendar.published') as string[]
  ).map((payload) => JSON.parse(payload));

describe('calendar.published', () => {
  it('announces a new version once, naming each tenant its providers with that contract', async () => {
    const db = `${dir}/calendars.db`;
    app = await buildTestApp(db);
    const vendor = await createKey(app, 'vendor');
    const other = await createKey(app, 'other');
    const hook = async (key: string, events?: string[]) =>
      (
        await app!.inject({
          method: 'POST',
          url: '/api/v1/webhooks',
          headers: bearer(key),
          payload: { url: 'https://hooks.example.nl/', ...(events ? { events } : {}) },
        })
      ).json().id as string;
    const vendorHook = await hook(vendor.key);
    const otherHook = await hook(other.key, ['calendar.published']);
    const notSubscribed = await hook(other.key, ['event.recorded']);
    const provider = await createProvider(app, vendor.key);
    expect(messages(vendorHook)).toEqual([]); // the first start announced nothing
    const before = (fixtureCalendars.get('voorbeeld', 2027)!.file.version ?? 1) as number;
    await app.close();

    app = await buildTestApp(db, { calendars: withVoorbeeldVersion(1) });
    expect(messages(vendorHook)).toEqual([
      {
        type: 'calendar.published',
        timestamp: expect.any(String),
        data: expect.objectContaining({
          calendar: 'voorbeeld/2027',
          version: before + 1,
          previousVersion: before,
          providerIds: [provider.id],
        }),
      },
    ]);
    expect(messages(otherHook).map((m) => m.data.providerIds)).toEqual([[]]);
    expect(messages(notSubscribed)).toEqual([]);
    await app.close();

    // The same versions again: nothing new.
    app = await buildTestApp(db, { calendars: withVoorbeeldVersion(1) });
    expect(messages(vendorHook)).toHaveLength(1);
  });
});
