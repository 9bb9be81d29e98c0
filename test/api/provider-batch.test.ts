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
  app = await buildTestApp(`${dir}/provider-batch.db`);
  key = (await createKey(app)).key;
});
afterAll(async () => {
  await app.close();
  removeTempDir(dir);
});

const batch = (providers: unknown[], as = key) =>
  app.inject({ method: 'POST', url: '/api/v1/providers/batch', headers: bearer(as), payload: { providers } });
const single = (body: unknown) =>
  app.inject({ method: 'POST', url: '/api/v1/providers', headers: bearer(key), payload: body as object });
const listed = async (as = key) =>
  (await app.inject({ url: '/api/v1/providers?limit=100', headers: bearer(as) })).json().items as any[];

describe('POST /api/v1/providers/batch', () => {
  it('creates new AGB codes, updates the ones this key has, and answers a bad row with the problem the single route gives', async () => {
    const existing = await createProvider(app, key, { agb: '66660001', name: 'Oude naam' });
    const bad = { ...validProvider, agb: '66660003', contracts: [{ insurer: 'acme', year: 2027, status: 'new' }] };
    const malformed = { ...validProvider, agb: 'twelve' };
    const response = await batch([
      { ...validProvider, agb: '66660001', name: 'Nieuwe naam' },
      { ...validProvider, agb: '66660002' },
      bad,
      malformed,
    ]);
    expect(response.statusCode, response.body).toBe(200);
    const body = response.json();
    expect(body).toMatchObject({ created: 1, updated: 1, problems: 2 });
    expect(body.items.map((item: any) => [item.index, item.result])).toEqual([
      [0, 'updated'],
      [1, 'created'],
      [2, 'problem'],
      [3, 'problem'],
    ]);
    expect(body.items[0].provider).toMatchObject({ id: existing.id, name: 'Nieuwe naam' });
    expect(body.items[1].provider.agb).toBe('66660002');

    // The same problem bodies as POST /api/v1/providers, but for the address and the request id.
    const strip = ({ instance: _i, requestId: _r, ...rest }: Record<string, unknown>) => rest;
    for (const [index, row] of [
      [2, bad],
      [3, malformed],
    ] as const) {
      const alone = await single(row);
      expect(alone.statusCode).toBe(400);
      expect(strip(body.items[index].problem)).toEqual(strip(alone.json()));
    }

    const agbs = (await listed()).map((provider) => [provider.agb, provider.name]);
    expect(agbs).toEqual([
      ['66660001', 'Nieuwe naam'],
      ['66660002', validProvider.name],
    ]);
  });

  it("matches AGB codes within the key only: another key's provider with the same code is not touched", async () => {
    const other = (await createKey(app, 'other vendor')).key;
    const theirs = await createProvider(app, other, { agb: '66661001', name: 'Van een ander' });
    const response = await batch([{ ...validProvider, agb: '66661001', name: 'Van ons' }]);
    expect(response.json().items[0].result).toBe('created');
    expect(response.json().items[0].provider.id).not.toBe(theirs.id);
    expect((await listed(other)).map((provider) => provider.name)).toEqual(['Van een ander']);
  });

  it('takes 500 rows; 501 is refused on the count before any row is read, and nothing changes', async () => {
    const rows = (n: number, offset: number) =>
      // Without contacts: the key's daily cap on new addresses is tested below.
      Array.from({ length: n }, (_, i) => ({ ...validProvider, contacts: [], agb: String(70000000 + offset + i) }));
    const fresh = (await createKey(app, 'bulk')).key;
    const full = await batch(rows(500, 0), fresh);
    expect(full.statusCode, full.body.slice(0, 300)).toBe(200);
    expect(full.json()).toMatchObject({ created: 500, updated: 0, problems: 0 });

    const tooMany = [...rows(500, 1000), { not: 'even a provider' }];
    const refused = await batch(tooMany, fresh);
    expect(refused.statusCode).toBe(400);
    expect(refused.headers['content-type']).toContain('application/problem+json');
    expect(refused.json().errors).toEqual([
      { field: 'providers', in: 'body', message: 'must NOT have more than 500 items' },
    ]);
    const total = (await app.inject({ url: '/api/v1/providers?limit=1', headers: bearer(fresh) })).json().total;
    expect(total).toBe(500);
  });

  it('lets other requests in while a large batch is saved row by row', async () => {
    const fresh = (await createKey(app, 'turns')).key;
    const owner = (await app.inject({ url: '/api/v1/api-keys?limit=500', headers: bearer(ADMIN_KEY) }))
      .json()
      .items.find((item: { name: string }) => item.name === 'turns').id as string;
    const saved = () =>
      (app.db.prepare('SELECT count(*) AS n FROM providers WHERE owner_key_id = ?').get(owner) as { n: number }).n;
    const rows = Array.from({ length: 200 }, (_, i) => ({ ...validProvider, agb: String(71000000 + i) }));
    const running = batch(rows, fresh);
    while (saved() === 0) await new Promise((resolve) => setImmediate(resolve));
    const other = await app.inject({ url: '/api/v1/calendars' });
    expect(other.statusCode).toBe(200);
    // Answered while the batch was still saving: not all rows were in yet.
    expect(saved()).toBeLessThan(rows.length);
    expect((await running).json().created).toBe(rows.length);
  });

  it('an empty batch or a body without rows is a 400', async () => {
    expect((await batch([])).statusCode).toBe(400);
    const response = await app.inject({
      method: 'POST',
      url: '/api/v1/providers/batch',
      headers: bearer(key),
      payload: { rows: [] },
    });
    expect(response.statusCode).toBe(400);
  });

  it("refuses the rows past the key's daily cap on new contact addresses, each on its own, and writes the others", async () => {
    const fresh = (await createKey(app, 'cap')).key;
    const rows = Array.from({ length: 202 }, (_, i) => ({
      ...validProvider,
      agb: String(71000000 + i),
      contacts: [{ email: `planning${i}@praktijk-${i}.nl`, language: 'nl' }],
    }));
    const response = await batch(rows, fresh);
    expect(response.statusCode, response.body.slice(0, 300)).toBe(200);
    expect(response.json()).toMatchObject({ created: 200, problems: 2 });
    expect(response.json().items[201].problem).toMatchObject({ status: 429, errors: [{ field: 'contacts' }] });
  });
});
