import { isIP } from 'node:net';
import { validate as validateCron } from 'node-cron';
import { isValidPlainDate } from './domain/plain-date.js';
import { mailboxProblem } from './mail/address.js';

/** The service's settings, read from the environment once at start-up. */
export interface Config {
  port: number;
  host: string;
  databasePath: string;
  adminApiKey: string | undefined;
  /** SECRET_KEY: the server key behind every token and API key hash; undefined: the key file beside the database (src/store/secrets.ts). */
  secretKey: string | undefined;
  /** NODE_ENV=production: SECRET_KEY is required, no key file is created. */
  production: boolean;
  publicBaseUrl: string;
  logLevel: string;
  /** A request's headers and body must be in within this many milliseconds (slow clients are cut off with 408). */
  requestTimeoutMs: number;
  /** METRICS_TOKEN: /metrics answers only `Authorization: Bearer <token>`; undefined: /metrics is open (restrict it at the proxy). */
  metricsToken: string | undefined;
  /** Requests per minute per client on /api; 0 disables the limit. */
  rateLimitPerMinute: number;
  /** Per client address per hour: web forms that send mail (sign-up, new link); 0 disables the limit. */
  webFormsPerHour: number;
  /** NEW_CONTACTS_PER_KEY_PER_DAY: new contact addresses one API key may add in any 24 hours; 0: no cap. */
  newContactsPerKeyPerDay: number;
  /** A pinned "today" (YYYY-MM-DD) for demonstrations and tests; undefined means the real date in Amsterdam. */
  today: string | undefined;
  /** Reminder e-mails: pooled SMTP when set, otherwise .eml files in mailDir. */
  smtpUrl: string | undefined;
  /** SMTP_ALLOW_PLAIN_AUTH: credentials in SMTP_URL may go to a non-loopback server without TLS (default false). */
  smtpAllowPlainAuth: boolean;
  /** SMTP_CONNECTIONS: reminder mails sent at once, one SMTP connection each; a crash resends at most this many. */
  smtpConnections: number;
  mailFrom: string;
  mailDir: string;
  /** When the daily reminder run starts (cron, Europe/Amsterdam). */
  reminderCron: string;
  /** false: no schedule and no start-up catch-up; runs started by hand still work. */
  remindersEnabled: boolean;
  /** Browser origins allowed to call the API (CORS); empty: none, the default. */
  corsOrigins: string[];
  /** Mean event-loop delay (ms) above which requests are shed with 503; 0 turns shedding off. */
  overloadMaxDelayMs: number;
  /**
   * TRUST_PROXY: whose X-Forwarded-For names the client (Fastify's trustProxy): a hop count (the reverse proxies in
   * front), or the proxies' addresses (IPs or CIDR ranges); false: none, the connection's address is the client.
   */
  trustProxy: number | string[] | false;
  /** WEBHOOK_ALLOW_INSECURE_TARGETS: webhooks may go to http:// and to loopback or private addresses (tests, local development). */
  webhookAllowInsecureTargets: boolean;
  /** OPERATOR_NAME and OPERATOR_CONTACT: who runs this service and how to reach them, for the privacy and accessibility pages; undefined: the pages say they are not filled in. */
  operator: { name: string | undefined; contact: string | undefined };
}

export const DEFAULTS = {
  PORT: '3000',
  HOST: '127.0.0.1',
  DATABASE_PATH: './data/deadlines.db',
  LOG_LEVEL: 'info',
  RATE_LIMIT_PER_MINUTE: '120',
  REQUEST_TIMEOUT_MS: '30000',
  WEB_FORMS_PER_HOUR: '10',
  NEW_CONTACTS_PER_KEY_PER_DAY: '200',
  MAIL_FROM: 'Geboortezorg deadlines <herinneringen@geboortezorg-deadlines.invalid>',
  MAIL_DIR: './data/mail',
  REMINDER_CRON: '0 7 * * *',
  REMINDERS_ENABLED: 'true',
  SMTP_ALLOW_PLAIN_AUTH: 'false',
  SMTP_CONNECTIONS: '16',
  OVERLOAD_MAX_DELAY_MS: '200',
  WEBHOOK_ALLOW_INSECURE_TARGETS: 'false',
} as const;

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];
/** Shorter keys are too easy to guess for the one key that can do everything. */
const MIN_ADMIN_KEY_LENGTH = 32;
/** Examples from README, compose files and tutorials: known to everyone, so no secret. */
const EXAMPLE_KEYS = ['change-me', 'changeme', 'change_me', 'your-secret', 'replace-me', 'example'];
/** Printed in earlier READMEs and compose files: publicly known, so never an admin key. */
const EXAMPLE_ADMIN_API_KEY = 'change-me-to-a-long-secret';

