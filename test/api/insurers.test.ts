import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadCalendarSet } from '../../src/calendar/load.js';
import { bearer, buildTestApp, createKey, removeTempDir, tempDir, validProvider, type TestApp } from '../helper.js';

let dir: string;
let app: TestApp;
let key: string;

// The real calendars folder: its registry, rule file and the two encoded documents.
beforeAll(async () => {
  dir = tempDir();
  app = await buildTestApp(`${dir}/insurers.db`, { calendars: loadCalendarSet(), today: () => '2026-10-20' });
  key = (await createKey(app, 'insurers tenant')).key;
});
afterAll(async () => {
  await app.close();
  removeTempDir(dir);
});

const create = (contracts: unknown[]) =>
  app.inject({
    method: 'POST',
    url: '/api/v1/providers',
    headers: bearer(key),
    payload: { ...validProvider, kinds: ['verloskunde'], contracts },
  });

describe('insurers without a document', () => {
  it('accepts a VGZ 2027 contract, and her timeline holds the law’s VGZ dates of 2027 and, carried forward, 2028', async () => {
    const response = await create([{ insurer: 'vgz', year: 2027, status: 'existing' }]);
    expect(response.statusCode, response.body).toBe(201);
    const { id } = response.json();
    const timeline = await app.inject({ url: `/api/v1/providers/${id}/timeline`, headers: bearer(key) });
    expect(timeline.statusCode, timeline.body).toBe(200);
    const items = (timeline.json().items as { id: string; type: string; due: string; status: string }[]).filter(
      (item) => item.id.startsWith('vgz/'),
    );
    expect(items.map((item) => [item.id, item.type, item.due, item.status])).toEqual([
      ['vgz/2027/legal/publicatie-zorginkoopbeleid', 'statutory', '2026-04-01', 'passed'],
      ['vgz/2027/legal/controle-gecontracteerd', 'statutory', '2026-11-12', 'upcoming'],
      ['vgz/2027/legal/publicatie-polis-en-gecontracteerd-aanbod', 'statutory', '2026-11-12', 'upcoming'],
      // Her contract carries to 2028 (its round runs next year): the law dates it, nothing else is known of VGZ.
      ['vgz/2028/legal/publicatie-zorginkoopbeleid', 'statutory', '2027-04-01', 'upcoming'],
      ['vgz/2028/legal/controle-gecontracteerd', 'statutory', '2027-11-12', 'upcoming'],
      ['vgz/2028/legal/publicatie-polis-en-gecontracteerd-aanbod', 'statutory', '2027-11-12', 'upcoming'],
    ]);
  });

  it('refuses an insurer not in the registry, naming the field and listing the registry', async () => {
    const response = await create([{ insurer: 'acme', year: 2027, status: 'new' }]);
    expect(response.statusCode).toBe(400);
    const error = (response.json().errors as { field: string; message: string }[])[0];
    expect(error.field).toBe('contracts[0].insurer');
    expect(error.message).toContain('unknown insurer "acme"');
    expect(error.message).toContain('vgz');
    expect(error.message).toContain('onvz');
  });

  it('GET /api/v1/insurers lists the registry with each known year’s calendar state', async () => {
    const response = await app.inject({ url: '/api/v1/insurers' });
    expect(response.statusCode, response.body).toBe(200);
    const byId = new Map((response.json().items as { id: string; years: unknown[] }[]).map((i) => [i.id, i]));
    for (const id of ['achmea', 'vgz', 'cz-groep', 'menzis', 'zorg-en-zekerheid', 'onvz', 'dsw', 'eno'])
      expect(byId.has(id), id).toBe(true);
    expect(byId.get('cz-groep')?.years).toEqual([
      { year: 2026, calendar: { state: 'not-encoded' } },
      { year: 2027, calendar: { state: 'encoded', version: 6 } },
    ]);
    expect(byId.get('zorg-en-zekerheid')?.years).toEqual([
      { year: 2026, calendar: { state: 'encoded', version: 6 } },
      { year: 2027, calendar: { state: 'not-encoded' } },
    ]);
    expect(byId.get('vgz')?.years).toEqual([
      { year: 2026, calendar: { state: 'not-encoded' } },
      { year: 2027, calendar: { state: 'not-encoded' } },
    ]);
  });
});
