import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadCalendarSet } from '../../src/calendar/load.js';
import { buildTestApp, createKey, createProvider, removeTempDir, tempDir, type TestApp } from '../helper.js';
import { parseWithIcalJs } from './parsers.js';

let dir: string;
let app: TestApp;
let key: string;

beforeAll(async () => {
  dir = tempDir();
  // Z&Z's 2026 document is encoded, its 2027 one is not: 2027 shows as expected from 2026.
  app = await buildTestApp(`${dir}/expected-feed.db`, { calendars: loadCalendarSet(), today: () => '2026-03-02' });
  key = (await createKey(app)).key;
});
afterAll(async () => {
  await app.close();
  removeTempDir(dir);
});

describe("the feed's expected dates (issue 20 §3)", () => {
  it('say they are expected and not yet published, carry no alarms and no advice to look in VECOZO', async () => {
    const created = await createProvider(app, key, {
      agb: '40000011',
      kinds: ['kraamzorg'],
      contracts: [{ insurer: 'zorg-en-zekerheid', year: 2026, status: 'existing' }],
    });
    const response = await app.inject({ url: new URL(created.feedUrl as string).pathname });
    expect(response.statusCode).toBe(200);
    const events = parseWithIcalJs(response.body).events;
    const expected = events.filter((event) => event.summary.includes('(verwacht)'));
    expect(expected.length).toBeGreaterThan(0);
    for (const event of expected) {
      expect(event.uid).toMatch(/^zorg-en-zekerheid\/2027\//);
      // Its first line says so; who acts follows, without the advice to look for what cannot have come yet.
      const [expectedLine, whoActs] = event.description.split('\n');
      expect(expectedLine).toMatch(/^Verwacht: Zorg en Zekerheid heeft het beleid voor dit jaar nog niet gepubliceerd/);
      expect(whoActs).not.toContain('VECOZO');
      expect(event.alarms).toEqual([]);
    }
    // The document's own year still tells her where to look when the insurer's act does not come.
    const insurerActs = events.filter(
      (event) => event.uid.startsWith('zorg-en-zekerheid/2026/') && event.description.includes('is aan zet.'),
    );
    expect(insurerActs.some((event) => event.description.includes('VECOZO'))).toBe(true);
  });
});
