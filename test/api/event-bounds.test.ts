import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadCalendarSet } from '../../src/calendar/load.js';
import { bearer, buildTestApp, createKey, createProvider, removeTempDir, tempDir, type TestApp } from '../helper.js';

/**
 * Event dates must make sense: not before the calendar's publication, not before the step's window opens, not
 * before the recorded date of the step it counts from. A refused date is a 400 naming the allowed range and
 * changes nothing. Real calendars, today pinned in February 2027.
 */
const TODAY = '2027-02-15';
let dir: string;
let app: TestApp;
let key: string;

beforeAll(async () => {
  dir = tempDir();
  app = await buildTestApp(`${dir}/bounds.db`, { calendars: loadCalendarSet(), env: { TODAY } });
  key = (await createKey(app)).key;
});
afterAll(async () => {
  await app.close();
  removeTempDir(dir);
});

let agb = 50_000_000;
async function providerWith(kind: string, insurer: string, year: number, status: 'new' | 'existing') {
  return createProvider(app, key, { agb: String(++agb), kinds: [kind], contracts: [{ insurer, year, status }] });
}

const record = (id: string, item: string, date: string) =>
  app.inject({ method: 'POST', url: `/api/v1/providers/${id}/events`, headers: bearer(key), payload: { item, date } });
const state = async (id: string) => ({
  events: (await app.inject({ url: `/api/v1/providers/${id}/events?includeUndone=true`, headers: bearer(key) })).json(),
  timeline: (await app.inject({ url: `/api/v1/providers/${id}/timeline`, headers: bearer(key) })).json(),
});

/** A refused record: 400 problem+json on the date, with this message, and nothing stored or moved. */
async function expectRefused(id: string, item: string, date: string, message: string) {
  const before = await state(id);
  const response = await record(id, item, date);
  expect(response.statusCode).toBe(400);
  expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
  expect(response.json().errors).toEqual([{ field: 'date', in: 'body', message }]);
  expect(await state(id)).toEqual(before);
}

describe('event-date bounds', () => {
  const OPEN = 'cz-groep/2027/open-instroom/aanmelding';
  const REPLY = 'cz-groep/2027/open-instroom/reactie-vragenlijst';

  it('refuses an open-instroom application before its window opens (1900, or November 2026), accepts one in 2027', async () => {
    const provider = await providerWith('verloskunde', 'cz-groep', 2027, 'new');
    await expectRefused(
      provider.id,
      OPEN,
      '1900-01-01',
      `must be between 2027-01-01 and ${TODAY}: not before the opening of this step's window (2027-01-01)`,
    );
    await expectRefused(
      provider.id,
      OPEN,
      '2026-11-20',
      `must be between 2027-01-01 and ${TODAY}: not before the opening of this step's window (2027-01-01)`,
    );
    expect((await record(provider.id, OPEN, '2027-01-10')).statusCode).toBe(201);
  });

  it('refuses a step dated before the recorded step it counts from', async () => {
    const provider = await providerWith('kraamzorg', 'cz-groep', 2027, 'new');
    expect((await record(provider.id, OPEN, '2027-01-10')).statusCode).toBe(201);
    await expectRefused(
      provider.id,
      REPLY,
      '2027-01-05',
      `must be between 2027-01-10 and ${TODAY}: not before the recorded date of ${OPEN} (2027-01-10)`,
    );
    expect((await record(provider.id, REPLY, '2027-01-10')).statusCode).toBe(201);
    const timeline = (await state(provider.id)).timeline.items as { id: string; due: string | null }[];
    // Reply recorded on 10 January: the questionnaire is due two weeks later.
    expect(timeline.find((item) => item.id === 'cz-groep/2027/open-instroom/vragenlijst-invullen')?.due).toBe(
      '2027-01-24',
    );
  });

  it("refuses a date before the calendar's publication", async () => {
    const provider = await providerWith('verloskunde', 'zorg-en-zekerheid', 2026, 'existing');
    await expectRefused(
      provider.id,
      'zorg-en-zekerheid/2026/ondertekening',
      '2025-03-31',
      `must be between 2025-04-01 and ${TODAY}: not before the publication of Zorginkoopbeleid geboortezorg 2026 (2025-04-01)`,
    );
    expect((await record(provider.id, 'zorg-en-zekerheid/2026/ondertekening', '2025-04-01')).statusCode).toBe(201);
  });

  it('accepts a toeslag granted under an earlier policy, and counts its extension every 3 years from that grant', async () => {
    const GRANT = 'cz-groep/2027/toeslag-tweede-lijn/toekenning';
    const provider = await providerWith('verloskunde', 'cz-groep', 2027, 'existing');
    await expectRefused(
      provider.id,
      GRANT,
      '2014-12-31',
      `must be between 2015-01-01 and ${TODAY}: not before the earliest date this calendar accepts for this step (it may predate the document) (2015-01-01)`,
    );
    expect((await record(provider.id, GRANT, '2024-05-01')).statusCode).toBe(201);
    const timeline = (await state(provider.id)).timeline.items as { id: string; due: string | null }[];
    expect(timeline.find((item) => item.id === 'cz-groep/2027/toeslag-tweede-lijn/onderbouwing-verlenging')?.due).toBe(
      '2027-05-01',
    );
    expect(timeline.find((item) => item.id === 'cz-groep/2027/toeslag-tweede-lijn/einde-toeslag')?.due).toBe(
      '2025-05-01',
    );
  });

  it('still accepts a late record of the request of a route whose window has passed', async () => {
    const provider = await providerWith('echoscopie', 'zorg-en-zekerheid', 2026, 'new');
    const before = (await state(provider.id)).timeline.items as { id: string }[];
    expect(before.some((item) => item.id.startsWith('zorg-en-zekerheid/2026/aanvraag-2025/'))).toBe(false);
    expect((await record(provider.id, 'zorg-en-zekerheid/2026/aanvraag-2025/aanvraag', '2025-11-03')).statusCode).toBe(
      201,
    );
    const after = (await state(provider.id)).timeline.items as { id: string }[];
    expect(after.some((item) => item.id === 'zorg-en-zekerheid/2026/aanvraag-2025/ondertekening')).toBe(true);
    expect(after.some((item) => item.id.startsWith('zorg-en-zekerheid/2026/aanvraag-2026/'))).toBe(false);
  });
});
