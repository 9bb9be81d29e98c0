import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, buildTestApp, createKey, createProvider, removeTempDir, tempDir, type TestApp } from '../helper.js';

let dir: string;
let app: TestApp;
let key: string;

beforeAll(async () => {
  dir = tempDir();
  app = await buildTestApp(`${dir}/conditional.db`);
  key = (await createKey(app)).key;
});
afterAll(async () => {
  await app.close();
  removeTempDir(dir);
});

const read = (id: string) => app.inject({ url: `/api/v1/providers/${id}`, headers: bearer(key) });
const patch = (id: string, payload: object, ifMatch?: string) =>
  app.inject({
    method: 'PATCH',
    url: `/api/v1/providers/${id}`,
    headers: { ...bearer(key), ...(ifMatch ? { 'if-match': ifMatch } : {}) },
    payload,
  });
const remove = (id: string, ifMatch: string) =>
  app.inject({ method: 'DELETE', url: `/api/v1/providers/${id}`, headers: { ...bearer(key), 'if-match': ifMatch } });

describe('If-Match on PATCH and DELETE of a provider', () => {
  it('two editors: the second, holding the old ETag, gets 412 and changes nothing', async () => {
    const provider = await createProvider(app, key, { agb: '22220001' });
    const etag = (await read(provider.id)).headers.etag as string;
    const first = await patch(provider.id, { name: 'Praktijk Eerste' }, etag);
    expect(first.statusCode).toBe(200);
    expect(first.json().name).toBe('Praktijk Eerste');
    const newTag = first.headers.etag as string;
    expect(newTag).toBeDefined();
    expect(newTag).not.toBe(etag);
    // The answer's ETag is the one a read gives now: the client's next If-Match.
    expect((await read(provider.id)).headers.etag).toBe(newTag);

    const second = await patch(provider.id, { name: 'Praktijk Tweede' }, etag);
    expect(second.statusCode).toBe(412);
    expect(second.headers['content-type']).toContain('application/problem+json');
    expect(second.json().type).toMatch(/precondition-failed$/);
    expect(second.headers.etag).toBe(newTag);
    expect((await read(provider.id)).json().name).toBe('Praktijk Eerste');

    expect((await patch(provider.id, { name: 'Praktijk Tweede' }, newTag)).statusCode).toBe(200);
  });

  it('* matches any current provider; a weak tag never matches; without If-Match the change is made', async () => {
    const provider = await createProvider(app, key, { agb: '22220002' });
    expect((await patch(provider.id, { name: 'Met ster' }, '*')).statusCode).toBe(200);
    const etag = (await read(provider.id)).headers.etag as string;
    expect((await patch(provider.id, { name: 'Zwak' }, `W/${etag}`)).statusCode).toBe(412);
    expect((await patch(provider.id, { name: 'Zonder' })).statusCode).toBe(200);
  });

  it('DELETE with an old ETag is refused and the provider stays; with the current one it goes', async () => {
    const provider = await createProvider(app, key, { agb: '22220003' });
    const etag = (await read(provider.id)).headers.etag as string;
    await patch(provider.id, { name: 'Intussen gewijzigd' });
    expect((await remove(provider.id, etag)).statusCode).toBe(412);
    expect((await read(provider.id)).statusCode).toBe(200);
    const current = (await read(provider.id)).headers.etag as string;
    expect((await remove(provider.id, current)).statusCode).toBe(204);
    expect((await read(provider.id)).statusCode).toBe(404);
  });
});

/** The resource read, and a change made with `ifMatch` (or without when undefined). */
const get = (url: string) => app.inject({ url, headers: bearer(key) });
const change = (method: 'PATCH' | 'DELETE', url: string, ifMatch?: string, payload?: object, type?: string) =>
  app.inject({
    method,
    url,
    headers: {
      ...bearer(key),
      ...(ifMatch ? { 'if-match': ifMatch } : {}),
      ...(type ? { 'content-type': type } : {}),
    },
    ...(payload ? { payload: type ? JSON.stringify(payload) : payload } : {}),
  });
const MERGE_PATCH = 'application/merge-patch+json';

