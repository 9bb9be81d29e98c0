import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import nodemailer from 'nodemailer';

export interface Envelope {
  from: string;
  to: string;
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
  const text = (message ?? String(error)).replace(/\s+/g, ' ').slice(0, 500);
  return new SendError(code && !text.includes(code) ? `${code}: ${text}` : text, permanent);
}

/** Timeouts short enough that a hanging server turns into a retry, not a stuck run. */
const SMTP_TIMEOUTS = { connectionTimeout: 10_000, greetingTimeout: 10_000, socketTimeout: 30_000 };

/** Pooled SMTP from `SMTP_URL` (smtp://user:pass@host:587, smtps://…:465; `?tls.rejectUnauthorized=false` etc. pass through). */
export function smtpTransport(smtpUrl: string, maxConnections = 5): MailTransport {
  const transporter = nodemailer.createTransport({ url: smtpUrl, pool: true, maxConnections, ...SMTP_TIMEOUTS });
  const url = new URL(smtpUrl);
  return {
    description: `${url.protocol}//${url.host}`,
    async send(envelope, raw) {
      try {
        await transporter.sendMail({ envelope: { from: envelope.from, to: [envelope.to] }, raw });
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
