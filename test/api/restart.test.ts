import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_KEY, bearer, buildTestApp, createKey, createProvider, removeTempDir, tempDir } from '../helper.js';

let dir: string;
beforeAll(() => {
  dir = tempDir();
});
afterAll(() => removeTempDir(dir));

describe('restart', () => {
  it('keeps keys, revocations, providers and the event audit trail when the app closes and reopens on the same file', async () => {
    const path = `${dir}/restart.db`;
    const first = await buildTestApp(path);
    const tenant = await createKey(first, 'tenant');
    const revoked = await createKey(first, 'revoked');
    await first.inject({ method: 'DELETE', url: `/api/v1/api-keys/${revoked.id}`, headers: bearer(ADMIN_KEY) });
    const provider = await createProvider(first, tenant.key, {
      contracts: [
        { insurer: 'voorbeeld', year: 2027, status: 'existing', attributes: { organisatievorm: 'loondienst' } },
      ],
    });
    const items = (
      await first.inject({ url: `/api/v1/providers/${provider.id}/timeline`, headers: bearer(tenant.key) })
    ).json().items;
    const eventsUrl = `/api/v1/providers/${provider.id}/events`;
    const kept = (
      await first.inject({
        method: 'POST',
        url: eventsUrl,
        headers: bearer(tenant.key),
        payload: { item: items[0].id, date: '2026-05-01', note: 'bewaard' },
      })
    ).json();
    const undone = (
      await first.inject({
        method: 'POST',
        url: eventsUrl,
        headers: bearer(tenant.key),
        payload: { item: items[1].id, date: '2026-05-02' },
      })
    ).json();
    await first.inject({ method: 'DELETE', url: `${eventsUrl}/${undone.id}`, headers: bearer(tenant.key) });
    const before = {
      provider: (await first.inject({ url: `/api/v1/providers/${provider.id}`, headers: bearer(tenant.key) })).json(),
      timeline: (
        await first.inject({ url: `/api/v1/providers/${provider.id}/timeline`, headers: bearer(tenant.key) })
      ).json(),
      trail: (await first.inject({ url: `${eventsUrl}?includeUndone=true`, headers: bearer(tenant.key) })).json(),
      keys: (await first.inject({ url: '/api/v1/api-keys', headers: bearer(ADMIN_KEY) })).json(),
    };
    await first.close();

    const second = await buildTestApp(path);
    try {
      expect(
        (await second.inject({ url: `/api/v1/providers/${provider.id}`, headers: bearer(tenant.key) })).json(),
      ).toEqual(before.provider);
      expect(
        (await second.inject({ url: `/api/v1/providers/${provider.id}/timeline`, headers: bearer(tenant.key) })).json(),
      ).toEqual(before.timeline);
      const trail = (
        await second.inject({ url: `${eventsUrl}?includeUndone=true`, headers: bearer(tenant.key) })
      ).json();
      expect(trail).toEqual(before.trail);
      expect(trail.items.map((e: { id: string }) => e.id).sort()).toEqual([kept.id, undone.id].sort());
      expect((await second.inject({ url: '/api/v1/api-keys', headers: bearer(ADMIN_KEY) })).json()).toEqual(
        before.keys,
      );
      expect((await second.inject({ url: '/api/v1/providers', headers: bearer(revoked.key) })).statusCode).toBe(401);
    } finally {
      await second.close();
    }
  });
});
