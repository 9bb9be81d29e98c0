import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { isIP } from 'node:net';
import nodemailer from 'nodemailer';
import type { Config } from '../config.js';
import { maskEmails } from '../logging.js';

export interface Envelope {
  from: string;
  to: string;
  /** The stored message's Message-ID (without brackets): given, nodemailer need not draw random bytes to make one up. */
  messageId?: string;
}

/** Where stored messages go: an SMTP server, or a folder of .eml files. */
export interface MailTransport {
  /** For the log: `smtp://host:port` (no password) or the folder. */
  readonly description: string;
  /** Resolves once the message is accepted; rejects with a SendError. */
  send(envelope: Envelope, raw: Buffer, name: string): Promise<void>;
  close(): void;
}

/** A failed delivery: permanent (5xx: retrying will not help) or temporary (connection, 4xx, timeout). */
export class SendError extends Error {
  override name = 'SendError';
  constructor(
    message: string,
    readonly permanent: boolean,
  ) {
    super(message);
  }
}

export function sendErrorOf(error: unknown): SendError {
  if (error instanceof SendError) return error;
  const { responseCode, code, message } = error as { responseCode?: number; code?: string; message?: string };
  const permanent = typeof responseCode === 'number' && responseCode >= 500 && responseCode < 600;
  // Replies name the recipient (`550 5.1.1 <anna@example.nl>: …`): masked before the log and lastError see them.
  const text = maskEmails((message ?? String(error)).slice(0, 1000).replace(/\s+/g, ' ')).slice(0, 500);
  if (code === 'ETLS' || /STARTTLS/i.test(text)) {
    return new SendError(
      `${text} (credentials are never sent without TLS: use smtps://, a server that offers STARTTLS, or SMTP_ALLOW_PLAIN_AUTH=true)`,
      false,
    );
  }
  return new SendError(code && !text.includes(code) ? `${code}: ${text}` : text, permanent);
}

/** Timeouts short enough that a hanging server turns into a retry, not a stuck run. */
const SMTP_TIMEOUTS = { connectionTimeout: 10_000, greetingTimeout: 10_000, socketTimeout: 30_000 };

export interface SmtpSecurity {
  /** SMTP_ALLOW_PLAIN_AUTH: send credentials to a server without TLS anyway (a relay on a private network). */
  allowPlainAuth?: boolean;
  /** Tests only: treat a loopback host as remote, to check what happens with a real remote server. */
  loopbackIsRemote?: boolean;
}

/** 127.0.0.0/8, ::1 and localhost: nobody on the network sees this traffic. */
export function isLoopbackHost(host: string): boolean {
  const name = host.replace(/^\[|\]$/g, '').toLowerCase();
  if (name === 'localhost' || name.endsWith('.localhost')) return true;
  if (isIP(name) === 4) return name.startsWith('127.');
  return name === '::1' || name.startsWith('::ffff:127.');
}

/**
 * Pooled SMTP from `SMTP_URL` (smtp://user:pass@host:587, smtps://…:465; `?tls.rejectUnauthorized=false` etc. pass through).
 * With credentials, TLS is required (smtps, or STARTTLS that the server must offer) unless the host is loopback or
 * SMTP_ALLOW_PLAIN_AUTH says so: otherwise AUTH would go in clear text, also when an attacker strips STARTTLS.
 */
export function smtpTransport(smtpUrl: string, maxConnections = 5, security: SmtpSecurity = {}): MailTransport {
  const url = new URL(smtpUrl);
  const credentials = url.username !== '' || url.password !== '';
  const local = isLoopbackHost(url.hostname) && !security.loopbackIsRemote;
  const requireTLS = credentials && url.protocol === 'smtp:' && !local && !security.allowPlainAuth;
  const transporter = nodemailer.createTransport({
    url: smtpUrl,
    pool: true,
    maxConnections,
    // A connection sends this many before it is closed and opened again (nodemailer's default: 100).
    maxMessages: 1_000,
    ...SMTP_TIMEOUTS,
    ...(requireTLS ? { requireTLS: true } : {}),
  });
  return {
    description: `${url.protocol}//${url.host}`,
    async send(envelope, raw) {
      try {
        await transporter.sendMail({
          envelope: { from: envelope.from, to: [envelope.to] },
          raw,
          ...(envelope.messageId === undefined ? {} : { messageId: `<${envelope.messageId}>` }),
        });
      } catch (error) {
        throw sendErrorOf(error);
      }
    },
    close: () => transporter.close(),
  };
}

/** Without SMTP_URL: each message as `<name>.eml` in a folder (written whole, then renamed into place). */
export function emlFolderTransport(dir: string): MailTransport {
  const folder = resolve(dir);
  return {
    description: folder,
    async send(_envelope, raw, name) {
      try {
        mkdirSync(folder, { recursive: true });
        const path = join(folder, `${name}.eml`);
        writeFileSync(`${path}.tmp`, raw);
        renameSync(`${path}.tmp`, path);
      } catch (error) {
        throw new SendError(`cannot write to ${folder}: ${(error as Error).message}`, false);
      }
    },
    close: () => {},
  };
}

/**
 * The one place a transport is chosen from the settings: pooled SMTP from SMTP_URL, otherwise `.eml` files in
 * MAIL_DIR. The service makes one (reminders and the web front door's mails share it); a command makes its own.
 */
export function transportFor(
  config: Pick<Config, 'smtpUrl' | 'smtpConnections' | 'smtpAllowPlainAuth' | 'mailDir'>,
  connections = config.smtpConnections,
): MailTransport {
  return config.smtpUrl
    ? smtpTransport(config.smtpUrl, connections, { allowPlainAuth: config.smtpAllowPlainAuth })
    : emlFolderTransport(config.mailDir);
}
