import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadCalendarSet } from '../../src/calendar/load.js';
import { buildTestApp, createKey, createProvider, removeTempDir, tempDir, type TestApp } from '../helper.js';
import { parseWithIcalJs } from './parsers.js';

let dir: string;
let app: TestApp;
let key: string;

beforeAll(async () => {
  dir = tempDir();
  app = await buildTestApp(`${dir}/statutory-feed.db`, { calendars: loadCalendarSet(), today: () => '2026-10-20' });
  key = (await createKey(app)).key;
});
afterAll(async () => {
  await app.close();
  removeTempDir(dir);
});

describe('the feed of a practice with a VGZ contract (no document encoded)', () => {
  it("holds VGZ's statutory dates, read with ical.js: her 12 November check with alarms, the publications without", async () => {
    const created = await createProvider(app, key, {
      agb: '40000001',
      kinds: ['verloskunde'],
      contracts: [{ insurer: 'vgz', year: 2027, status: 'existing' }],
    });
    const response = await app.inject({ url: new URL(created.feedUrl as string).pathname });
    expect(response.statusCode).toBe(200);
    const events = parseWithIcalJs(response.body).events.filter((event) => event.uid.startsWith('vgz/2027/legal/'));
    const byRule = new Map(events.map((event) => [event.uid.split('@')[0].split('/').pop(), event]));
    expect([...byRule.keys()].sort()).toEqual([
      'controle-gecontracteerd',
      'publicatie-polis-en-gecontracteerd-aanbod',
      'publicatie-zorginkoopbeleid',
    ]);
    const check = byRule.get('controle-gecontracteerd')!;
    expect(check.start).toContain('2026-11-12');
    expect(check.summary).toContain('controleer of u bij VGZ als gecontracteerd staat');
    expect(check.description).toContain('Bron (wet): NZa');
    expect(check.alarms.length).toBeGreaterThan(0);
    expect(byRule.get('publicatie-zorginkoopbeleid')!.start).toContain('2026-04-01');
    expect(byRule.get('publicatie-zorginkoopbeleid')!.summary).not.toContain('te laat');
    expect(byRule.get('publicatie-polis-en-gecontracteerd-aanbod')!.alarms).toEqual([]);
  });
});
