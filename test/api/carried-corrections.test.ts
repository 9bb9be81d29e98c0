import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadCalendarSet } from '../../src/calendar/load.js';
import { bearer, buildTestApp, createKey, createProvider, removeTempDir, tempDir, type TestApp } from '../helper.js';

let dir: string;
let app: TestApp;
let key: string;
let base: string;

interface Item {
  id: string;
  due: string | null;
  type: string;
  expected?: true;
  correction?: { due: string };
}

beforeAll(async () => {
  dir = tempDir();
  // CZ's 2027 document is encoded; her contract carries into 2028: the law's dates of 2028, and 2028 expected.
  app = await buildTestApp(`${dir}/carried-corrections.db`, {
    calendars: loadCalendarSet(),
    today: () => '2026-12-03',
  });
  key = (await createKey(app)).key;
  const provider = await createProvider(app, key, {
    agb: '40000021',
    kinds: ['kraamzorg'],
    contracts: [{ insurer: 'cz-groep', year: 2027, status: 'existing' }],
  });
  base = `/api/v1/providers/${provider.id}`;
});
afterAll(async () => {
  await app.close();
  removeTempDir(dir);
});

const timeline = async () =>
  (await app.inject({ url: `${base}/timeline`, headers: bearer(key) })).json().items as Item[];
const correct = (payload: object) =>
  app.inject({ method: 'POST', url: `${base}/corrections`, headers: bearer(key), payload });

describe('corrections of the years her contract carries into (issue 20 §4)', () => {
  it("corrects a carried year's legal date: her timeline shows it", async () => {
    const carried = (await timeline()).find(
      (item) => item.id.startsWith('cz-groep/2028/') && item.type === 'statutory',
    );
    expect(carried).toBeDefined();
    const due = carried!.due === '2027-11-13' ? '2027-11-14' : '2027-11-13';
    const response = await correct({ item: carried!.id, due, reason: 'brief van CZ, 1 december' });
    expect(response.statusCode).toBe(201);
    expect(response.json()).toMatchObject({ item: carried!.id, due, original: carried!.due });
    const shown = (await timeline()).find((item) => item.id === carried!.id)!;
    expect(shown.due).toBe(due);
    expect(shown.correction).toMatchObject({ due });
  });

  it('refuses an expected date by name, and corrects nothing', async () => {
    const expected = (await timeline()).find((item) => item.expected === true && item.due !== null);
    expect(expected).toBeDefined();
    const response = await correct({ item: expected!.id, due: '2027-12-30', reason: 'gehoord' });
    expect(response.statusCode).toBe(400);
    expect(response.headers['content-type']).toContain('application/problem+json');
    expect(response.json().errors[0]).toMatchObject({ field: 'item' });
    expect(response.json().errors[0].message).toContain('expected date');
    const corrections = (await app.inject({ url: `${base}/corrections`, headers: bearer(key) })).json().items;
    expect(corrections.map((c: { item: string }) => c.item)).not.toContain(expected!.id);
    expect((await timeline()).find((item) => item.id === expected!.id)!.due).toBe(expected!.due);
  });
});
