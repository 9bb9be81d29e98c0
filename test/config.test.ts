import { describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config.js';

describe('loadConfig', () => {
  it('has the documented defaults', () => {
    expect(loadConfig({})).toEqual({
      port: 3000,
      host: '127.0.0.1',
      databasePath: './data/deadlines.db',
      adminApiKey: undefined,
      publicBaseUrl: 'http://127.0.0.1:3000',
      logLevel: 'info',
      rateLimitPerMinute: 120,
      today: undefined,
    });
  });

  it('reads every setting', () => {
    const config = loadConfig({
      PORT: '8080', HOST: '0.0.0.0', DATABASE_PATH: '/var/lib/gzd/db.sqlite', ADMIN_API_KEY: 'a-long-enough-admin-key',
      PUBLIC_BASE_URL: 'https://deadlines.example.nl/', LOG_LEVEL: 'warn', RATE_LIMIT_PER_MINUTE: '0', TODAY: '2026-10-20',
    });
    expect(config).toEqual({
      port: 8080, host: '0.0.0.0', databasePath: '/var/lib/gzd/db.sqlite', adminApiKey: 'a-long-enough-admin-key',
      publicBaseUrl: 'https://deadlines.example.nl', logLevel: 'warn', rateLimitPerMinute: 0, today: '2026-10-20',
    });
    expect(loadConfig({ HOST: '::1', PORT: '3001' }).publicBaseUrl).toBe('http://[::1]:3001');
  });

  it.each([
    [{ PORT: 'abc' }, /PORT must be a whole number/],
    [{ PORT: '70000' }, /PORT must be a whole number/],
    [{ RATE_LIMIT_PER_MINUTE: '-1' }, /RATE_LIMIT_PER_MINUTE/],
    [{ TODAY: '2026-02-30' }, /TODAY must be a date/],
    [{ LOG_LEVEL: 'loud' }, /LOG_LEVEL must be one of/],
    [{ ADMIN_API_KEY: 'short' }, /at least 16 characters/],
    [{ PUBLIC_BASE_URL: 'deadlines.example.nl' }, /PUBLIC_BASE_URL must be an http/],
  ])('refuses %o', (env, message) => {
    expect(() => loadConfig(env)).toThrow(message);
  });
});
