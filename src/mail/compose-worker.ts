// The thread of the compose pool (compose-pool.ts): composes what it is sent, answers with the bytes in one buffer.
import { parentPort } from 'node:worker_threads';
import { composeMessage, type OutgoingMail } from './compose.js';

parentPort?.on('message', ({ id, mails }: { id: number; mails: OutgoingMail[] }) => {
  try {
    const raws = mails.map(composeMessage);
    const bytes = Buffer.concat(raws);
    const lengths = raws.map((raw) => raw.length);
    // The one buffer is handed over, not copied.
    const buffer = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.length);
    parentPort?.postMessage({ id, buffer, lengths }, [buffer]);
  } catch (error) {
    parentPort?.postMessage({ id, error: (error as Error).message });
  }
});
