import { request as httpRequest } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, removeTempDir, tempDir, type TestApp } from '../helper.js';

/** Raw HTTP, so the path reaches the service exactly as a client (or an attacker's link) wrote it. */
function get(base: string, path: string): Promise<{ status: number; type: string; body: string }> {
  return new Promise((resolve, reject) => {
    const url = new URL(base);
    const req = httpRequest({ host: url.hostname, port: url.port, path, method: 'GET' }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, type: String(res.headers['content-type']), body }));
    });
    req.on('error', reject);
    req.end();
  });
}

let dir: string;
let app: TestApp;
let base: string;

beforeAll(async () => {
  dir = tempDir();
  app = await buildTestApp(`${dir}/switch.db`);
  base = await app.listen({ port: 0, host: '127.0.0.1' });
});
afterAll(async () => {
  await app.close();
  removeTempDir(dir);
});

describe('the 404 page links only within the site', () => {
  it.each(['//evil.example/login', '/\\evil.example/', '///evil.example', '/\\/evil.example/x?y=1'])(
    'the language switch on %s is a path on this site',
    async (path) => {
      const answer = await get(base, path);
      expect(answer.status).toBe(404);
      const href = /<a class="switch" href="([^"]+)"/.exec(answer.body)![1].replaceAll('&#92;', '\\');
      expect(href).toMatch(/^\/(?![/\\])/);
      // As a browser resolves it: still this site.
      expect(new URL(href.replaceAll('&amp;', '&'), base).origin).toBe(new URL(base).origin);
    },
  );

  it('an /api path with dot segments, as sent, answers a problem, not a page', async () => {
    const answer = await get(base, '/api/v1/../../0b7f0a52-6f5e-4f0e-9d2a-0c1b2c3d4e5f');
    expect(answer.status).toBeGreaterThanOrEqual(400);
    expect(answer.status).toBeLessThan(500);
    expect(answer.type).toMatch(/^application\/problem\+json/);
  });
});
