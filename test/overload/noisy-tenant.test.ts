import { describe, expect, it } from 'vitest';
import { ADMIN_KEY, removeTempDir, tempDir } from '../helper.js';
import { startServer } from '../process.js';

/**
 * One tenant does not push another into 503s: a key sending 48 KB bodies of 12,000 bad array items on 3 connections
 * flat out, while another tenant reads its timeline one request after another, against the real server with its
 * default shedding (the rate limit set high, so the noisy key is not simply stopped by 429s). Every read of the other
 * tenant is answered 200, and the noisy key's error answers stay small. Bounded: SECONDS of load, 127.0.0.1 only.
 */
const SECONDS = 8;
const CONNECTIONS = 3;
const MAX_ERROR_BYTES = 2048;

describe('a noisy tenant', () => {
  it(`oversize bodies on ${CONNECTIONS} connections: another tenant's sequential reads all 200, the noisy answers small`, async () => {
    const dir = tempDir();
    const server = await startServer({
      DATABASE_PATH: `${dir}/noisy.db`,
      ADMIN_API_KEY: ADMIN_KEY,
      TODAY: '2026-09-15',
      LOG_LEVEL: 'warn',
      OVERLOAD_MAX_DELAY_MS: '200', // the default
      RATE_LIMIT_PER_MINUTE: '1000000',
    });
    try {
      const json = { 'content-type': 'application/json' };
      const newKey = async (name: string) => {
        const response = await fetch(`${server.baseUrl}/api/v1/api-keys`, {
          method: 'POST',
          headers: { ...json, authorization: `Bearer ${ADMIN_KEY}` },
          body: JSON.stringify({ name }),
        });
        expect(response.status).toBe(201);
        return ((await response.json()) as { key: string }).key;
      };
      const noisy = await newKey('noisy');
      const quiet = await newKey('quiet');
      const calendars = (
        (await (await fetch(`${server.baseUrl}/api/v1/calendars`)).json()) as {
          items: { insurer: string; year: number }[];
        }
      ).items;
      const provider = {
        name: 'Praktijk Stil',
        agb: '70000001',
        kinds: ['verloskunde'],
        contracts: calendars.map((c) => ({ insurer: c.insurer, year: c.year, status: 'existing' })),
      };
      const created = await fetch(`${server.baseUrl}/api/v1/providers`, {
        method: 'POST',
        headers: { ...json, authorization: `Bearer ${quiet}` },
        body: JSON.stringify(provider),
      });
      expect(created.status).toBe(201);
      const { id } = (await created.json()) as { id: string };

      const oversize = JSON.stringify({ ...provider, agb: '70000002', kinds: Array(12_000).fill('x') });
      expect(oversize.length).toBeGreaterThan(48_000);
      const until = Date.now() + SECONDS * 1000;
      const noisyAnswers: { status: number; bytes: number }[] = [];
      const noise = async () => {
        while (Date.now() < until) {
          const response = await fetch(`${server.baseUrl}/api/v1/providers`, {
            method: 'POST',
            headers: { ...json, authorization: `Bearer ${noisy}` },
            body: oversize,
            signal: AbortSignal.timeout(10_000),
          });
          noisyAnswers.push({ status: response.status, bytes: (await response.arrayBuffer()).byteLength });
        }
      };
      const quietStatuses: number[] = [];
      const reads = async () => {
        while (Date.now() < until) {
          const response = await fetch(`${server.baseUrl}/api/v1/providers/${id}/timeline`, {
            headers: { authorization: `Bearer ${quiet}` },
            signal: AbortSignal.timeout(10_000),
          });
          await response.arrayBuffer();
          quietStatuses.push(response.status);
        }
      };
      await Promise.all([...Array.from({ length: CONNECTIONS }, noise), reads()]);

      const largest = Math.max(...noisyAnswers.map((a) => a.bytes));
      const shed = quietStatuses.filter((s) => s === 503).length;
      console.info(
        `noisy tenant: ${noisyAnswers.length} oversize bodies in ${SECONDS} s on ${CONNECTIONS} connections ` +
          `(${noisyAnswers.filter((a) => a.status === 400).length} 400, ${noisyAnswers.filter((a) => a.status === 503).length} 503), ` +
          `largest answer ${largest} bytes; quiet tenant: ${quietStatuses.length} sequential reads, ${shed} shed`,
      );
      expect(noisyAnswers.length).toBeGreaterThan(0);
      expect(noisyAnswers.every((a) => a.status === 400 || a.status === 503)).toBe(true);
      expect(largest, 'largest noisy answer (bytes)').toBeLessThan(MAX_ERROR_BYTES);
      expect(quietStatuses.length).toBeGreaterThan(10);
      expect(quietStatuses.filter((s) => s !== 200)).toEqual([]);
    } finally {
      server.child.kill('SIGKILL');
      await server.exited;
      removeTempDir(dir);
    }
  }, 60_000);
});