export class ConfigError extends Error {
  override name = 'ConfigError';
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const setting = (name: keyof typeof DEFAULTS): string => nonEmpty(env[name]) ?? DEFAULTS[name];
  const port = wholeNumber('PORT', setting('PORT'), 0, 65535);
  const host = setting('HOST');
  const logLevel = setting('LOG_LEVEL');
  if (!LOG_LEVELS.includes(logLevel))
    throw new ConfigError(`LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')}, got "${logLevel}"`);
  const adminApiKey = nonEmpty(env.ADMIN_API_KEY);
  // Named on its own: README printed it once, so an operator may still have it.
  if (adminApiKey === EXAMPLE_ADMIN_API_KEY) {
    throw new ConfigError(
      'ADMIN_API_KEY is the publicly known example value; choose your own secret, e.g. `openssl rand -hex 32`',
    );
  }
  const adminKeyProblem = adminApiKey === undefined ? null : weakSecretProblem(adminApiKey);
  if (adminKeyProblem) throw new ConfigError(`ADMIN_API_KEY ${adminKeyProblem} (e.g. \`openssl rand -base64 32\`)`);
  const production = env.NODE_ENV === 'production';
  const secretKey = nonEmpty(env.SECRET_KEY);
  const secretKeyProblem = secretKey === undefined ? null : weakSecretProblem(secretKey);
  if (secretKeyProblem) throw new ConfigError(`SECRET_KEY ${secretKeyProblem} (e.g. \`openssl rand -base64 32\`)`);
  const metricsToken = nonEmpty(env.METRICS_TOKEN);
  const metricsTokenProblem = metricsToken === undefined ? null : weakSecretProblem(metricsToken);
  if (metricsTokenProblem)
    throw new ConfigError(`METRICS_TOKEN ${metricsTokenProblem} (e.g. \`openssl rand -base64 32\`)`);
  if (production && secretKey === undefined) {
    throw new ConfigError(
      'SECRET_KEY must be set when NODE_ENV=production: it protects every feed address, unsubscribe link and API key (e.g. `openssl rand -base64 32`)',
    );
  }
  // /metrics tells anyone the service's traffic, mail queue and provider count: in production it is never open.
  if (production && metricsToken === undefined) {
    throw new ConfigError(
      'METRICS_TOKEN must be set when NODE_ENV=production: without it /metrics answers anyone (e.g. `openssl rand -base64 32`; Prometheus sends it as a bearer token)',
    );
  }
  const today = nonEmpty(env.TODAY);
  if (today !== undefined && !isValidPlainDate(today))
    throw new ConfigError(`TODAY must be a date YYYY-MM-DD, got "${today}"`);
  const publicBaseUrl = (
    nonEmpty(env.PUBLIC_BASE_URL) ?? `http://${host.includes(':') ? `[${host}]` : host}:${port}`
  ).replace(/\/+$/, '');
  if (!/^https?:\/\/[^\s/]+/.test(publicBaseUrl))
    throw new ConfigError(`PUBLIC_BASE_URL must be an http(s) URL, got "${publicBaseUrl}"`);
  const smtpUrl = nonEmpty(env.SMTP_URL);
  if (smtpUrl !== undefined && !/^smtps?:\/\/[^\s/]+/.test(smtpUrl))
    throw new ConfigError('SMTP_URL must be an smtp:// or smtps:// URL');
  // The default sender's .invalid domain is fine for .eml files; real SMTP servers reject it.
  if (smtpUrl !== undefined && nonEmpty(env.MAIL_FROM) === undefined) {
    throw new ConfigError(
      'MAIL_FROM must be set when SMTP_URL is: an address your SMTP server may send for, e.g. "Geboortezorg deadlines <herinneringen@praktijk.nl>"',
    );
  }
  const mailFrom = setting('MAIL_FROM');
  const mailFromProblem = mailboxProblem(mailFrom);
  if (mailFromProblem) throw new ConfigError(`MAIL_FROM ${mailFromProblem}, got "${mailFrom}"`);
  const reminderCron = setting('REMINDER_CRON');
  if (!validateCron(reminderCron))
    throw new ConfigError(`REMINDER_CRON must be a cron expression like "0 7 * * *", got "${reminderCron}"`);
  const remindersEnabled = trueOrFalse('REMINDERS_ENABLED', setting('REMINDERS_ENABLED'));
  const smtpAllowPlainAuth = trueOrFalse('SMTP_ALLOW_PLAIN_AUTH', setting('SMTP_ALLOW_PLAIN_AUTH'));
  const corsOrigins = (nonEmpty(env.CORS_ORIGINS) ?? '')
    .split(',')
    .map((origin) => origin.trim().replace(/\/+$/, ''))
    .filter(Boolean);
  for (const origin of corsOrigins) {
    if (!/^https?:\/\/[A-Za-z0-9.-]+(:\d{1,5})?$/.test(origin))
      throw new ConfigError(
        `CORS_ORIGINS must be a comma-separated list of origins like https://app.example.nl, got "${origin}"`,
      );
  }
  const trustProxy = trustedProxies(nonEmpty(env.TRUST_PROXY));
  return {
    port,
    host,
    databasePath: setting('DATABASE_PATH'),
    adminApiKey,
    secretKey,
    production,
    publicBaseUrl,
    logLevel,
    metricsToken,
    requestTimeoutMs: wholeNumber('REQUEST_TIMEOUT_MS', setting('REQUEST_TIMEOUT_MS'), 100, 600_000),
    rateLimitPerMinute: wholeNumber('RATE_LIMIT_PER_MINUTE', setting('RATE_LIMIT_PER_MINUTE'), 0, 1_000_000),
    webFormsPerHour: wholeNumber('WEB_FORMS_PER_HOUR', setting('WEB_FORMS_PER_HOUR'), 0, 1_000_000),
    newContactsPerKeyPerDay: wholeNumber(
      'NEW_CONTACTS_PER_KEY_PER_DAY',
      setting('NEW_CONTACTS_PER_KEY_PER_DAY'),
      0,
      1_000_000,
    ),
    today,
    smtpUrl,
    smtpAllowPlainAuth,
    smtpConnections: wholeNumber('SMTP_CONNECTIONS', setting('SMTP_CONNECTIONS'), 1, 50),
    mailFrom,
    mailDir: setting('MAIL_DIR'),
    reminderCron,
    remindersEnabled,
    corsOrigins,
    overloadMaxDelayMs: wholeNumber('OVERLOAD_MAX_DELAY_MS', setting('OVERLOAD_MAX_DELAY_MS'), 0, 60_000),
    trustProxy,
    webhookAllowInsecureTargets: trueOrFalse(
      'WEBHOOK_ALLOW_INSECURE_TARGETS',
      setting('WEBHOOK_ALLOW_INSECURE_TARGETS'),
    ),
    operator: { name: nonEmpty(env.OPERATOR_NAME), contact: nonEmpty(env.OPERATOR_CONTACT) },
  };
}

