import { describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config.js';

const ADMIN = 'Admin-Key-0123456789-abcdefghijkLMN';
const SECRET = 'Secret-Key-0123456789-abcdefghijkLMN';
const METRICS = 'Metrics-Token-0123456789-abcdefghiXYZ';

describe('loadConfig', () => {
  it('has the documented defaults', () => {
    expect(loadConfig({})).toEqual({
      port: 3000,
      host: '127.0.0.1',
      databasePath: './data/deadlines.db',
      adminApiKey: undefined,
      secretKey: undefined,
      production: false,
      metricsToken: undefined,
      requestTimeoutMs: 30000,
      publicBaseUrl: 'http://127.0.0.1:3000',
      logLevel: 'info',
      rateLimitPerMinute: 120,
      webFormsPerHour: 10,
      newContactsPerKeyPerDay: 200,
      today: undefined,
      smtpUrl: undefined,
      smtpAllowPlainAuth: false,
      smtpConnections: 16,
      mailFrom: 'Geboortezorg deadlines <herinneringen@geboortezorg-deadlines.invalid>',
      mailDir: './data/mail',
      reminderCron: '0 7 * * *',
      remindersEnabled: true,
      corsOrigins: [],
      overloadMaxDelayMs: 200,
      trustProxy: false,
      webhookAllowInsecureTargets: false,
      operator: { name: undefined, contact: undefined },
    });
  });

  it('reads every setting', () => {
    const config = loadConfig({
      PORT: '8080',
      HOST: '0.0.0.0',
      DATABASE_PATH: '/var/lib/gzd/db.sqlite',
      ADMIN_API_KEY: ADMIN,
      SECRET_KEY: SECRET,
      METRICS_TOKEN: METRICS,
      REQUEST_TIMEOUT_MS: '5000',
      SMTP_ALLOW_PLAIN_AUTH: 'true',
      NODE_ENV: 'production',
      SMTP_CONNECTIONS: '4',
      PUBLIC_BASE_URL: 'https://deadlines.example.nl/',
      LOG_LEVEL: 'warn',
      RATE_LIMIT_PER_MINUTE: '0',
      TODAY: '2026-10-20',
      WEB_FORMS_PER_HOUR: '4',
      NEW_CONTACTS_PER_KEY_PER_DAY: '30',
      SMTP_URL: 'smtp://user:secret@mail.example.nl:587',
      MAIL_FROM: 'herinneringen@example.nl',
      MAIL_DIR: '/var/mail/gzd',
      REMINDER_CRON: '30 6 * * 1-5',
      REMINDERS_ENABLED: 'false',
      CORS_ORIGINS: 'https://app.example.nl, http://localhost:5173/',
      OVERLOAD_MAX_DELAY_MS: '0',
      TRUST_PROXY: '10.0.0.2',
      WEBHOOK_ALLOW_INSECURE_TARGETS: 'true',
      OPERATOR_NAME: 'Stichting Voorbeeld',
      OPERATOR_CONTACT: 'privacy@voorbeeld.nl',
    });
    expect(config).toEqual({
      port: 8080,
      host: '0.0.0.0',
      databasePath: '/var/lib/gzd/db.sqlite',
      adminApiKey: ADMIN,
      secretKey: SECRET,
      production: true,
      metricsToken: METRICS,
      requestTimeoutMs: 5000,
      smtpAllowPlainAuth: true,
      smtpConnections: 4,
      publicBaseUrl: 'https://deadlines.example.nl',
      logLevel: 'warn',
      rateLimitPerMinute: 0,
      webFormsPerHour: 4,
      newContactsPerKeyPerDay: 30,
      today: '2026-10-20',
      smtpUrl: 'smtp://user:secret@mail.example.nl:587',
      mailFrom: 'herinneringen@example.nl',
      mailDir: '/var/mail/gzd',
      reminderCron: '30 6 * * 1-5',
      remindersEnabled: false,
      corsOrigins: ['https://app.example.nl', 'http://localhost:5173'],
      overloadMaxDelayMs: 0,
      trustProxy: ['10.0.0.2'],
      webhookAllowInsecureTargets: true,
      operator: { name: 'Stichting Voorbeeld', contact: 'privacy@voorbeeld.nl' },
    });
    expect(loadConfig({ HOST: '::1', PORT: '3001' }).publicBaseUrl).toBe('http://[::1]:3001');
  });

  it.each([
    [{ PORT: 'abc' }, /PORT must be a whole number/],
    [{ WEB_FORMS_PER_HOUR: 'lots' }, /WEB_FORMS_PER_HOUR must be a whole number/],
    [{ PORT: '70000' }, /PORT must be a whole number/],
    [{ RATE_LIMIT_PER_MINUTE: '-1' }, /RATE_LIMIT_PER_MINUTE/],
    [{ TODAY: '2026-02-30' }, /TODAY must be a date/],
    [{ LOG_LEVEL: 'loud' }, /LOG_LEVEL must be one of/],
    [{ ADMIN_API_KEY: 'short' }, /ADMIN_API_KEY must be at least 32 characters/],
    [
      { ADMIN_API_KEY: 'change-me-to-a-long-secret-0123456789' },
      /ADMIN_API_KEY must not be \(or contain\) an example value/,
    ],
    [{ ADMIN_API_KEY: 'a-long-admin-key-written-in-lower-case-only' }, /ADMIN_API_KEY must mix at least three/],
    [{ ADMIN_API_KEY: 'Aa1-Aa1-Aa1-Aa1-Aa1-Aa1-Aa1-Aa1-Aa1' }, /ADMIN_API_KEY must not repeat a few characters/],
    [{ SECRET_KEY: 'short' }, /SECRET_KEY must be at least 32 characters/],
    [{ METRICS_TOKEN: 'metrics' }, /METRICS_TOKEN must be at least 32 characters/],
    [{ NODE_ENV: 'production' }, /SECRET_KEY must be set when NODE_ENV=production/],
    [
      { NODE_ENV: 'production', SECRET_KEY: 'Prod-Secret-Key-0123456789-abcdefghXYZ' },
      /METRICS_TOKEN must be set when NODE_ENV=production/,
    ],
    [{ REQUEST_TIMEOUT_MS: '10' }, /REQUEST_TIMEOUT_MS must be a whole number/],
    [{ SMTP_ALLOW_PLAIN_AUTH: 'yes' }, /SMTP_ALLOW_PLAIN_AUTH must be true or false/],
    [{ SMTP_CONNECTIONS: '0' }, /SMTP_CONNECTIONS must be a whole number/],
    [{ SMTP_CONNECTIONS: '51' }, /SMTP_CONNECTIONS must be a whole number/],
    [{ PUBLIC_BASE_URL: 'deadlines.example.nl' }, /PUBLIC_BASE_URL must be an http/],
    [{ SMTP_URL: 'mail.example.nl', MAIL_FROM: 'herinneringen@example.nl' }, /SMTP_URL must be an smtp/],
    [{ SMTP_URL: 'smtp://mail.example.nl:587' }, /MAIL_FROM must be set when SMTP_URL is/],
    [{ SMTP_URL: 'smtp://mail.example.nl:587', MAIL_FROM: '  ' }, /MAIL_FROM must be set when SMTP_URL is/],
    [{ ADMIN_API_KEY: 'change-me-to-a-long-secret' }, /publicly known example value/],
    [{ MAIL_FROM: 'Eve <eve@example.nl>\r\nBcc: x@example.nl' }, /MAIL_FROM/],
    [{ MAIL_FROM: 'not an address' }, /MAIL_FROM/],
    [{ REMINDER_CRON: 'every morning' }, /REMINDER_CRON must be a cron expression/],
    [{ REMINDERS_ENABLED: 'sometimes' }, /REMINDERS_ENABLED must be true or false/],
    [{ CORS_ORIGINS: '*' }, /CORS_ORIGINS must be a comma-separated list of origins/],
    [{ CORS_ORIGINS: 'https://app.example.nl/path' }, /CORS_ORIGINS/],
  ])('refuses %o', (env, message) => {
    expect(() => loadConfig(env)).toThrow(message);
  });
});
