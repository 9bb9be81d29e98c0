import { createHash } from 'node:crypto';
import type { Transform } from 'node:stream';
import { Encoder as Base64Encoder } from 'nodemailer/lib/base64';
import { buildHeaderValue, foldLines, hasLongerLines, isPlainText } from 'nodemailer/lib/mime-funcs';
import MimeNode from 'nodemailer/lib/mime-node';
import { Encoder as QuotedPrintableEncoder } from 'nodemailer/lib/qp';
import type { Mailbox } from './address.js';

/** A message ready to be built once into bytes: those bytes are stored and sent unchanged on every attempt. */
export interface OutgoingMail {
  from: string;
  to: Mailbox;
  subject: string;
  text: string;
  html: string;
  /** Without angle brackets: `<local>@<domain>`. */
  messageId: string;
  date: Date;
  /** One-click unsubscribe address (RFC 8058). */
  unsubscribeUrl: string;
}

/** The part of MimeNode's header code used here: one node's methods, which keep no state between calls. */
interface HeaderEncoder {
  encodeHeaderValue(key: string, value: unknown): string;
  _getTextEncoding(value: string): 'Q' | 'B';
}
const headerEncoder = new MimeNode() as unknown as HeaderEncoder;

/** A header line as MimeNode writes it: the value encoded by its key's rule, the line folded at 76; none for a blank value. */
function headerLine(key: string, value: unknown): string | null {
  const encoded = headerEncoder.encodeHeaderValue(key, value);
  return encoded.trim() === '' ? null : foldLines(`${key}: ${encoded}`, 76);
}

/** The From line is the same for every mail of a process: encoded once per address. */
const fromLines = new Map<string, string>();
function fromLine(from: string): string | null {
  let line = fromLines.get(from);
  if (line === undefined) {
    line = headerLine('From', from) ?? '';
    if (fromLines.size > 16) fromLines.clear();
    fromLines.set(from, line);
  }
  return line === '' ? null : line;
}

/**
 * The RFC 5322 message: the tree nodemailer's MailComposer makes of a text and an HTML body (multipart/alternative),
 * written out in one go with MimeNode's own header encoding, folding and body encoders, without building MimeNodes:
 * their stream pipeline, and then their header bookkeeping (every get and set normalises its key with regular
 * expressions), cost more than the rest of planning a digest. test/mail/compose.test.ts holds the bytes equal to
 * MailComposer's for any input.
 */
export function composeMessage(mail: OutgoingMail): Buffer {
  // MailComposer leaves an empty body out (and a lone one is not multipart): a reminder always has both.
  if (mail.text === '' || mail.html === '') throw new Error('a reminder mail needs a text and an HTML body');
  // Without it, each MIME part draws random bytes for a boundary only the root uses. Derived from the Message-ID,
  // the same message gets the same bytes, and a hash is as unlikely as random bytes to occur in the text.
  const baseBoundary = createHash('sha256').update(mail.messageId).digest('hex').slice(0, 16);
  // MimeNode's boundary: its prefix, the base, and the root's node number.
  const boundary = `--_NmP-${baseBoundary}-Part_1`;
  // The order MailComposer writes them in: the extra headers, its own, MIME-Version, Content-Type last.
  const head = [
    headerLine('List-Unsubscribe', `<${mail.unsubscribeUrl}>`),
    'List-Unsubscribe-Post: List-Unsubscribe=One-Click',
    // Out-of-office replies and the like should not answer a reminder (RFC 3834).
    'Auto-Submitted: auto-generated',
    fromLine(mail.from),
    headerLine('To', mail.to.name === null ? mail.to.address : { name: mail.to.name, address: mail.to.address }),
    headerLine('Subject', mail.subject),
    headerLine('Message-ID', `<${mail.messageId}>`),
    `Date: ${mail.date.toUTCString().replace(/GMT/, '+0000')}`,
    'MIME-Version: 1.0',
    foldLines(`Content-Type: ${buildHeaderValue({ value: 'multipart/alternative', params: { boundary } })}`, 76),
  ]
    .filter((line) => line !== null)
    .join('\r\n');
  const message =
    `${head}\r\n\r\n--${boundary}\r\n${textPart('text/plain', mail.text)}` +
    `\r\n--${boundary}\r\n${textPart('text/html', mail.html)}\r\n--${boundary}--\r\n`;
  // A multipart node ends with its closing boundary and a line break: nothing for MimeNode's LastNewline to add.
  return Buffer.from(message, 'utf8');
}

/** A text/* child as MimeNode writes it: 7bit when plain with short lines, else quoted-printable or base64 by content. */
function textPart(type: 'text/plain' | 'text/html', content: string): string {
  const encoding =
    isPlainText(content) && !hasLongerLines(content, 76)
      ? '7bit'
      : headerEncoder._getTextEncoding(content) === 'Q'
        ? 'quoted-printable'
        : 'base64';
  const body =
    encoding === 'quoted-printable'
      ? encoded(new QuotedPrintableEncoder({ binary: false } as object), content)
      : encoding === 'base64'
        ? encoded(new Base64Encoder(), content)
        : content;
  return `Content-Type: ${type}; charset=utf-8\r\nContent-Transfer-Encoding: ${encoding}\r\n\r\n${body}`;
}

/** The body through the same encoder MimeNode pipes it through, called directly: one chunk, then the end. */
function encoded(encoder: Transform, content: string): string {
  const output: string[] = [];
  encoder.push = (chunk: Buffer | string | null) => {
    if (chunk !== null) output.push(chunk.toString());
    return true;
  };
  const fail = (error?: Error | null) => {
    if (error) throw error;
  };
  // What a stream hands _transform with a Buffer chunk.
  encoder._transform(Buffer.from(content, 'utf8'), 'buffer' as BufferEncoding, fail);
  encoder._flush(fail);
  return output.join('');
}
