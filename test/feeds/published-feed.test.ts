import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadCalendarSet } from '../../src/calendar/load.js';
import { calendarsWithCz2028 } from '../domain/cz-2028-published.js';
import { bearer, buildTestApp, createKey, createProvider, removeTempDir, tempDir } from '../helper.js';
import { parseWithIcalJs, parseWithPython, type ParsedEvent } from './parsers.js';

/**
 * CZ's 2028 policy lands while she is subscribed: the same database served first with CZ 2027 alone (2028 expected)
 * and then with CZ 2028 encoded. Her calendar app sees the same event move (same UID, SEQUENCE up), told what moved.
 */
let dir: string;
const today = () => '2026-12-04';
const SIGNING_UID = /^cz-groep\/2028\/ondertekenen@/;

beforeAll(() => {
  dir = tempDir();
});
afterAll(() => removeTempDir(dir));

describe('a year published since it was expected, in her feed and timeline', () => {
  it('moves the expected event in place and says what the document changed', async () => {
    const path = `${dir}/published-feed.db`;
    const before = await buildTestApp(path, { calendars: loadCalendarSet(), today });
    const { key } = await createKey(before);
    const created = await createProvider(before, key, {
      agb: '40000021',
      kinds: ['verloskunde'],
      contracts: [{ insurer: 'cz-groep', year: 2027, status: 'existing' }],
    });
    const feedPath = new URL(created.feedUrl as string).pathname;
    const read = async (app: typeof before) => {
      const response = await app.inject({ url: feedPath });
      expect(response.statusCode).toBe(200);
      return response.body;
    };
    const signingOf = (events: ParsedEvent[]) => events.find((event) => SIGNING_UID.test(event.uid))!;
    const expected = signingOf(parseWithIcalJs(await read(before)).events);
    expect(expected.summary).toContain('(verwacht)');
    expect(expected.start).toBe('2027-11-01');
    await before.close();

    const after = await buildTestApp(path, { calendars: calendarsWithCz2028(), today });
    try {
      const body = await read(after);
      for (const parsed of [parseWithIcalJs(body), parseWithPython(body)]) {
        const published = signingOf(parsed.events);
        expect(published.uid).toBe(expected.uid);
        expect(published.start).toBe('2027-10-30');
        expect(published.sequence).toBeGreaterThan(expected.sequence);
        expect(published.summary).not.toContain('(verwacht)');
        expect(published.description.split('\n')[0]).toBe(
          'Gepubliceerd: CZ heeft het beleid 2028 gepubliceerd; deze datum werd eerder verwacht op 1 november 2027 (op basis van het beleid 2027).',
        );
        // A line the document added says it was not expected; a line that did not move says nothing of it.
        const webinar = parsed.events.find((event) => event.uid.startsWith('cz-groep/2028/webinar-inkoopbeleid@'))!;
        expect(webinar.description.split('\n')[0]).toMatch(/^Nieuw: CZ heeft het beleid 2028 gepubliceerd/);
        const questionnaire = parsed.events.find((event) =>
          event.uid.startsWith('cz-groep/2028/vragenlijst-verloskunde-indienen@'),
        )!;
        expect(questionnaire.description).not.toMatch(/Gepubliceerd|Nieuw:/);
      }

      const timeline = await after.inject({ url: `/api/v1/providers/${created.id}/timeline`, headers: bearer(key) });
      expect(timeline.statusCode).toBe(200);
      const items = timeline.json().items as { id: string; published?: unknown; derivation: { en: string } }[];
      const signing = items.find((item) => item.id === 'cz-groep/2028/ondertekenen')!;
      expect(signing.published).toEqual({ expected: '2027-11-01', basis: 2027 });
      expect(signing.derivation.en).toContain('published in the 2028 policy: expected on 1 November 2027 before');
    } finally {
      await after.close();
    }
  });
});
