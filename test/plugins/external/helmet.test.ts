import { IncomingMessage, ServerResponse } from 'node:http';
import { Socket } from 'node:net';
import helmet from 'helmet';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { helmetHeaders } from '../../../src/plugins/external/helmet.js';
import { ADMIN_KEY, bearer, buildTestApp, createProvider, removeTempDir, tempDir, type TestApp } from '../../helper.js';

const OPTIONS = { contentSecurityPolicy: { directives: { upgradeInsecureRequests: null } } };

/** What helmet's middleware leaves on a real Node response, lower-cased as Node reports it. */
function onRealResponse(): Record<string, string> {
  const response = new ServerResponse(new IncomingMessage(new Socket()));
  response.setHeader('X-Powered-By', 'something');
  helmet(OPTIONS)(response.req, response, () => undefined);
  return Object.fromEntries(Object.entries(response.getHeaders()).map(([name, value]) => [name, String(value)]));
}

let dir: string;
let app: TestApp;

beforeAll(async () => {
  dir = tempDir();
  app = await buildTestApp(`${dir}/helmet.db`);
});
afterAll(async () => {
  await app.close();
  removeTempDir(dir);
});

describe('security headers taken from helmet once', () => {
  it("are exactly what helmet's middleware sets on a real response (and X-Powered-By removed)", () => {
    const expected = onRealResponse();
    expect(Object.keys(expected).length).toBeGreaterThan(10);
    expect(expected['x-powered-by']).toBeUndefined();
    expect(helmetHeaders(helmet(OPTIONS))).toEqual(expected);
  });

  it('come on every answer: a read, a 304, a 401, a 404, a refused body and an unknown address', async () => {
    const expected = helmetHeaders(helmet(OPTIONS));
    const provider = await createProvider(app, ADMIN_KEY);
    const read = await app.inject({ url: `/api/v1/providers/${provider.id}`, headers: bearer(ADMIN_KEY) });
    const answers = [
      read,
      await app.inject({
        url: `/api/v1/providers/${provider.id}`,
        headers: { ...bearer(ADMIN_KEY), 'if-none-match': read.headers.etag as string },
      }),
      await app.inject({ url: '/api/v1/providers', headers: bearer('gzd_unknown') }),
      await app.inject({ url: '/api/v1/providers/00000000-0000-4000-8000-000000000000', headers: bearer(ADMIN_KEY) }),
      await app.inject({ method: 'POST', url: '/api/v1/providers', headers: bearer(ADMIN_KEY), payload: { name: '' } }),
      await app.inject({ url: '/nothing-here' }),
    ];
    expect(answers.map((answer) => answer.statusCode)).toEqual([200, 304, 401, 404, 400, 404]);
    for (const answer of answers)
      expect(answer.headers, `${answer.statusCode} ${answer.body.slice(0, 80)}`).toMatchObject(expected);
  });
});
