import type { Mailbox } from './address.js';
import { composeMessage } from './compose.js';
import { inertText } from './inert-text.js';

export interface Readdressing {
  from: string;
  to: Mailbox;
  /** As stored beside the bytes (read back, a header loses trailing spaces). */
  subject: string;
  /** The unsubscribe token the message carries, and the one that replaces it (a token is unique, so replacing its text is exact). */
  oldUnsubscribeToken: string;
  unsubscribeToken: string;
}

/**
 * A stored message (made by composeMessage) made again for a new address: the same bodies, Message-ID and
 * Date, the new recipient and unsubscribe link. The bytes are read back with mailparser, so nothing is parsed by hand.
 */
export async function readdressMessage(raw: Buffer, change: Readdressing): Promise<Buffer> {
  // Loaded on an address change only: mailparser and its decoders cost start-up time and memory otherwise.
  const { simpleParser } = await import('mailparser');
  const parsed = await simpleParser(raw, {
    skipHtmlToText: true,
    skipTextToHtml: true,
    skipTextLinks: true,
    skipImageLinks: true,
  });
  const swap = (body: string) => body.split(change.oldUnsubscribeToken).join(change.unsubscribeToken);
  // mailparser gathers the List-* headers under `list`.
  const unsubscribe = (parsed.headers.get('list') as { unsubscribe?: { url?: string } } | undefined)?.unsubscribe;
  const messageId = parsed.messageId?.replace(/^<|>$/g, '');
  if (
    typeof parsed.html !== 'string' ||
    parsed.text === undefined ||
    messageId === undefined ||
    unsubscribe?.url === undefined ||
    parsed.date === undefined
  ) {
    throw new Error('not a message this service composed');
  }
  return composeMessage({
    from: change.from,
    // Defanged as the first composition did: a name in the To header is shown by mail clients too.
    to: { name: change.to.name === null ? null : inertText(change.to.name), address: change.to.address },
    subject: change.subject,
    text: swap(parsed.text),
    html: swap(parsed.html),
    messageId,
    date: parsed.date,
    unsubscribeUrl: swap(unsubscribe.url),
  });
}
