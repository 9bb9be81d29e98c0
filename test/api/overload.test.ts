import { connect, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_KEY, buildTestApp, removeTempDir, tempDir, type TestApp } from '../helper.js';

/**
 * Load shedding wired in: a request that waited its turn past the limit behind other waiting requests gets a quick
 * 503 problem with Retry-After (counted against its key's rate limit); a request with nothing queued before it is
 * served however long the event loop lagged; /health still answers.
 */
let dir: string;
let app: TestApp;
let port: number;
const RATE_LIMIT = 100;
beforeAll(async () => {
  dir = tempDir();
  app = await buildTestApp(`${dir}/overload.db`, {
    env: { OVERLOAD_MAX_DELAY_MS: '50', RATE_LIMIT_PER_MINUTE: String(RATE_LIMIT) },
  });
  await app.listen({ port: 0, host: '127.0.0.1' });
  port = (app.server.address() as { port: number }).port;
});
afterAll(async () => {
  await app.close();
  removeTempDir(dir);
});

const block = (ms: number) => {
  const until = Date.now() + ms;
  while (Date.now() < until);
};

async function connected(): Promise<Socket> {
  const socket = connect(port, '127.0.0.1');
  await new Promise((resolve) => socket.once('connect', resolve));
  return socket;
}

/** The whole answer to one request on a `Connection: close` socket. */
function answer(socket: Socket): Promise<string> {
  let text = '';
  socket.on('data', (chunk: Buffer) => (text += chunk.toString()));
  return new Promise((resolve) => socket.once('close', () => resolve(text)));
}

const calendarsRequest = `GET /api/v1/calendars HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer ${ADMIN_KEY}\r\nConnection: close\r\n\r\n`;

describe('overload shedding', () => {
  it('serves a lone request however long the event loop lagged before it, and /health', async () => {
    for (let attempt = 0; attempt < 5; attempt++) {
      const answering = fetch(`http://127.0.0.1:${port}/api/v1/calendars`);
      block(300); // the request is in flight with nothing before it while the loop is held up
      const api = await answering;
      await api.arrayBuffer();
      expect(api.status).toBe(200);
    }
    expect((await fetch(`http://127.0.0.1:${port}/health`)).status).toBe(200);
  });

  it('sheds a request that waited past the limit behind another one, over real HTTP, counted against its key; serves again', async () => {
    const first = await connected();
    const second = await connected();
    const answers = [answer(first), answer(second)];
    // Both requests are in the kernel before the server's next poll, so it reads them in one turn; as the second
    // arrives (the first still waiting its turn) the loop is held up past the limit.
    let arrived = 0;
    const holdUp = () => {
      if (++arrived === 2) block(200);
    };
    app.server.on('request', holdUp);
    first.write(calendarsRequest);
    second.write(calendarsRequest);
    const [a, b] = await Promise.all(answers);
    app.server.off('request', holdUp);
    const statuses = [a, b].map((text) => Number(text.slice(9, 12)));
    expect(statuses.sort()).toEqual([200, 503]);
    const shed = [a, b].find((text) => text.startsWith('HTTP/1.1 503'))!.toLowerCase();
    expect(shed).toMatch(/\r\nretry-after: 1\r\n/);
    expect(shed).toMatch(/\r\ncontent-type: application\/problem\+json/);
    expect(shed).toMatch(/overloaded/);
    expect(shed).toContain('"type":"/problems/overloaded"');
    // The shed request used its key's budget like any other: two requests counted.
    expect(shed).toMatch(new RegExp(`\\r\\nratelimit-remaining: ${RATE_LIMIT - 2}\\r\\n`));

    const served = await fetch(`http://127.0.0.1:${port}/api/v1/calendars`);
    expect(served.status).toBe(200);
  });
});
