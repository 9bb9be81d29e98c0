import { afterEach, describe, expect, it } from 'vitest';
import { ADMIN_KEY, bearer } from '../helper.js';
import { reminderWorld, type ReminderWorld } from './setup.js';

/** POST /api/v1/admin/reminders/run is a job: it answers at once, and retries go on in the background. */
let world: ReminderWorld;
afterEach(async () => {
  await world.close();
});

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const contacts = (...names: string[]) => names.map((name) => ({ email: `${name}@noord.nl` }));

describe('a reminder run as a job', () => {
  it('answers 202 within a second during an SMTP outage; GET shows it pending; when SMTP is back each mail goes out once', async () => {
    // Retries 200 ms, doubling, 8 attempts: about 25 s before giving up, the outage is over long before.
    world = await reminderWorld({}, { firstDelayMs: 200, maxAttempts: 8 });
    await world.provider({ contacts: contacts('a', 'b', 'c') });
    world.smtp.mode = 'busy';

    const started = performance.now();
    const response = await world.app.inject({
      method: 'POST',
      url: '/api/v1/admin/reminders/run',
      headers: bearer(ADMIN_KEY),
      payload: { date: '2026-10-18', force: true },
    });
    expect(performance.now() - started).toBeLessThan(1_000);
    expect(response.statusCode).toBe(202);
    expect(response.headers.location).toBe('/api/v1/admin/reminders/runs/2026-10-18');
    expect(response.json()).toMatchObject({
      day: '2026-10-18',
      since: '2026-10-18',
      state: 'running',
      finishedAt: null,
      result: null,
    });

    const follow = async () =>
      (await world.app.inject({ url: response.headers.location as string, headers: bearer(ADMIN_KEY) })).json();
    const deadline = Date.now() + 10_000;
    while ((await follow()).planned < 3 && Date.now() < deadline) await sleep(20);
    await sleep(600);
    expect(await follow()).toMatchObject({ state: 'running', planned: 3, sent: 0, pending: 3, failed: 0 });
    expect(world.smtp.received).toHaveLength(0);

    world.smtp.mode = 'accept';
    let status = await follow();
    while (status.state !== 'finished' && Date.now() < deadline + 30_000) {
      await sleep(50);
      status = await follow();
    }
    expect(status).toMatchObject({
      state: 'finished',
      planned: 3,
      sent: 3,
      pending: 0,
      failed: 0,
      result: { planned: 3, sent: 3, failed: 0 },
    });
    expect(status.finishedAt).toEqual(expect.any(String));
    for (const name of ['a', 'b', 'c']) expect(world.smtp.to(`${name}@noord.nl`), name).toHaveLength(1);
    expect(new Set(world.smtp.messageIds()).size).toBe(3);
  }, 60_000);

  it('GET of a day that never ran is 404, of a malformed day 400, and needs an admin key', async () => {
    world = await reminderWorld();
    expect(
      (await world.app.inject({ url: '/api/v1/admin/reminders/runs/2026-10-18', headers: bearer(ADMIN_KEY) }))
        .statusCode,
    ).toBe(404);
    expect(
      (await world.app.inject({ url: '/api/v1/admin/reminders/runs/2026-13-45', headers: bearer(ADMIN_KEY) }))
        .statusCode,
    ).toBe(400);
    expect(
      (await world.app.inject({ url: '/api/v1/admin/reminders/runs/2026-10-18', headers: bearer(world.key) }))
        .statusCode,
    ).toBe(403);
  });

  it('a day started again while it runs answers with the same address; every mail still goes out once', async () => {
    world = await reminderWorld();
    await world.provider({ contacts: contacts('a', 'b') });
    world.smtp.delayMs = 100;
    const first = await world.app.inject({
      method: 'POST',
      url: '/api/v1/admin/reminders/run',
      headers: bearer(ADMIN_KEY),
      payload: { date: '2026-10-18', force: true },
    });
    const second = await world.app.inject({
      method: 'POST',
      url: '/api/v1/admin/reminders/run',
      headers: bearer(ADMIN_KEY),
      payload: { date: '2026-10-18', force: true },
    });
    expect(second.statusCode).toBe(202);
    expect(second.headers.location).toBe(first.headers.location);
    const deadline = Date.now() + 20_000;
    for (;;) {
      const status = (
        await world.app.inject({ url: first.headers.location as string, headers: bearer(ADMIN_KEY) })
      ).json();
      if (status.state === 'finished' && status.pending === 0) break;
      if (Date.now() > deadline) throw new Error(JSON.stringify(status));
      await sleep(20);
    }
    await sleep(200);
    expect(world.smtp.messageIds()).toHaveLength(2);
  });
});
