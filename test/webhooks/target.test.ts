import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { send } from '../../src/webhooks/send.js';
import { isPublicAddress, targetProblem } from '../../src/webhooks/target.js';

describe('isPublicAddress', () => {
  it.each([
    '127.0.0.1',
    '10.0.0.1',
    '172.16.5.5',
    '192.168.0.1',
    '169.254.169.254',
    '100.64.0.1',
    '0.0.0.0',
    '::1',
    'fe80::1',
    'fc00::1',
    '::ffff:10.0.0.1',
    '224.0.0.1',
    'not-an-ip',
  ])('refuses %s', (address) => expect(isPublicAddress(address)).toBe(false));
  it.each(['93.184.216.34', '2606:2800:220:1:248:1893:25c8:1946', '::ffff:93.184.216.34'])('allows %s', (address) =>
    expect(isPublicAddress(address)).toBe(true),
  );
});

describe('targetProblem', () => {
  it('allows http and loopback only where insecure targets are allowed', () => {
    expect(targetProblem('http://127.0.0.1:9/x', true)).toBeUndefined();
    expect(targetProblem('http://127.0.0.1:9/x', false)).toMatch(/https/);
    expect(targetProblem('https://127.0.0.1:9/x', false)).toMatch(/private/);
    expect(targetProblem('https://hooks.example.nl/x', false)).toBeUndefined();
  });
});

describe('send', () => {
  it('refuses a name that resolves to a loopback address after DNS resolution, without connecting', async () => {
    let connections = 0;
    const server = createServer((_request, response) => response.writeHead(204).end());
    server.on('connection', () => connections++);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const port = (server.address() as AddressInfo).port;
    try {
      // localhost passes the URL check only by name; its address is what is refused.
      const refused = await send(`https://localhost:${port}/x`, {}, '{}', { allowInsecure: false });
      expect(refused).toMatchObject({ status: null, error: expect.stringMatching(/EWEBHOOKTARGET.*loopback/) });
      const plain = await send(`http://localhost:${port}/x`, {}, '{}', { allowInsecure: false });
      expect(plain.error).toMatch(/not a public https/);
      expect(connections).toBe(0);
      // Where insecure targets are allowed the same name is reached.
      expect((await send(`http://localhost:${port}/x`, {}, '{}', { allowInsecure: true })).status).toBe(204);
      expect(connections).toBe(1);
    } finally {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });
});