/**
 * TRUST_PROXY: a hop count (1–10: that many proxies in front, the nearest first) or a comma-separated list of the
 * proxies' addresses (IPv4/IPv6, optionally /prefix). `true` (trust any X-Forwarded-For) is refused: every client
 * could then choose its own address and escape the per-address limits.
 */
function trustedProxies(value: string | undefined): number | string[] | false {
  if (value === undefined) return false;
  if (/^\d+$/.test(value)) {
    const hops = wholeNumber('TRUST_PROXY', value, 0, 10);
    return hops === 0 ? false : hops;
  }
  const entries = value
    .split(',')
    .map((entry) => entry.trim())
    .filter(Boolean);
  for (const entry of entries) {
    const [address, prefix, ...rest] = entry.split('/');
    const version = isIP(address ?? '');
    const prefixOk = prefix === undefined || (/^\d{1,3}$/.test(prefix) && Number(prefix) <= (version === 6 ? 128 : 32));
    if (version === 0 || !prefixOk || rest.length > 0)
      throw new ConfigError(
        `TRUST_PROXY must be a hop count (0–10) or a comma-separated list of proxy addresses like 10.0.0.2 or 172.16.0.0/12, got "${entry}"`,
      );
  }
  return entries.length === 0 ? false : entries;
}

/**
 * Why a secret chosen by an operator is too weak, or null: at least 32 characters, not an example from the
 * documentation, at least 3 of lower case, upper case, digits and other characters, and not one character
 * repeated (a random base64 or hex string of that length passes; a sentence of words alone does not).
 */
export function weakSecretProblem(secret: string): string | null {
  if (secret.length < MIN_ADMIN_KEY_LENGTH) return `must be at least ${MIN_ADMIN_KEY_LENGTH} characters`;
  if (EXAMPLE_KEYS.some((example) => secret.toLowerCase().includes(example)))
    return 'must not be (or contain) an example value';
  const classes = [/[a-z]/, /[A-Z]/, /[0-9]/, /[^a-zA-Z0-9]/].filter((pattern) => pattern.test(secret)).length;
  if (classes < 3) return 'must mix at least three of: lower case, upper case, digits, other characters';
  if (new Set(secret).size < 12) return 'must not repeat a few characters';
  return null;
}

function trueOrFalse(name: string, value: string): boolean {
  const text = value.toLowerCase();
  if (!['true', 'false', '1', '0'].includes(text))
    throw new ConfigError(`${name} must be true or false, got "${value}"`);
  return text === 'true' || text === '1';
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value.trim() === '' ? undefined : value.trim();
}

function wholeNumber(name: string, value: string, min: number, max: number): number {
  const number = Number(value);
  if (!/^\d+$/.test(value) || number < min || number > max)
    throw new ConfigError(`${name} must be a whole number from ${min} to ${max}, got "${value}"`);
  return number;
}
