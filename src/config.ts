import { validate as validateCron } from 'node-cron';
import { isValidPlainDate } from './domain/plain-date.js';
import { mailboxProblem } from './mail/address.js';

/** The service's settings, read from the environment once at start-up. */
export interface Config {
  port: number;
  host: string;
  databasePath: string;
  adminApiKey: string | undefined;
  publicBaseUrl: string;
  logLevel: string;
  /** Requests per minute per client on /api; 0 disables the limit. */
  rateLimitPerMinute: number;
  /** Per client address per hour: web forms that send mail (sign-up, new link); 0 disables the limit. */
  webFormsPerHour: number;
  /** A pinned "today" (YYYY-MM-DD) for demonstrations and tests; undefined means the real date in Amsterdam. */
  today: string | undefined;
  /** Reminder e-mails: pooled SMTP when set, otherwise .eml files in mailDir. */
  smtpUrl: string | undefined;
  mailFrom: string;
  mailDir: string;
  /** When the daily reminder run starts (cron, Europe/Amsterdam). */
  reminderCron: string;
  /** false: no schedule and no start-up catch-up; runs started by hand still work. */
  remindersEnabled: boolean;
}

export const DEFAULTS = {
  PORT: '3000',
  HOST: '127.0.0.1',
  DATABASE_PATH: './data/deadlines.db',
  LOG_LEVEL: 'info',
  RATE_LIMIT_PER_MINUTE: '120',
  WEB_FORMS_PER_HOUR: '10',
  MAIL_FROM: 'Geboortezorg deadlines <herinneringen@geboortezorg-deadlines.invalid>',
  MAIL_DIR: './data/mail',
  REMINDER_CRON: '0 7 * * *',
  REMINDERS_ENABLED: 'true',
} as const;

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];
/** Shorter keys are too easy to guess for the one key that can do everything. */
const MIN_ADMIN_KEY_LENGTH = 16;

export class ConfigError extends Error {
  override name = 'ConfigError';
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const setting = (name: keyof typeof DEFAULTS): string => nonEmpty(env[name]) ?? DEFAULTS[name];
  const port = wholeNumber('PORT', setting('PORT'), 0, 65535);
  const host = setting('HOST');
  const logLevel = setting('LOG_LEVEL');
  if (!LOG_LEVELS.includes(logLevel)) throw new ConfigError(`LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')}, got "${logLevel}"`);
  const adminApiKey = nonEmpty(env.ADMIN_API_KEY);
  if (adminApiKey !== undefined && adminApiKey.length < MIN_ADMIN_KEY_LENGTH) {
    throw new ConfigError(`ADMIN_API_KEY must be at least ${MIN_ADMIN_KEY_LENGTH} characters`);
  }
  const today = nonEmpty(env.TODAY);
  if (today !== undefined && !isValidPlainDate(today)) throw new ConfigError(`TODAY must be a date YYYY-MM-DD, got "${today}"`);
  const publicBaseUrl = (nonEmpty(env.PUBLIC_BASE_URL) ?? `http://${host.includes(':') ? `[${host}]` : host}:${port}`).replace(/\/+$/, '');
  if (!/^https?:\/\/[^\s/]+/.test(publicBaseUrl)) throw new ConfigError(`PUBLIC_BASE_URL must be an http(s) URL, got "${publicBaseUrl}"`);
  const smtpUrl = nonEmpty(env.SMTP_URL);
  if (smtpUrl !== undefined && !/^smtps?:\/\/[^\s/]+/.test(smtpUrl)) throw new ConfigError('SMTP_URL must be an smtp:// or smtps:// URL');
  const mailFrom = setting('MAIL_FROM');
  const mailFromProblem = mailboxProblem(mailFrom);
  if (mailFromProblem) throw new ConfigError(`MAIL_FROM ${mailFromProblem}, got "${mailFrom}"`);
  const reminderCron = setting('REMINDER_CRON');
  if (!validateCron(reminderCron)) throw new ConfigError(`REMINDER_CRON must be a cron expression like "0 7 * * *", got "${reminderCron}"`);
  const remindersEnabled = setting('REMINDERS_ENABLED').toLowerCase();
  if (!['true', 'false', '1', '0'].includes(remindersEnabled)) throw new ConfigError(`REMINDERS_ENABLED must be true or false, got "${remindersEnabled}"`);
  return {
    port,
    host,
    databasePath: setting('DATABASE_PATH'),
    adminApiKey,
    publicBaseUrl,
    logLevel,
    rateLimitPerMinute: wholeNumber('RATE_LIMIT_PER_MINUTE', setting('RATE_LIMIT_PER_MINUTE'), 0, 1_000_000),
    webFormsPerHour: wholeNumber('WEB_FORMS_PER_HOUR', setting('WEB_FORMS_PER_HOUR'), 0, 1_000_000),
    today,
    smtpUrl,
    mailFrom,
    mailDir: setting('MAIL_DIR'),
    reminderCron,
    remindersEnabled: remindersEnabled === 'true' || remindersEnabled === '1',
  };
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value.trim() === '' ? undefined : value.trim();
}

function wholeNumber(name: string, value: string, min: number, max: number): number {
  const number = Number(value);
  if (!/^\d+$/.test(value) || number < min || number > max) throw new ConfigError(`${name} must be a whole number from ${min} to ${max}, got "${value}"`);
  return number;
}
