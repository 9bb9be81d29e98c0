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
      webFormsPerHour: 10,
      today: undefined,
      smtpUrl: undefined,
      mailFrom: 'Geboortezorg deadlines <herinneringen@geboortezorg-deadlines.invalid>',
      mailDir: './data/mail',
      reminderCron: '0 7 * * *',
      remindersEnabled: true,
    });
  });

  it('reads every setting', () => {
    const config = loadConfig({
      PORT: '8080', HOST: '0.0.0.0', DATABASE_PATH: '/var/lib/gzd/db.sqlite', ADMIN_API_KEY: 'a-long-enough-admin-key',
      PUBLIC_BASE_URL: 'https://deadlines.example.nl/', LOG_LEVEL: 'warn', RATE_LIMIT_PER_MINUTE: '0', TODAY: '2026-10-20', WEB_FORMS_PER_HOUR: '4',
      SMTP_URL: 'smtp://user:secret@mail.example.nl:587', MAIL_FROM: 'herinneringen@example.nl', MAIL_DIR: '/var/mail/gzd',
      REMINDER_CRON: '30 6 * * 1-5', REMINDERS_ENABLED: 'false',
    });
    expect(config).toEqual({
      port: 8080, host: '0.0.0.0', databasePath: '/var/lib/gzd/db.sqlite', adminApiKey: 'a-long-enough-admin-key',
      publicBaseUrl: 'https://deadlines.example.nl', logLevel: 'warn', rateLimitPerMinute: 0, webFormsPerHour: 4, today: '2026-10-20',
      smtpUrl: 'smtp://user:secret@mail.example.nl:587', mailFrom: 'herinneringen@example.nl', mailDir: '/var/mail/gzd',
      reminderCron: '30 6 * * 1-5', remindersEnabled: false,
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
    [{ ADMIN_API_KEY: 'short' }, /at least 16 characters/],
    [{ PUBLIC_BASE_URL: 'deadlines.example.nl' }, /PUBLIC_BASE_URL must be an http/],
    [{ SMTP_URL: 'mail.example.nl' }, /SMTP_URL must be an smtp/],
    [{ MAIL_FROM: 'Eve <eve@example.nl>\r\nBcc: x@example.nl' }, /MAIL_FROM/],
    [{ MAIL_FROM: 'not an address' }, /MAIL_FROM/],
    [{ REMINDER_CRON: 'every morning' }, /REMINDER_CRON must be a cron expression/],
    [{ REMINDERS_ENABLED: 'sometimes' }, /REMINDERS_ENABLED must be true or false/],
  ])('refuses %o', (env, message) => {
    expect(() => loadConfig(env)).toThrow(message);
  });
});