describe('If-Match on every change of a resource', () => {
  it('an own item: PATCH and DELETE with an old ETag answer 412 and change nothing', async () => {
    const provider = await createProvider(app, key, { agb: '22220011' });
    const created = await app.inject({
      method: 'POST',
      url: `/api/v1/providers/${provider.id}/own-items`,
      headers: bearer(key),
      payload: { insurer: 'vgz', title: 'Vragenlijst', due: '2026-06-20', note: 'e-mail van VGZ' },
    });
    const url = `/api/v1/providers/${provider.id}/own-items/${created.json().id}`;
    const read = await get(url);
    expect(read.statusCode).toBe(200);
    const etag = read.headers.etag as string;
    expect((await app.inject({ url, headers: { ...bearer(key), 'if-none-match': etag } })).statusCode).toBe(304);
    const first = await change('PATCH', url, etag, { title: 'Vragenlijst VGZ' });
    expect(first.statusCode).toBe(200);
    expect(first.headers.etag).toBe((await get(url)).headers.etag);
    const stale = await change('PATCH', url, etag, { title: 'Overschreven' });
    expect(stale.statusCode).toBe(412);
    expect(stale.headers.etag).toBe(first.headers.etag);
    expect((await change('DELETE', url, etag)).statusCode).toBe(412);
    expect((await get(url)).json().title).toBe('Vragenlijst VGZ');
    expect((await change('DELETE', url, first.headers.etag as string)).statusCode).toBe(204);
    expect((await get(url)).statusCode).toBe(404);
  });

  it('a correction: undo with the ETag of before it was corrected again answers 412', async () => {
    const provider = await createProvider(app, key, { agb: '22220012' });
    const correct = (due: string) =>
      app.inject({
        method: 'POST',
        url: `/api/v1/providers/${provider.id}/corrections`,
        headers: bearer(key),
        payload: { item: 'voorbeeld/2027/ondertekenen', due, reason: 'brief van 2 oktober' },
      });
    const url = `/api/v1/providers/${provider.id}/corrections/${(await correct('2026-11-08')).json().id}`;
    const etag = (await get(url)).headers.etag as string;
    expect(etag).toBeDefined();
    await correct('2026-11-09');
    const stale = await change('DELETE', url, etag);
    expect(stale.statusCode).toBe(412);
    expect((await get(url)).json().due).toBe('2026-11-09');
    expect((await change('DELETE', url, (await get(url)).headers.etag as string)).statusCode).toBe(204);
  });

  it('an event: undo only while it is as read; the undone event stays readable', async () => {
    const provider = await createProvider(app, key, { agb: '22220013' });
    const items = (await get(`/api/v1/providers/${provider.id}/timeline`)).json().items as { id: string }[];
    const recorded = await app.inject({
      method: 'POST',
      url: `/api/v1/providers/${provider.id}/events`,
      headers: bearer(key),
      payload: { item: items[0]!.id, date: '2026-05-01' },
    });
    const url = `/api/v1/providers/${provider.id}/events/${recorded.json().id}`;
    const read = await get(url);
    expect(read.statusCode).toBe(200);
    expect(read.json()).toMatchObject({ item: items[0]!.id, undoneAt: null });
    expect((await change('DELETE', url, '"not-this-one"')).statusCode).toBe(412);
    expect((await get(url)).json().undoneAt).toBeNull();
    expect((await change('DELETE', url, read.headers.etag as string)).statusCode).toBe(204);
    const undone = await get(url);
    expect(undone.json().undoneAt).not.toBeNull();
    expect(undone.headers.etag).not.toBe(read.headers.etag);
  });

  it('a webhook: PATCH and DELETE with an old ETag answer 412', async () => {
    const created = await app.inject({
      method: 'POST',
      url: '/api/v1/webhooks',
      headers: bearer(key),
      payload: { url: 'https://practice-software.example/hook' },
    });
    const url = `/api/v1/webhooks/${created.json().id}`;
    const etag = (await get(url)).headers.etag as string;
    const paused = await change('PATCH', url, etag, { enabled: false });
    expect(paused.statusCode).toBe(200);
    expect(paused.headers.etag).toBe((await get(url)).headers.etag);
    expect((await change('PATCH', url, etag, { enabled: true })).statusCode).toBe(412);
    expect((await change('DELETE', url, etag)).statusCode).toBe(412);
    expect((await get(url)).json().enabled).toBe(false);
    expect((await change('DELETE', url, paused.headers.etag as string)).statusCode).toBe(204);
  });
});

