import { connect } from 'node:net';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_KEY, buildTestApp, removeTempDir, tempDir, type TestApp } from '../helper.js';

let dir: string;
let app: TestApp;
let port: number;

beforeAll(async () => {
  dir = tempDir();
  app = await buildTestApp(`${dir}/timeouts.db`, { env: { REQUEST_TIMEOUT_MS: '1000' } });
  await app.listen({ host: '127.0.0.1', port: 0 });
  port = (app.server.address() as AddressInfo).port;
});
afterAll(async () => {
  await app.close();
  removeTempDir(dir);
});

/** Sends `head` at once, then `dribble` one byte every 200 ms; resolves with what came back and when the server ended it. */
function dribble(head: string, dribbled: string): Promise<{ answer: string; ms: number }> {
  return new Promise((resolve) => {
    const started = performance.now();
    const socket = connect(port, '127.0.0.1');
    let answer = '';
    let index = 0;
    const timer = setInterval(() => {
      if (index < dribbled.length && !socket.destroyed) socket.write(dribbled[index++]);
    }, 200);
    const done = () => {
      clearInterval(timer);
      resolve({ answer, ms: performance.now() - started });
    };
    socket.on('data', (chunk: Buffer) => (answer += chunk.toString()));
    socket.on('close', done);
    socket.on('error', () => {});
    socket.write(head);
    // Far past the timeout: a server without one would still be reading at this point.
    setTimeout(() => socket.destroy(), 15_000);
  });
}

describe('slow clients', () => {
  it('a body dribbled byte by byte is cut off with 408 once the request timeout has passed', async () => {
    const body = JSON.stringify({ name: 'x'.repeat(80) });
    const head = `POST /api/v1/providers HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${ADMIN_KEY}\r\nContent-Type: application/json\r\nContent-Length: ${body.length}\r\n\r\n`;
    const { answer, ms } = await dribble(head, body);
    expect(answer).toMatch(/^HTTP\/1\.1 408/);
    expect(answer).toContain('"type":"/problems/request-timeout"');
    expect(ms).toBeLessThan(4_000);
  });

  it('headers dribbled byte by byte are cut off too', async () => {
    const { answer, ms } = await dribble('GET /health HTTP/1.1\r\n', 'X-Slow: ' + 'a'.repeat(60) + '\r\n\r\n');
    expect(answer === '' || /^HTTP\/1\.1 408/.test(answer)).toBe(true);
    expect(ms).toBeLessThan(4_000);
  });

  it('an ordinary request still answers', async () => {
    expect((await fetch(`http://127.0.0.1:${port}/health`)).status).toBe(200);
  });
});
