import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, buildTestApp, createKey, createProvider, removeTempDir, tempDir } from '../helper.js';
import { parseWithIcalJs } from './parsers.js';

let dir: string;
beforeAll(() => {
  dir = tempDir();
});
afterAll(() => removeTempDir(dir));

describe('feeds across restarts', () => {
  it('keep UIDs, SEQUENCE, DTSTAMP, the bytes and the ETag when the app closes and reopens on the same file', async () => {
    const path = `${dir}/restart.db`;
    const first = await buildTestApp(path);
    const key = (await createKey(first)).key;
    const provider = await createProvider(first, key, {
      kinds: ['verloskunde', 'echoscopie'],
      contracts: [
        { insurer: 'voorbeeld', year: 2027, status: 'new' },
        { insurer: 'proef', year: 2026, status: 'existing' },
      ],
    });
    const feedPath = new URL(provider.feedUrl).pathname;
    const items = (
      await first.inject({ url: `/api/v1/providers/${provider.id}/timeline`, headers: bearer(key) })
    ).json().items;
    const trigger = items.find((item: { chain: { step: number } | null }) => item.chain?.step === 1);
    await first.inject({ url: feedPath });
    // A change before the restart: the recorded trigger is at SEQUENCE 1 (the steps it dates are new, at 0) and must stay there.
    await first.inject({
      method: 'POST',
      url: `/api/v1/providers/${provider.id}/events`,
      headers: bearer(key),
      payload: { item: trigger.id, date: '2026-04-01' },
    });
    const before = await first.inject({ url: feedPath });
    await first.close();

    const second = await buildTestApp(path);
    try {
      const after = await second.inject({ url: feedPath });
      expect(after.statusCode).toBe(200);
      expect(after.body).toBe(before.body);
      expect(after.headers.etag).toBe(before.headers.etag);
      expect(after.headers['last-modified']).toBe(before.headers['last-modified']);
      expect(
        (await second.inject({ url: feedPath, headers: { 'if-none-match': String(before.headers.etag) } })).statusCode,
      ).toBe(304);
      const events = parseWithIcalJs(after.body).events;
      expect(events.map((event) => event.uid)).toEqual(parseWithIcalJs(before.body).events.map((event) => event.uid));
      expect(events.filter((event) => event.sequence === 1).map((event) => event.uid)).toEqual([
        expect.stringContaining(`${trigger.id}@`),
      ]);
    } finally {
      await second.close();
    }
  });
});
