import type { InjectOptions } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SecretTokens } from '../../src/store/secrets.js';
import { CRAFTED_BOUND_MS, craftedInputs } from '../crafted-input.js';
import { buildTestApp, createKey, createProvider, removeTempDir, tempDir, type TestApp } from '../helper.js';

/** Patterns that read headers and bodies before authentication (Bearer, One-Click), fed crafted input through the app. */
let dir: string;
let app: TestApp;
let unsubscribe: string;

beforeAll(async () => {
  dir = tempDir();
  app = await buildTestApp(`${dir}/crafted.db`, { env: { METRICS_TOKEN: 'Metrics-Token-0123456789-abcdefghXYZ' } });
  const provider = await createProvider(app, (await createKey(app)).key);
  const contact = app.db.prepare('SELECT id FROM contacts WHERE provider_id = ?').pluck().get(provider.id) as number;
  unsubscribe = `/unsubscribe/${new SecretTokens(app.db).current('unsubscribe', contact)}`;
});
afterAll(async () => {
  await app.close();
  removeTempDir(dir);
});

async function timed(request: InjectOptions): Promise<number> {
  const started = performance.now();
  const response = await app.inject(request);
  expect(response.statusCode).toBeLessThan(500);
  return performance.now() - started;
}

describe('crafted input of 50,000 characters', () => {
  it('in the Authorization header of the API and of /metrics is answered in linear time', async () => {
    const headers = craftedInputs('Bearer ', [' ', 'a ', 'a', ' a', '\t']).map((value) =>
      value.replace(/[^\x20-\x7e\t]/g, ' '),
    );
    for (const authorization of headers) {
      for (const url of ['/api/v1/providers', '/metrics'])
        expect(await timed({ url, headers: { authorization } }), url).toBeLessThan(CRAFTED_BOUND_MS);
    }
  });

  it('in the one-click body of the unsubscribe POST is answered in linear time', async () => {
    const bodies = [
      ...craftedInputs('List-Unsubscribe=', ['One-Click', '%', '&', '=']),
      `--x\r\nContent-Disposition: form-data; name="List-Unsubscribe"\r\n\r\nOne-Click${' '.repeat(3900)}x`,
      '\n\nOne-Click '.repeat(370),
    ];
    for (const payload of bodies) {
      for (const contentType of ['application/x-www-form-urlencoded', 'multipart/form-data; boundary=x']) {
        expect(
          await timed({ method: 'POST' as const, url: unsubscribe, headers: { 'content-type': contentType }, payload }),
        ).toBeLessThan(CRAFTED_BOUND_MS);
      }
    }
  });
});
