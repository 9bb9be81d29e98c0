import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, buildTestApp, createKey, createProvider, removeTempDir, tempDir, type TestApp } from '../helper.js';

let dir: string;
let app: TestApp;
let key: string;
let otherKey: string;
let provider: Record<string, any>;

beforeAll(async () => {
  dir = tempDir();
  app = await buildTestApp(`${dir}/own-dates.db`);
  key = (await createKey(app)).key;
  otherKey = (await createKey(app, 'other')).key;
  provider = await createProvider(app, key);
});
afterAll(async () => {
  await app.close();
  removeTempDir(dir);
});

const base = () => `/api/v1/providers/${provider.id}`;
const send = (method: 'POST' | 'PATCH' | 'DELETE' | 'GET', path: string, payload?: object, as = key) =>
  app.inject({ method, url: `${base()}${path}`, headers: bearer(as), ...(payload ? { payload } : {}) });
const timeline = async () => (await send('GET', '/timeline')).json().items as any[];
const vgz = { insurer: 'vgz', title: 'Vragenlijst VGZ invullen', due: '2026-06-20', note: 'e-mail van VGZ, 3 april' };

describe('own items', () => {
  it('records one: 201, in the timeline as type own with its note as source and who recorded it', async () => {
    const response = await send('POST', '/own-items', { ...vgz, from: '2026-06-10', time: '17:00' });
    expect(response.statusCode).toBe(201);
    const item = response.json();
    expect(item).toMatchObject({ ...vgz, from: '2026-06-10', time: '17:00', done: null, revision: 1 });
    expect(response.headers.location).toBe(`${base()}/own-items/${item.id}`);
    const shown = (await timeline()).find((entry) => entry.id === `own/${item.id}`);
    expect(shown).toMatchObject({
      type: 'own',
      actor: 'provider',
      insurer: 'vgz',
      due: '2026-06-20',
      time: '17:00',
      window: { from: '2026-06-10', to: '2026-06-20' },
      status: 'upcoming',
      source: { quote: 'e-mail van VGZ, 3 april' },
      recorded: { by: item.recordedBy, at: item.recordedAt, revision: 1 },
    });
    // 20 June 2026 is a Saturday: flagged like any deadline of hers.
    expect(shown.flags).toEqual([{ code: 'weekend', day: 'zaterdag', lastWorkingDay: '2026-06-19' }]);
    expect(shown.derivation.nl).toContain('bron: e-mail van VGZ, 3 april');
    await send('DELETE', `/own-items/${item.id}`);
  });

  it('records her own preparation date for no insurer, and an insurer with a calendar', async () => {
    const none = await send('POST', '/own-items', { ...vgz, insurer: null, title: 'Begroting voorbereiden' });
    expect(none.statusCode).toBe(201);
    expect((await timeline()).find((entry) => entry.id === `own/${none.json().id}`).insurer).toBe('');
    expect((await send('POST', '/own-items', { ...vgz, insurer: 'voorbeeld' })).statusCode).toBe(201);
  });

  it.each([
    ['an insurer id that is no slug', { insurer: 'VGZ!' }, 'insurer'],
    ['an impossible date', { due: '2026-02-30' }, 'due'],
    ['a window that opens after the due date', { from: '2026-07-01' }, 'from'],
    ['a time that is none', { time: '25:00' }, 'time'],
    ['a title with a line break', { title: 'a\nb' }, 'title'],
    ['a blank note', { note: '   ' }, 'note'],
    ['done after today', { done: '2026-06-02' }, 'done'],
    ['no note', { note: undefined }, 'note'],
    ['an unknown field', { colour: 'red' }, 'colour'],
  ])('refuses %s with a 400 naming the field, and records nothing', async (_name, change, field) => {
    const before = (await send('GET', '/own-items')).json().items.length;
    const response = await send('POST', '/own-items', { ...vgz, ...change });
    expect(response.statusCode).toBe(400);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(JSON.stringify(response.json().errors)).toContain(field);
    expect((await send('GET', '/own-items')).json().items.length).toBe(before);
  });

  it('changes one with PATCH (revision up), keeps its history, refuses bad input unchanged, removes it', async () => {
    const item = (await send('POST', '/own-items', vgz)).json();
    const bad = await send('PATCH', `/own-items/${item.id}`, { due: '2026-06-25', from: '2026-06-30' });
    expect(bad.statusCode).toBe(400);
    expect((await send('GET', '/own-items')).json().items.find((i: any) => i.id === item.id)).toMatchObject({
      due: '2026-06-20',
      revision: 1,
    });
    const changed = await send('PATCH', `/own-items/${item.id}`, {
      due: '2026-06-25',
      note: 'e-mail van VGZ, 10 april',
    });
    expect(changed.statusCode).toBe(200);
    expect(changed.json()).toMatchObject({ due: '2026-06-25', note: 'e-mail van VGZ, 10 april', revision: 2 });
    expect((await timeline()).find((entry) => entry.id === `own/${item.id}`).due).toBe('2026-06-25');
    const done = await send('PATCH', `/own-items/${item.id}`, { done: '2026-05-30' });
    expect((await timeline()).find((entry) => entry.id === `own/${item.id}`).status).toBe('done');
    expect(done.json().revision).toBe(3);
    expect((await send('DELETE', `/own-items/${item.id}`)).statusCode).toBe(204);
    expect((await timeline()).some((entry) => entry.id === `own/${item.id}`)).toBe(false);
    expect((await send('DELETE', `/own-items/${item.id}`)).statusCode).toBe(404);
    const history = (await send('GET', `/own-items/${item.id}/history`)).json().items;
    expect(history.map((change: any) => change.action)).toEqual(['created', 'changed', 'changed', 'removed']);
    expect(history[1]).toMatchObject({
      by: item.recordedBy,
      old: { due: '2026-06-20', note: 'e-mail van VGZ, 3 april' },
      new: { due: '2026-06-25', note: 'e-mail van VGZ, 10 april' },
    });
    expect(history[3].new).toBeNull();
  });

  it('keeps tenants apart: another key sees, changes and removes none of them', async () => {
    const item = (await send('POST', '/own-items', vgz)).json();
    for (const [method, path, body] of [
      ['GET', '/own-items', undefined],
      ['POST', '/own-items', vgz],
      ['PATCH', `/own-items/${item.id}`, { due: '2026-07-01' }],
      ['DELETE', `/own-items/${item.id}`, undefined],
      ['GET', `/own-items/${item.id}/history`, undefined],
      ['POST', '/corrections', { item: 'voorbeeld/2027/ondertekenen', due: '2026-11-08', reason: 'x' }],
      ['GET', '/corrections', undefined],
    ] as const)
      expect((await send(method, path, body, otherKey)).statusCode).toBe(404);
    expect((await send('GET', '/own-items')).json().items.find((i: any) => i.id === item.id).due).toBe('2026-06-20');
  });

  it('answers the list with an ETag that moves with a change', async () => {
    const first = await send('GET', '/own-items');
    const etag = first.headers.etag as string;
    const again = await app.inject({ url: `${base()}/own-items`, headers: { ...bearer(key), 'if-none-match': etag } });
    expect(again.statusCode).toBe(304);
    await send('POST', '/own-items', vgz);
    expect((await send('GET', '/own-items')).headers.etag).not.toBe(etag);
  });
});

