import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';

export type SmtpMode = 'accept' | 'busy' | 'slow';

/** A real SMTP server on loopback that keeps what it receives; tests switch it to refuse (421) or go down. */
export class TestSmtpServer {
  readonly received: { messageId: string; to: string[]; raw: Buffer; mail: ParsedMail }[] = [];
  mode: SmtpMode = 'accept';
  /** Recipients answered with 550 at RCPT TO. */
  readonly rejected = new Set<string>();
  delayMs = 0;
  port = 0;
  host = '127.0.0.1';
  private server: SMTPServer | null = null;

  /** `host`: loopback unless a container must reach it (the Docker test listens on the docker0 bridge's address). */
  async start(port = 0, host = '127.0.0.1'): Promise<this> {
    const server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS', 'AUTH'],
      logger: false,
      closeTimeout: 200,
      onConnect: (_session, callback) => {
        if (this.mode === 'busy')
          return callback(Object.assign(new Error('Service not available, try later'), { responseCode: 421 }));
        callback();
      },
      onRcptTo: (address, _session, callback) => {
        if (this.rejected.has(address.address.toLowerCase()))
          return callback(Object.assign(new Error('5.1.1 mailbox unavailable'), { responseCode: 550 }));
        callback();
      },
      onData: (stream, session, callback) => {
        const chunks: Buffer[] = [];
        stream.on('data', (chunk: Buffer) => chunks.push(chunk));
        const receive = async () => {
          const raw = Buffer.concat(chunks);
          const mail = await simpleParser(raw);
          // Counted once the whole message is in, before answering: a client killed while waiting still "delivered" it.
          this.received.push({
            messageId: mail.messageId ?? '',
            to: session.envelope.rcptTo.map((r) => r.address),
            raw,
            mail,
          });
          setTimeout(() => callback(), this.delayMs);
        };
        // A message that cannot be parsed is answered with the error, not left to an unhandled rejection.
        stream.on('end', () => void receive().catch(callback));
      },
    });
    server.on('error', () => {});
    await new Promise<void>((resolve, reject) => {
      server.listen(port, host, () => resolve());
      server.server.once('error', reject);
    });
    this.server = server;
    this.port = (server.server.address() as { port: number }).port;
    this.host = host;
    return this;
  }

  get url(): string {
    return `smtp://${this.host}:${this.port}`;
  }

  async stop(): Promise<void> {
    const server = this.server;
    this.server = null;
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  messageIds(): string[] {
    return this.received.map((r) => r.messageId);
  }

  to(address: string) {
    return this.received.filter((r) => r.to.includes(address));
  }
}
