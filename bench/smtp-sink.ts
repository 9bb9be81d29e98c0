/**
 * A loopback SMTP server for bench:reminders, in a process of its own (as a real mail server is): it takes
 * every message, counts it once the whole message is in, and answers the count (and its CPU time) over IPC.
 */
import { SMTPServer } from 'smtp-server';

let received = 0;
const smtp = new SMTPServer({
  authOptional: true,
  disabledCommands: ['STARTTLS', 'AUTH'],
  logger: false,
  closeTimeout: 200,
  onData(stream, _session, callback) {
    stream.on('data', () => {});
    stream.on('end', () => {
      received++;
      callback();
    });
  },
});
smtp.listen(0, '127.0.0.1', () => process.send!({ port: (smtp.server.address() as { port: number }).port }));
/** CPU time this process used since the last reset: is the test server itself the limit? */
let cpuSince = process.cpuUsage();
process.on('message', (message: { cmd: 'count' | 'reset' | 'stop' }) => {
  if (message.cmd === 'count') {
    const { user, system } = process.cpuUsage(cpuSince);
    process.send!({ received, cpuMs: (user + system) / 1000 });
  } else if (message.cmd === 'reset') {
    received = 0;
    cpuSince = process.cpuUsage();
    process.send!({ received, cpuMs: 0 });
  } else smtp.close(() => process.exit(0));
});
