import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SMTPServer } from 'smtp-server';
import { afterEach, describe, expect, it } from 'vitest';
import { isLoopbackHost, sendErrorOf, smtpTransport, transportFor } from '../../src/mail/transport.js';

/** A real SMTP server on loopback that takes AUTH without offering STARTTLS, and records every login attempt. */
async function plainAuthServer(rejectWith?: string) {
  const logins: string[] = [];
  const server = new SMTPServer({
    secure: false,
    disabledCommands: ['STARTTLS'],
    allowInsecureAuth: true,
    authOptional: rejectWith !== undefined,
    authMethods: ['PLAIN', 'LOGIN'],
    logger: false,
    closeTimeout: 200,
    onAuth: (auth, _session, callback) => {
      logins.push(`${auth.username}:${auth.password}`);
      callback(null, { user: auth.username });
    },
    onRcptTo: (address, _session, callback) => {
      if (rejectWith)
        return callback(
          Object.assign(new Error(rejectWith.replace('ADDRESS', address.address)), { responseCode: 550 }),
        );
      callback();
    },
    onData: (stream, _session, callback) => {
      stream.resume();
      stream.on('end', () => callback());
    },
  });
  server.on('error', () => {});
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const port = (server.server.address() as { port: number }).port;
  return { logins, port, stop: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

const raw = Buffer.from('From: h@example.nl\r\nTo: anna@example.nl\r\nSubject: x\r\n\r\nx\r\n');
const envelope = { from: 'h@example.nl', to: 'anna@example.nl' };
let stop: (() => Promise<void>) | undefined;
afterEach(async () => {
  await stop?.();
  stop = undefined;
});

describe('SMTP with credentials', () => {
  it('refuses to send them to a (non-loopback) server that offers no STARTTLS, with a clear error; nothing reaches AUTH', async () => {
    const server = await plainAuthServer();
    stop = server.stop;
    const transport = smtpTransport(`smtp://user:geheim@127.0.0.1:${server.port}`, 1, { loopbackIsRemote: true });
    try {
      const error = await transport.send(envelope, raw, 'x').then(
        () => null,
        (e: Error) => e,
      );
      expect(error?.message).toMatch(/STARTTLS/);
      expect(error?.message).toMatch(/credentials are never sent without TLS/);
      expect(server.logins).toEqual([]);
    } finally {
      transport.close();
    }
  });

  it('sends them on loopback, or anywhere with SMTP_ALLOW_PLAIN_AUTH', async () => {
    const server = await plainAuthServer();
    stop = server.stop;
    for (const security of [{}, { loopbackIsRemote: true, allowPlainAuth: true }]) {
      const transport = smtpTransport(`smtp://user:geheim@127.0.0.1:${server.port}`, 1, security);
      await transport.send(envelope, raw, 'x');
      transport.close();
    }
    expect(server.logins).toEqual(['user:geheim', 'user:geheim']);
  });

  it('knows loopback hosts', () => {
    for (const host of ['127.0.0.1', '127.1.2.3', '[::1]', '::1', 'localhost', 'LOCALHOST'])
      expect(isLoopbackHost(host), host).toBe(true);
    for (const host of ['mail.example.nl', '10.0.0.1', '128.0.0.1', 'localhost.example.nl', '::2'])
      expect(isLoopbackHost(host), host).toBe(false);
  });
});

describe('SMTP error texts', () => {
  it("mask the recipient's address before anyone logs or stores them", async () => {
    const server = await plainAuthServer('5.1.1 <ADDRESS>: Recipient address rejected');
    stop = server.stop;
    const transport = smtpTransport(`smtp://127.0.0.1:${server.port}`, 1);
    try {
      const error = await transport.send(envelope, raw, 'x').then(
        () => null,
        (e: Error) => e,
      );
      expect(error?.message).toMatch(/550/);
      expect(error?.message).toContain('[e-mail]');
      expect(error?.message).not.toMatch(/anna|example\.nl/);
    } finally {
      transport.close();
    }
    expect(sendErrorOf(new Error('550 5.1.1 <anna.de.vries@example.nl>: Recipient address rejected')).message).toBe(
      '550 5.1.1 <[e-mail]>: Recipient address rejected',
    );
  });
});

describe('transportFor', () => {
  it('sends over SMTP when SMTP_URL is set, and writes .eml files in MAIL_DIR when it is not', async () => {
    const server = await plainAuthServer();
    stop = server.stop;
    const dir = mkdtempSync(join(tmpdir(), 'gzd-transport-'));
    const settings = { smtpConnections: 2, smtpAllowPlainAuth: false, mailDir: dir };
    const smtp = transportFor({ ...settings, smtpUrl: `smtp://anna:geheim@127.0.0.1:${server.port}` });
    const folder = transportFor({ ...settings, smtpUrl: undefined });
    try {
      expect(smtp.description).toBe(`smtp://127.0.0.1:${server.port}`);
      await smtp.send(envelope, raw, 'via-smtp');
      expect(server.logins).toEqual(['anna:geheim']);
      expect(folder.description).toBe(dir);
      await folder.send(envelope, raw, 'in-folder');
      expect(readdirSync(dir)).toEqual(['in-folder.eml']);
    } finally {
      smtp.close();
      folder.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('pooled SMTP', () => {
  it('sends the stored bytes unchanged when told their Message-ID, and many mails over one connection', async () => {
    const received: Buffer[] = [];
    let connections = 0;
    const server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      logger: false,
      closeTimeout: 200,
      onConnect: (_session, callback) => {
        connections++;
        callback();
      },
      onData: (stream, _session, callback) => {
        const chunks: Buffer[] = [];
        stream.on('data', (chunk: Buffer) => chunks.push(chunk));
        stream.on('end', () => {
          received.push(Buffer.concat(chunks));
          callback();
        });
      },
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
    stop = () => new Promise<void>((resolve) => server.close(() => resolve()));
    const transport = smtpTransport(`smtp://127.0.0.1:${(server.server.address() as { port: number }).port}`, 1);
    try {
      // Past nodemailer's default of 100 mails per pooled connection.
      for (let n = 0; n < 120; n++) await transport.send({ ...envelope, messageId: `m${n}@example.nl` }, raw, 'x');
    } finally {
      transport.close();
    }
    expect(received).toHaveLength(120);
    for (const bytes of received) expect(bytes.equals(raw)).toBe(true);
    expect(connections).toBe(1);
  });
});
