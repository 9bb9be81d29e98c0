import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { providerUid } from '../../src/feeds/feed-events.js';
import { bearer, buildTestApp, createKey, createProvider, removeTempDir, tempDir, type TestApp } from '../helper.js';
import { parseWithIcalJs, parseWithPython, type ParsedEvent } from './parsers.js';

let dir: string;
let app: TestApp;
let key: string;
let provider: Record<string, any>;

beforeAll(async () => {
  dir = tempDir();
  app = await buildTestApp(`${dir}/own-feed.db`);
  key = (await createKey(app)).key;
  provider = await createProvider(app, key);
});
afterAll(async () => {
  await app.close();
  removeTempDir(dir);
});

const feed = async () => {
  const response = await app.inject({ url: new URL(provider.feedUrl).pathname });
  expect(response.statusCode).toBe(200);
  return response.body;
};
const eventOf = (text: string, uid: string): ParsedEvent | undefined =>
  parseWithIcalJs(text).events.find((event) => event.uid === uid);
const send = (method: 'POST' | 'PATCH' | 'DELETE', path: string, payload?: object) =>
  app.inject({
    method,
    url: `/api/v1/providers/${provider.id}${path}`,
    headers: bearer(key),
    ...(payload ? { payload } : {}),
  });

describe('her feed', () => {
  it('carries her own item with a stable UID, its note as the source, and her reminders', async () => {
    const item = (
      await send('POST', '/own-items', {
        insurer: 'vgz',
        title: 'Vragenlijst VGZ invullen',
        due: '2026-06-24',
        note: 'e-mail van VGZ, 3 april',
      })
    ).json();
    const uid = providerUid(provider.id, `own/${item.id}`);
    const first = await feed();
    const event = eventOf(first, uid)!;
    expect(event).toMatchObject({ allDay: true, start: '2026-06-24', sequence: 0, status: 'CONFIRMED' });
    expect(event.summary).toBe('vgz: vragenlijst VGZ invullen (eigen datum)');
    expect(event.description).toContain('Bron: e-mail van VGZ, 3 april (uw eigen datum)');
    // The provider's reminder days (14, 7, 1 by default) as alarms: she acts on it like any deadline.
    expect(event.alarms.length).toBeGreaterThan(0);
    expect(parseWithPython(first).events.find((parsed) => parsed.uid === uid)?.start).toBe('2026-06-24');

    // Read again, and after a change of its date: the same UID, the event moved with SEQUENCE up.
    expect(eventOf(await feed(), uid)).toEqual(event);
    await send('PATCH', `/own-items/${item.id}`, { due: '2026-06-26' });
    const moved = eventOf(await feed(), uid)!;
    expect(moved).toMatchObject({ start: '2026-06-26', sequence: 1 });

    await send('DELETE', `/own-items/${item.id}`);
    expect(eventOf(await feed(), uid)).toBeUndefined();
  });

  it('names her own preparation date (no insurer) once, as her own', async () => {
    const item = (
      await send('POST', '/own-items', {
        insurer: null,
        title: 'Begroting voorbereiden',
        due: '2026-07-01',
        note: 'eigen planning',
      })
    ).json();
    const event = eventOf(await feed(), providerUid(provider.id, `own/${item.id}`))!;
    expect(event.summary).toBe('Eigen datum: begroting voorbereiden');
    expect(event.description).not.toContain('Contact:');
    await send('DELETE', `/own-items/${item.id}`);
  });

  it('moves a corrected item to her date with SEQUENCE up, and back when the correction is undone', async () => {
    const uid = providerUid(provider.id, 'voorbeeld/2027/ondertekenen');
    const before = eventOf(await feed(), uid)!;
    const response = await send('POST', '/corrections', {
      item: 'voorbeeld/2027/ondertekenen',
      due: '2026-11-20',
      reason: 'uitstel gekregen, brief van 2 oktober',
    });
    expect(response.statusCode).toBe(201);
    const text = await feed();
    const corrected = eventOf(text, uid)!;
    expect(corrected.start).toBe('2026-11-20');
    expect(corrected.start).not.toBe(before.start);
    expect(corrected.sequence).toBe(before.sequence + 1);
    expect(corrected.summary).toContain('(gecorrigeerd)');
    expect(corrected.description).toContain('reden: uitstel gekregen, brief van 2 oktober');
    expect(parseWithPython(text).events.find((parsed) => parsed.uid === uid)?.start).toBe('2026-11-20');
    expect(eventOf(await feed(), uid)).toEqual(corrected);

    await send('DELETE', `/corrections/${response.json().id}`);
    const undone = eventOf(await feed(), uid)!;
    expect(undone).toMatchObject({ start: before.start, sequence: before.sequence + 2 });
  });
});