describe('corrections', () => {
  const computedSigning = async () => (await timeline()).find((entry) => entry.id === 'voorbeeld/2027/ondertekenen');

  it('corrects a computed date: the item shows the corrected date, the original and the reason; DELETE undoes it', async () => {
    const original = await computedSigning();
    expect(original.due).not.toBe('2026-11-08');
    const response = await send('POST', '/corrections', {
      item: original.id,
      due: '2026-11-08',
      reason: 'gave us until 8 November, letter of 2 October',
    });
    expect(response.statusCode).toBe(201);
    const correction = response.json();
    expect(correction).toMatchObject({
      item: original.id,
      due: '2026-11-08',
      original: original.due,
      computed: original.due,
    });
    const shown = await computedSigning();
    expect(shown.due).toBe('2026-11-08');
    expect(shown.correction).toMatchObject({ due: '2026-11-08', original: original.due, calendarNow: null });
    expect(shown.derivation.en).toContain('reason: gave us until 8 November, letter of 2 October');
    // Her date with its own weekend advice first, the calendar's computation after, named as such.
    expect(shown.derivation.en).toMatch(
      /^corrected by the practice to 8 November 2026 \(computed was 1 November 2026; reason: .*\); falls on a Sunday: see to it by Friday 6 November; the calendar's computation: by 1 November 2026/,
    );

    const again = await send('POST', '/corrections', { item: original.id, due: '2026-11-09', reason: 'phoned' });
    expect(again.statusCode).toBe(200);
    expect(again.json().id).toBe(correction.id);
    expect((await send('GET', '/corrections')).json().items).toHaveLength(1);

    expect((await send('DELETE', `/corrections/${correction.id}`)).statusCode).toBe(204);
    expect((await computedSigning()).due).toBe(original.due);
    expect((await computedSigning()).correction).toBeUndefined();
    const history = (await send('GET', `/corrections/${correction.id}/history`)).json().items;
    expect(history.map((change: any) => change.action)).toEqual(['created', 'changed', 'removed']);
    expect(history[1]).toMatchObject({ old: { due: '2026-11-08' }, new: { due: '2026-11-09', reason: 'phoned' } });
  });

  it.each([
    ['an item not in her timeline', { item: 'voorbeeld/2027/nergens' }, 'item'],
    ['an own item', { item: 'own/123' }, 'item'],
    ['an impossible date', { due: '2026-11-31' }, 'due'],
    ['a blank reason', { reason: ' ' }, 'reason'],
    ['no reason', { reason: undefined }, 'reason'],
  ])('refuses %s with a 400 and corrects nothing', async (_name, change, field) => {
    const payload = { item: 'voorbeeld/2027/ondertekenen', due: '2026-11-08', reason: 'brief', ...change };
    const response = await send('POST', '/corrections', payload);
    expect(response.statusCode).toBe(400);
    expect(JSON.stringify(response.json().errors)).toContain(field);
    expect((await send('GET', '/corrections')).json().items).toEqual([]);
    expect((await computedSigning()).correction).toBeUndefined();
  });

  it('refuses the computed date itself', async () => {
    const original = await computedSigning();
    const response = await send('POST', '/corrections', { item: original.id, due: original.due, reason: 'same' });
    expect(response.statusCode).toBe(400);
    expect(response.json().errors[0].message).toContain('computed date already');
  });
});