describe('a created resource answers with the ETag its GET gives', () => {
  it('provider, own item, correction and event: the 201 ETag is the read ETag and a valid If-Match', async () => {
    const createdProvider = await app.inject({
      method: 'POST',
      url: '/api/v1/providers',
      headers: bearer(key),
      payload: {
        agb: '22220041',
        name: 'Praktijk Nieuw',
        kinds: ['verloskunde'],
        contracts: [{ insurer: 'voorbeeld', year: 2027, status: 'existing' }],
      },
    });
    expect(createdProvider.statusCode, createdProvider.body).toBe(201);
    const providerUrl = createdProvider.headers.location as string;
    expect(createdProvider.headers.etag).toBeDefined();
    expect((await get(providerUrl)).headers.etag).toBe(createdProvider.headers.etag);
    const renamed = await change('PATCH', providerUrl, createdProvider.headers.etag as string, {
      name: 'Praktijk Zon',
    });
    expect(renamed.statusCode, renamed.body).toBe(200);

    const created = [
      await app.inject({
        method: 'POST',
        url: `${providerUrl}/own-items`,
        headers: bearer(key),
        payload: { insurer: 'vgz', title: 'Vragenlijst', due: '2026-06-20', note: 'e-mail van VGZ' },
      }),
      await app.inject({
        method: 'POST',
        url: `${providerUrl}/corrections`,
        headers: bearer(key),
        payload: { item: 'voorbeeld/2027/ondertekenen', due: '2026-11-08', reason: 'brief van 2 oktober' },
      }),
      await app.inject({
        method: 'POST',
        url: `${providerUrl}/events`,
        headers: bearer(key),
        payload: { item: 'voorbeeld/2027/ondertekenen', date: '2026-05-01' },
      }),
    ];
    for (const answer of created) {
      expect(answer.statusCode, answer.body).toBe(201);
      const url = answer.headers.location as string;
      expect(answer.headers.etag, url).toMatch(/^"/);
      expect((await get(url)).headers.etag, url).toBe(answer.headers.etag);
    }
    const [ownItem, correction, event] = created.map((answer) => answer);
    expect(
      (await change('PATCH', ownItem!.headers.location as string, ownItem!.headers.etag as string, { title: 'VGZ' }))
        .statusCode,
    ).toBe(200);
    expect(
      (await change('DELETE', correction!.headers.location as string, correction!.headers.etag as string)).statusCode,
    ).toBe(204);
    expect((await change('DELETE', event!.headers.location as string, event!.headers.etag as string)).statusCode).toBe(
      204,
    );
  });
});

describe('merge patches (RFC 7396)', () => {
  it('null removes an optional member of an own item; a required one cannot be removed', async () => {
    const provider = await createProvider(app, key, { agb: '22220021' });
    const created = await app.inject({
      method: 'POST',
      url: `/api/v1/providers/${provider.id}/own-items`,
      headers: bearer(key),
      payload: { insurer: 'vgz', title: 'Gesprek', due: '2026-06-20', note: 'e-mail', time: '10:00' },
    });
    const url = `/api/v1/providers/${provider.id}/own-items/${created.json().id}`;
    const removed = await change('PATCH', url, undefined, { time: null }, MERGE_PATCH);
    expect(removed.statusCode).toBe(200);
    expect(removed.json()).toMatchObject({ time: null, title: 'Gesprek', note: 'e-mail' });
    const required = await change('PATCH', url, undefined, { title: null }, MERGE_PATCH);
    expect(required.statusCode).toBe(400);
    expect((await get(url)).json().title).toBe('Gesprek');
  });

  it("null on a webhook's events removes its filter: it receives every event type", async () => {
    const created = await app.inject({
      method: 'POST',
      url: '/api/v1/webhooks',
      headers: bearer(key),
      payload: { url: 'https://practice-software.example/merge', events: ['event.recorded'] },
    });
    const url = `/api/v1/webhooks/${created.json().id}`;
    const patched = await change('PATCH', url, undefined, { events: null }, MERGE_PATCH);
    expect(patched.statusCode).toBe(200);
    expect(patched.json().events).toBeNull();
  });

  it('a provider: null cannot remove a required member (400, nothing changes)', async () => {
    const provider = await createProvider(app, key, { agb: '22220022' });
    const url = `/api/v1/providers/${provider.id}`;
    expect((await change('PATCH', url, undefined, { name: null }, MERGE_PATCH)).statusCode).toBe(400);
    expect((await get(url)).json().name).toBe(provider.name);
  });

  it('is refused with 415 by a method that is not PATCH', async () => {
    const response = await app.inject({
      method: 'POST',
      url: '/api/v1/providers',
      headers: { ...bearer(key), 'content-type': MERGE_PATCH },
      payload: JSON.stringify({ name: 'x' }),
    });
    expect(response.statusCode).toBe(415);
    expect(response.headers['content-type']).toContain('application/problem+json');
    expect(response.json().detail).toMatch(/PATCH only/);
  });
});
