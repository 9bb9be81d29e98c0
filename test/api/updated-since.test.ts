import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, buildTestApp, createKey, createProvider, removeTempDir, tempDir, type TestApp } from '../helper.js';

let dir: string;
let app: TestApp;
let key: string;

beforeAll(async () => {
  dir = tempDir();
  app = await buildTestApp(`${dir}/updated-since.db`);
  key = (await createKey(app)).key;
});
afterAll(async () => {
  await app.close();
  removeTempDir(dir);
});

const send = (method: 'POST' | 'PATCH', url: string, payload?: object) =>
  app.inject({ method, url, headers: bearer(key), ...(payload ? { payload } : {}) });
/** The ids of this key's providers changed at or after `since`. */
const changedSince = async (since: string) => {
  const response = await app.inject({
    url: `/api/v1/providers?updatedSince=${encodeURIComponent(since)}`,
    headers: bearer(key),
  });
  expect(response.statusCode, response.body).toBe(200);
  return (response.json().items as { id: string }[]).map((item) => item.id).sort();
};
/** An instant strictly after everything before it and before everything after it. */
const mark = async () => {
  await sleep(5);
  const now = new Date().toISOString();
  await sleep(5);
  return now;
};

describe('GET /api/v1/providers?updatedSince=', () => {
  it('lists the providers whose own fields, events, own items or corrections changed since, and no other', async () => {
    const [a, b, c, d, untouched] = [
      await createProvider(app, key, { agb: '55550001' }),
      await createProvider(app, key, { agb: '55550002' }),
      await createProvider(app, key, { agb: '55550003' }),
      await createProvider(app, key, { agb: '55550004' }),
      await createProvider(app, key, { agb: '55550005' }),
    ];
    const start = await mark();
    expect(await changedSince(start)).toEqual([]);

    await send('PATCH', `/api/v1/providers/${a.id}`, {
      contracts: [{ insurer: 'voorbeeld', year: 2027, status: 'existing' }],
    });
    const afterContract = await mark();
    const items = (await app.inject({ url: `/api/v1/providers/${b.id}/timeline`, headers: bearer(key) })).json()
      .items as { id: string }[];
    const event = await send('POST', `/api/v1/providers/${b.id}/events`, { item: items[0]!.id, date: '2026-05-01' });
    expect(event.statusCode).toBe(201);
    const afterEvent = await mark();
    const ownItem = await send('POST', `/api/v1/providers/${c.id}/own-items`, {
      insurer: 'vgz',
      title: 'Vragenlijst',
      due: '2026-06-20',
      note: 'e-mail van VGZ',
    });
    expect(ownItem.statusCode).toBe(201);
    const correction = await send('POST', `/api/v1/providers/${d.id}/corrections`, {
      item: 'voorbeeld/2027/ondertekenen',
      due: '2026-11-08',
      reason: 'brief van 2 oktober',
    });
    expect(correction.statusCode).toBe(201);

    expect(await changedSince(start)).toEqual([a.id, b.id, c.id, d.id].sort());
    expect(await changedSince(afterContract)).toEqual([b.id, c.id, d.id].sort());
    expect(await changedSince(afterEvent)).toEqual([c.id, d.id].sort());
    expect(untouched.id).toBeDefined();

    // Undoing the event is a change of b again; an offset in the instant is read as the instant it names.
    const beforeUndo = await mark();
    const undo = await app.inject({
      method: 'DELETE',
      url: `/api/v1/providers/${b.id}/events/${event.json().id}`,
      headers: bearer(key),
    });
    expect(undo.statusCode).toBe(204);
    const amsterdam = new Date(Date.parse(beforeUndo)).toISOString().replace('Z', '+00:00');
    expect(await changedSince(amsterdam)).toEqual([b.id]);
  });

  it('pages the changed providers by cursor like the whole list', async () => {
    const start = await mark();
    const ids = [];
    for (let i = 0; i < 3; i++) ids.push((await createProvider(app, key, { agb: `5555100${i}` })).id);
    const first = await app.inject({
      url: `/api/v1/providers?updatedSince=${encodeURIComponent(start)}&limit=2`,
      headers: bearer(key),
    });
    expect(first.json().total).toBe(3);
    const link = /^<([^>]+)>/.exec(first.headers.link as string)![1]!;
    expect(link).toContain('updatedSince=');
    const second = await app.inject({ url: link, headers: bearer(key) });
    expect([...first.json().items, ...second.json().items].map((item: { id: string }) => item.id)).toEqual(ids);
  });

  it('refuses what is not an instant', async () => {
    for (const since of ['yesterday', '2026-05-01', '2026-13-01T00:00:00Z']) {
      const response = await app.inject({ url: `/api/v1/providers?updatedSince=${since}`, headers: bearer(key) });
      expect(response.statusCode, since).toBe(400);
      expect(response.json().errors[0]).toMatchObject({ field: 'updatedSince' });
    }
  });
});
