import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ADMIN_KEY,
  bearer,
  buildTestApp,
  createKey,
  createProvider,
  removeTempDir,
  tempDir,
  validProvider,
  type TestApp,
} from '../helper.js';

let dir: string;
let app: TestApp;
let key: string;

beforeAll(async () => {
  dir = tempDir();
  app = await buildTestApp(`${dir}/providers.db`);
  key = (await createKey(app, 'providers tenant')).key;
});
afterAll(async () => {
  await app.close();
  removeTempDir(dir);
});

const post = (payload: unknown, apiKey = key) =>
  app.inject({ method: 'POST', url: '/api/v1/providers', headers: bearer(apiKey), payload: payload as object });

function fieldsOf(response: { json: () => { errors?: { field: string; message: string }[] } }): Record<string, string> {
  return Object.fromEntries((response.json().errors ?? []).map((e) => [e.field, e.message]));
}

describe('POST /api/v1/providers', () => {
  it('registers a provider and answers 201 with its id, feedUrl and defaults', async () => {
    const response = await post({ ...validProvider, agb: '10000001' });
    expect(response.statusCode).toBe(201);
    const provider = response.json();
    expect(response.headers.location).toBe(`/api/v1/providers/${provider.id}`);
    expect(provider).toMatchObject({
      name: validProvider.name,
      agb: '10000001',
      kinds: ['verloskunde'],
      contracts: [{ insurer: 'voorbeeld', year: 2027, status: 'new' }],
      contacts: [{ email: 'planning@verloskundigen-noord.nl', name: 'Anna de Vries', language: 'nl' }],
      reminderDays: [14, 7, 1],
    });
    expect(provider.feedUrl).toMatch(/^http:\/\/127\.0\.0\.1:3000\/feeds\/[A-Za-z0-9_-]{43}\.ics$/);
    expect(provider.createdAt).toBe(provider.updatedAt);
  });

  it('keeps attributes, runsUntil, several contracts and the reminder days', async () => {
    const provider = await createProvider(app, key, {
      agb: '10000002',
      kinds: ['kraamzorg', 'verloskunde'],
      contracts: [
        {
          insurer: 'voorbeeld',
          year: 2027,
          status: 'existing',
          runsUntil: 2028,
          attributes: { organisatievorm: 'loondienst' },
        },
        { insurer: 'proef', year: 2026, status: 'new' },
      ],
      contacts: [
        { email: 'a@example.nl', language: 'en' },
        { email: 'b@example.nl', name: 'B' },
      ],
      reminderDays: [0, 30, 7],
    });
    expect(provider.contracts).toEqual([
      { insurer: 'proef', year: 2026, status: 'new' },
      {
        insurer: 'voorbeeld',
        year: 2027,
        status: 'existing',
        runsUntil: 2028,
        attributes: { organisatievorm: 'loondienst' },
      },
    ]);
    expect(provider.contacts).toEqual([
      { email: 'a@example.nl', name: null, language: 'en' },
      { email: 'b@example.nl', name: 'B', language: 'nl' },
    ]);
    expect(provider.reminderDays).toEqual([30, 7, 0]);
  });

  it.each([
    ['a missing name', { name: undefined }, 'name', 'is required'],
    ['a blank name', { name: '   ' }, 'name', 'must not be blank'],
    [
      'a name with a line break',
      { name: 'Noord\r\nBcc: x@y.nl' },
      'name',
      'must not contain line breaks or control characters',
    ],
    ['an AGB code of 7 digits', { agb: '1234567' }, 'agb', 'must be 8 digits'],
    ['an AGB code with letters', { agb: '1234567a' }, 'agb', 'must be 8 digits'],
    ['no kinds', { kinds: [] }, 'kinds', 'must NOT have fewer than 1 items'],
    ['an unknown kind', { kinds: ['tandarts'] }, 'kinds[0]', 'must be one of'],
    ['a repeated kind', { kinds: ['verloskunde', 'verloskunde'] }, 'kinds', 'must not repeat a value'],
    [
      'an unknown insurer',
      { contracts: [{ insurer: 'acme', year: 2027, status: 'new' }] },
      'contracts[0].insurer',
      'unknown insurer "acme"',
    ],
    [
      'a year without a calendar',
      { contracts: [{ insurer: 'voorbeeld', year: 2031, status: 'new' }] },
      'contracts[0].year',
      'has no calendar for 2031; it has 2027',
    ],
    [
      'a bad status',
      { contracts: [{ insurer: 'voorbeeld', year: 2027, status: 'old' }] },
      'contracts[0].status',
      'must be one of: existing, new',
    ],
    [
      'an undeclared attribute',
      { contracts: [{ insurer: 'voorbeeld', year: 2027, status: 'new', attributes: { grootte: 'groot' } }] },
      'contracts[0].attributes.grootte',
      'has no attribute "grootte"; it has: organisatievorm',
    ],
    [
      'a value the attribute does not allow',
      { contracts: [{ insurer: 'voorbeeld', year: 2027, status: 'new', attributes: { organisatievorm: 'zzp' } }] },
      'contracts[0].attributes.organisatievorm',
      'must be one of: "loondienst", "niet-loondienst"',
    ],
    [
      'a running agreement that ended before the year',
      { contracts: [{ insurer: 'voorbeeld', year: 2027, status: 'existing', runsUntil: 2026 }] },
      'contracts[0].runsUntil',
      'must be from 2027 to 2037',
    ],
    [
      'a running agreement of a new provider',
      { contracts: [{ insurer: 'voorbeeld', year: 2027, status: 'new', runsUntil: 2027 }] },
      'contracts[0].runsUntil',
      'only an existing contract',
    ],
    [
      'a second contract with the same insurer and year',
      {
        contracts: [
          { insurer: 'voorbeeld', year: 2027, status: 'new' },
          { insurer: 'voorbeeld', year: 2027, status: 'existing' },
        ],
      },
      'contracts[1]',
      'a second contract with voorbeeld for 2027',
    ],
    [
      'an unknown contract field',
      { contracts: [{ insurer: 'voorbeeld', year: 2027, status: 'new', colour: 'red' }] },
      'contracts[0].colour',
      'is not a known field',
    ],
    [
      'an e-mail address without a domain',
      { contacts: [{ email: 'anna@' }] },
      'contacts[0].email',
      'must be a valid e-mail address',
    ],
    [
      'an e-mail address without a top-level domain',
      { contacts: [{ email: 'anna@localhost' }] },
      'contacts[0].email',
      'must be a valid e-mail address',
    ],
    [
      'an e-mail address with a numeric top-level',
      { contacts: [{ email: 'anna@example.123' }] },
      'contacts[0].email',
      'not a valid domain',
    ],
    [
      'an e-mail address with a header injected',
      { contacts: [{ email: 'anna@example.nl\r\nBcc: all@example.nl' }] },
      'contacts[0].email',
      'must be a valid e-mail address',
    ],
    [
      'a contact name with a line break',
      { contacts: [{ email: 'anna@example.nl', name: 'Anna\nBcc: x@example.nl' }] },
      'contacts[0].name',
      'must not contain line breaks',
    ],
    [
      'a contact name with angle brackets',
      { contacts: [{ email: 'anna@example.nl', name: 'Anna <evil@example.nl>' }] },
      'contacts[0].name',
      'must not contain line breaks, control characters, <, >',
    ],
    [
      'a repeated contact address',
      { contacts: [{ email: 'anna@example.nl' }, { email: 'ANNA@example.nl' }] },
      'contacts[1].email',
      'already listed',
    ],
    [
      'a contact language other than nl and en',
      { contacts: [{ email: 'anna@example.nl', language: 'de' }] },
      'contacts[0].language',
      'must be one of: nl, en',
    ],
    ['reminder days out of range', { reminderDays: [400] }, 'reminderDays[0]', 'must be <= 365'],
    ['negative reminder days', { reminderDays: [-1] }, 'reminderDays[0]', 'must be >= 0'],
    ['repeated reminder days', { reminderDays: [7, 7] }, 'reminderDays', 'must not repeat a value'],
    ['fractional reminder days', { reminderDays: [1.5] }, 'reminderDays[0]', 'must be integer'],
    ['an unknown top-level field', { colour: 'red' }, 'colour', 'is not a known field'],
  ])('refuses %s with a 400 naming the field', async (_what, change, field, message) => {
    const response = await post({ ...validProvider, agb: '19999999', ...change });
    expect(response.statusCode).toBe(400);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    const problem = response.json();
    expect(problem).toMatchObject({ status: 400, title: 'Invalid input', instance: '/api/v1/providers' });
    expect(problem.type).toBe('/problems/validation-failed');
    expect(fieldsOf(response)[field], JSON.stringify(problem.errors)).toContain(message);
    expect(problem.detail).toContain(field);
  });

  it('lists every invalid field at once', async () => {
    const response = await post({ name: '', agb: 'x', kinds: ['nope'], contacts: [{ email: 'no' }] });
    expect(Object.keys(fieldsOf(response)).sort()).toEqual(['agb', 'contacts[0].email', 'kinds[0]', 'name']);
  });

  it('refuses a body that is not JSON, not an object, too large, or of another type', async () => {
    const bad = await app.inject({
      method: 'POST',
      url: '/api/v1/providers',
      headers: { ...bearer(key), 'content-type': 'application/json' },
      payload: '{"name":',
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.headers['content-type']).toMatch(/^application\/problem\+json/);
    const array = await post([validProvider]);
    expect(array.statusCode).toBe(400);
    const large = await post({ ...validProvider, name: 'x'.repeat(200 * 1024) });
    expect(large.statusCode).toBe(413);
    expect(large.json()).toMatchObject({ status: 413, title: 'Payload too large' });
    const text = await app.inject({
      method: 'POST',
      url: '/api/v1/providers',
      headers: { ...bearer(key), 'content-type': 'application/xml' },
      payload: '<provider/>',
    });
    expect(text.statusCode).toBe(415);
    expect(text.headers['content-type']).toMatch(/^application\/problem\+json/);
  });

  it('refuses a second provider with the same AGB code under one key with 409, but not under another key', async () => {
    await createProvider(app, key, { agb: '10000003' });
    const again = await post({ ...validProvider, agb: '10000003' });
    expect(again.statusCode).toBe(409);
    expect(again.json()).toMatchObject({ status: 409, errors: [{ field: 'agb' }] });
    const other = await createKey(app, 'other');
    expect((await post({ ...validProvider, agb: '10000003' }, other.key)).statusCode).toBe(201);
  });
});

describe('GET /api/v1/providers', () => {
  let listKey: string;

  beforeAll(async () => {
    listKey = (await createKey(app, 'list tenant')).key;
    for (let i = 0; i < 5; i++) {
      await createProvider(app, listKey, {
        agb: `2000000${i}`,
        name: `Praktijk ${i}`,
        kinds: i % 2 === 0 ? ['verloskunde'] : ['echoscopie'],
        contracts:
          i < 2
            ? [{ insurer: 'proef', year: 2026, status: 'existing' }]
            : [{ insurer: 'voorbeeld', year: 2027, status: 'new' }],
      });
    }
  });

  const list = (query: string, apiKey = listKey) =>
    app.inject({ url: `/api/v1/providers${query}`, headers: bearer(apiKey) });

  it('pages through the providers oldest first with the total', async () => {
    const first = (await list('?limit=2')).json();
    expect(first).toMatchObject({ total: 5, limit: 2, offset: 0 });
    expect(first.items.map((p: { name: string }) => p.name)).toEqual(['Praktijk 0', 'Praktijk 1']);
    const last = (await list('?limit=2&offset=4')).json();
    expect(last.items.map((p: { name: string }) => p.name)).toEqual(['Praktijk 4']);
    expect((await list('?offset=10')).json()).toMatchObject({ items: [], total: 5, limit: 20 });
  });

  it('filters by kind, insurer and AGB code', async () => {
    const names = async (query: string) => (await list(query)).json().items.map((p: { name: string }) => p.name);
    expect(await names('?kind=echoscopie')).toEqual(['Praktijk 1', 'Praktijk 3']);
    expect(await names('?insurer=proef')).toEqual(['Praktijk 0', 'Praktijk 1']);
    expect(await names('?insurer=proef&kind=verloskunde')).toEqual(['Praktijk 0']);
    expect(await names('?agb=20000003')).toEqual(['Praktijk 3']);
    expect((await list('?kind=echoscopie&limit=1')).json().total).toBe(2);
    expect(await names('?insurer=unknown')).toEqual([]);
  });

  it('refuses bad paging and filters with 400', async () => {
    for (const query of ['?limit=0', '?limit=101', '?offset=-1', '?limit=abc', '?kind=tandarts', '?agb=12']) {
      const response = await list(query);
      expect(response.statusCode, query).toBe(400);
      expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    }
  });

  it("shows an admin every tenant's providers", async () => {
    const all = (await list('?limit=100', ADMIN_KEY)).json();
    expect(all.total).toBeGreaterThanOrEqual(5 + 4);
  });
});

describe('GET, PATCH and DELETE /api/v1/providers/:id', () => {
  it('gets a provider', async () => {
    const created = await createProvider(app, key, { agb: '30000001' });
    const response = await app.inject({ url: `/api/v1/providers/${created.id}`, headers: bearer(key) });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual(created);
  });

  it('answers 404 problems for unknown ids', async () => {
    for (const method of ['GET', 'PATCH', 'DELETE'] as const) {
      const response = await app.inject({
        method,
        url: '/api/v1/providers/does-not-exist',
        headers: bearer(key),
        ...(method === 'PATCH' ? { payload: { name: 'x' } } : {}),
      });
      expect(response.statusCode, method).toBe(404);
      expect(response.json()).toMatchObject({ status: 404, title: 'Not found', detail: 'provider not found' });
    }
  });

  it('changes only the given fields, replacing lists whole, and keeps the feed address', async () => {
    const created = await createProvider(app, key, {
      agb: '30000002',
      contacts: [{ email: 'one@example.nl' }, { email: 'two@example.nl' }],
    });
    const response = await app.inject({
      method: 'PATCH',
      url: `/api/v1/providers/${created.id}`,
      headers: bearer(key),
      payload: {
        name: 'Nieuwe naam',
        contacts: [{ email: 'two@example.nl', name: 'Twee', language: 'en' }],
        contracts: [{ insurer: 'proef', year: 2026, status: 'existing' }],
      },
    });
    expect(response.statusCode).toBe(200);
    const changed = response.json();
    expect(changed).toMatchObject({
      id: created.id,
      name: 'Nieuwe naam',
      agb: '30000002',
      kinds: created.kinds,
      contracts: [{ insurer: 'proef', year: 2026, status: 'existing' }],
      contacts: [{ email: 'two@example.nl', name: 'Twee', language: 'en' }],
      reminderDays: created.reminderDays,
      feedUrl: created.feedUrl,
      createdAt: created.createdAt,
    });
    expect(changed.updatedAt >= created.updatedAt).toBe(true);
    const read = await app.inject({ url: `/api/v1/providers/${created.id}`, headers: bearer(key) });
    expect(read.json()).toEqual(changed);
  });

  it('accepts application/merge-patch+json', async () => {
    const created = await createProvider(app, key, { agb: '30000003' });
    const response = await app.inject({
      method: 'PATCH',
      url: `/api/v1/providers/${created.id}`,
      headers: { ...bearer(key), 'content-type': 'application/merge-patch+json' },
      payload: JSON.stringify({ reminderDays: [3] }),
    });
    expect(response.statusCode).toBe(200);
    expect(response.json().reminderDays).toEqual([3]);
  });

  it('validates a change like a new provider', async () => {
    const created = await createProvider(app, key, { agb: '30000004' });
    const patch = (payload: unknown) =>
      app.inject({
        method: 'PATCH',
        url: `/api/v1/providers/${created.id}`,
        headers: bearer(key),
        payload: payload as object,
      });
    expect(fieldsOf(await patch({ agb: '1' }))).toEqual({ agb: 'must be 8 digits' });
    expect(
      fieldsOf(await patch({ contracts: [{ insurer: 'acme', year: 2027, status: 'new' }] }))['contracts[0].insurer'],
    ).toContain('unknown insurer');
    expect(fieldsOf(await patch({}))).toEqual({ body: 'give at least one field to change' });
    expect(fieldsOf(await patch({ id: 'other' }))).toEqual({ id: 'is not a known field' });
    await createProvider(app, key, { agb: '30000005' });
    expect((await patch({ agb: '30000005' })).statusCode).toBe(409);
    expect((await app.inject({ url: `/api/v1/providers/${created.id}`, headers: bearer(key) })).json().agb).toBe(
      '30000004',
    );
  });

  it('deletes a provider with its events', async () => {
    const created = await createProvider(app, key, { agb: '30000006' });
    const timeline = (
      await app.inject({ url: `/api/v1/providers/${created.id}/timeline`, headers: bearer(key) })
    ).json();
    const event = await app.inject({
      method: 'POST',
      url: `/api/v1/providers/${created.id}/events`,
      headers: bearer(key),
      payload: { item: timeline.items[0].id, date: '2026-05-01' },
    });
    expect(event.statusCode).toBe(201);
    const response = await app.inject({
      method: 'DELETE',
      url: `/api/v1/providers/${created.id}`,
      headers: bearer(key),
    });
    expect(response.statusCode).toBe(204);
    expect(response.body).toBe('');
    expect((await app.inject({ url: `/api/v1/providers/${created.id}`, headers: bearer(key) })).statusCode).toBe(404);
    expect(
      (await app.inject({ method: 'DELETE', url: `/api/v1/providers/${created.id}`, headers: bearer(key) })).statusCode,
    ).toBe(404);
    expect(app.db.prepare('SELECT count(*) FROM events WHERE provider_id = ?').pluck().get(created.id)).toBe(0);
    expect(app.db.prepare('SELECT count(*) FROM contacts WHERE provider_id = ?').pluck().get(created.id)).toBe(0);
  });
});

describe('paths', () => {
  it('answers with or without a trailing slash', async () => {
    expect((await app.inject({ url: '/api/v1/providers/', headers: bearer(key) })).statusCode).toBe(200);
    expect((await app.inject({ url: '/api/v1/calendars/' })).statusCode).toBe(200);
  });
});
