import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, removeTempDir, tempDir, type TestApp } from '../helper.js';

let dir: string;
let app: TestApp;
let port: number;

beforeAll(async () => {
  dir = tempDir();
  app = await buildTestApp(`${dir}/body.db`);
  await app.listen({ port: 0, host: '127.0.0.1' });
  port = (app.server.address() as { port: number }).port;
});
afterAll(async () => {
  await app.close();
  removeTempDir(dir);
});

/**
 * A client announces a 50 MB body without a key (or with a wrong one) and keeps sending: how much the server
 * takes before the connection ends, and the answer it gave.
 */
function sendWithoutKey(authorization?: string): Promise<{ answer: string; sent: number; closed: boolean }> {
  const TOTAL = 50 * 1024 * 1024;
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    let answer = '';
    let sent = 0;
    let closed = false;
    const chunk = Buffer.alloc(64 * 1024, 'a');
    const finish = () => {
      clearTimeout(timer);
      socket.destroy();
      resolve({ answer, sent, closed });
    };
    // Long enough for a server that reads everything to take far more than the kernel's buffers hold.
    const timer = setTimeout(finish, 5_000);
    socket.on('data', (data) => (answer += data.toString('latin1')));
    socket.on('close', () => {
      closed = true;
      finish();
    });
    socket.on('error', () => {});
    socket.write(
      `POST /api/v1/providers HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n` +
        `${authorization ? `Authorization: ${authorization}\r\n` : ''}Content-Length: ${TOTAL}\r\n\r\n`,
    );
    const pump = () => {
      while (!socket.destroyed && sent < TOTAL) {
        sent += chunk.length;
        if (!socket.write(chunk)) return void socket.once('drain', pump);
      }
    };
    pump();
  });
}

describe('a body sent without a valid key is not read', () => {
  it.each([
    ['no key', undefined],
    ['a wrong key', 'Bearer not-a-key-of-this-service-0123456789'],
  ])('%s: 401, the connection closes, and far less than the 50 MB is taken in', async (_name, authorization) => {
    const { answer, sent, closed } = await sendWithoutKey(authorization);
    expect(answer).toMatch(/^HTTP\/1\.1 401/);
    expect(answer.toLowerCase()).toContain('connection: close');
    expect(closed).toBe(true);
    expect(sent).toBeLessThan(16 * 1024 * 1024);
  });
});
