import { createServer } from 'node:net';

/**
 * A loopback port free right now, for a server process to listen on: the system picks it (port 0). A random port in a
 * fixed range could be one the system had just handed out to a connection, and the server would exit on EADDRINUSE.
 */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}
