import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  bearer,
  buildTestApp,
  createKey,
  createProvider,
  removeTempDir,
  tempDir,
  TODAY,
  type TestApp,
} from '../helper.js';

let dir: string;
let app: TestApp;
let key: string;
let provider: Record<string, any>;

beforeAll(async () => {
  dir = tempDir();
  app = await buildTestApp(`${dir}/events.db`);
  key = (await createKey(app)).key;
  provider = await createProvider(app, key);
});
afterAll(async () => {
  await app.close();
  removeTempDir(dir);
});

const url = () => `/api/v1/providers/${provider.id}/events`;
const record = (payload: unknown) =>
  app.inject({ method: 'POST', url: url(), headers: bearer(key), payload: payload as object });
const timeline = async () =>
  (await app.inject({ url: `/api/v1/providers/${provider.id}/timeline`, headers: bearer(key) })).json().items as any[];

/** A chain whose trigger is recorded by the provider, read from the timeline itself. */
async function chainTrigger() {
  const items = await timeline();
  const trigger = items.find((item) => item.chain?.step === 1)!;
  const next = items.find((item) => item.chain?.id === trigger.chain.id && item.chain.step === 2)!;
  return { trigger, next };
}

describe('POST /api/v1/providers/:id/events', () => {
  it('records an event: 201, the item is done and the chain moves', async () => {
    const { trigger, next } = await chainTrigger();
    expect(next.projected).toBe(true);
    const response = await record({ item: trigger.id, date: '2026-03-10', note: 'Contactformulier verstuurd' });
    expect(response.statusCode).toBe(201);
    const event = response.json();
    expect(event).toMatchObject({
      item: trigger.id,
      date: '2026-03-10',
      note: 'Contactformulier verstuurd',
      undoneAt: null,
      undoneBy: null,
    });
    expect(response.headers.location).toBe(`${url()}/${event.id}`);
    const after = await timeline();
    expect(after.find((item) => item.id === trigger.id)).toMatchObject({ status: 'done', done: '2026-03-10' });
    const moved = after.find((item) => item.id === next.id);
    expect(moved.projected).toBe(false);
    expect(moved.due).toBe('2026-03-24');
    expect(moved.due).not.toBe(next.due);
    await app.inject({ method: 'DELETE', url: `${url()}/${event.id}`, headers: bearer(key) });
  });

  it('accepts today but not tomorrow', async () => {
    const { trigger } = await chainTrigger();
    expect((await record({ item: trigger.id, date: TODAY })).statusCode).toBe(201);
    const tomorrow = await record({ item: trigger.id, date: '2026-06-02' });
    expect(tomorrow.statusCode).toBe(400);
    expect(tomorrow.json().errors).toEqual([
      { field: 'date', in: 'body', message: `must not be after today (${TODAY}, Europe/Amsterdam)` },
    ]);
  });

  it.each([
    ['an impossible date', { date: '2026-02-30' }, 'date'],
    ['a date in another format', { date: '10-03-2026' }, 'date'],
    ['no date', { date: undefined }, 'date'],
    ['an item not in the timeline', { item: 'voorbeeld/2027/bestaat-niet' }, 'item'],
    ['an item of a calendar the provider has no contract with', { item: 'proef/2026/aanbod' }, 'item'],
    ['no item', { item: undefined }, 'item'],
    ['a note that is too long', { note: 'x'.repeat(2001) }, 'note'],
    ['an unknown field', { extra: true }, 'extra'],
  ])('refuses %s with 400', async (_what, change, field) => {
    const { trigger } = await chainTrigger();
    const response = await record({ item: trigger.id, date: '2026-03-10', ...change });
    expect(response.statusCode).toBe(400);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(response.json().errors.map((e: { field: string }) => e.field)).toContain(field);
  });

  it('answers 404 for an unknown provider', async () => {
    const response = await app.inject({
      method: 'POST',
      url: '/api/v1/providers/nope/events',
      headers: bearer(key),
      payload: { item: 'x', date: '2026-01-01' },
    });
    expect(response.statusCode).toBe(404);
  });
});

describe('GET and DELETE /api/v1/providers/:id/events', () => {
  it('lists live events; undo keeps the audit trail; the chain goes back to projected', async () => {
    const other = await createProvider(app, key, { agb: '50000001' });
    const items = (await app.inject({ url: `/api/v1/providers/${other.id}/timeline`, headers: bearer(key) })).json()
      .items as any[];
    const trigger = items.find((item) => item.chain?.step === 1);
    const eventsUrl = `/api/v1/providers/${other.id}/events`;
    const first = (
      await app.inject({
        method: 'POST',
        url: eventsUrl,
        headers: bearer(key),
        payload: { item: trigger.id, date: '2026-04-01' },
      })
    ).json();
    const second = (
      await app.inject({
        method: 'POST',
        url: eventsUrl,
        headers: bearer(key),
        payload: { item: items[0].id, date: '2026-05-01' },
      })
    ).json();

    const listed = await app.inject({ url: eventsUrl, headers: bearer(key) });
    expect(listed.statusCode).toBe(200);
    expect(listed.json().items.map((e: { id: string }) => e.id)).toEqual([first.id, second.id]);

    const undo = await app.inject({ method: 'DELETE', url: `${eventsUrl}/${first.id}`, headers: bearer(key) });
    expect(undo.statusCode).toBe(204);
    expect(
      (await app.inject({ url: eventsUrl, headers: bearer(key) })).json().items.map((e: { id: string }) => e.id),
    ).toEqual([second.id]);
    const trail = (await app.inject({ url: `${eventsUrl}?includeUndone=true`, headers: bearer(key) })).json().items;
    expect(trail.find((e: { id: string }) => e.id === first.id)).toMatchObject({
      undoneAt: expect.any(String),
      undoneBy: first.recordedBy,
    });

    const after = (await app.inject({ url: `/api/v1/providers/${other.id}/timeline`, headers: bearer(key) })).json()
      .items as any[];
    expect(after.find((item) => item.id === trigger.id).done).toBeNull();
    expect(after.find((item) => item.chain?.id === trigger.chain.id && item.chain.step === 2).projected).toBe(true);

    expect(
      (await app.inject({ method: 'DELETE', url: `${eventsUrl}/${first.id}`, headers: bearer(key) })).statusCode,
    ).toBe(404);
    expect((await app.inject({ method: 'DELETE', url: `${eventsUrl}/unknown`, headers: bearer(key) })).statusCode).toBe(
      404,
    );
    expect(
      (
        await app.inject({
          method: 'DELETE',
          url: `/api/v1/providers/${provider.id}/events/${second.id}`,
          headers: bearer(key),
        })
      ).statusCode,
    ).toBe(404);
    expect((await app.inject({ url: `${eventsUrl}?includeUndone=maybe`, headers: bearer(key) })).statusCode).toBe(400);
  });
});
