import { createHash } from 'node:crypto';
import type { Transform } from 'node:stream';
import { Encoder as Base64Encoder } from 'nodemailer/lib/base64';
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

/**
 * The RFC 5322 message: the tree nodemailer's MailComposer makes of a text and an HTML body (multipart/alternative),
 * with nodemailer's MimeNode encoding names and folding headers and its encoders encoding the bodies. Written out
 * here in one go rather than through MimeNode's stream pipeline, which cost more than the rest of planning a
 * digest; test/mail/compose.test.ts holds the bytes equal to MailComposer's for any input.
 */
export function composeMessage(mail: OutgoingMail): Buffer {
  // MailComposer leaves an empty body out (and a lone one is not multipart): a reminder always has both.
  if (mail.text === '' || mail.html === '') throw new Error('a reminder mail needs a text and an HTML body');
  // Without it, each MIME part draws random bytes for a boundary only the root uses. Derived from the Message-ID,
  // the same message gets the same bytes, and a hash is as unlikely as random bytes to occur in the text.
  const baseBoundary = createHash('sha256').update(mail.messageId).digest('hex').slice(0, 16);
  const root = new MimeNode('multipart/alternative', { baseBoundary });
  root.createChild('text/plain; charset=utf-8', { baseBoundary }).setContent(mail.text);
  root.createChild('text/html; charset=utf-8', { baseBoundary }).setContent(mail.html);
  root.addHeader({
    'List-Unsubscribe': `<${mail.unsubscribeUrl}>`,
    'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
    // Out-of-office replies and the like should not answer a reminder (RFC 3834).
    'Auto-Submitted': 'auto-generated',
  });
  root.setHeader('from', mail.from);
  root.setHeader('to', mail.to.name === null ? mail.to.address : { name: mail.to.name, address: mail.to.address });
  root.setHeader('subject', mail.subject);
  root.setHeader('message-id', `<${mail.messageId}>`);
  root.setHeader('date', mail.date);
  // A multipart node ends with its closing boundary and a line break: nothing for MimeNode's LastNewline to add.
  return Buffer.from(partOf(root), 'utf8');
}

/** A node as MimeNode's stream writes it: headers, the encoded content, then each child between boundaries. */
function partOf(node: MimeNode): string {
  const encoding = node.getTransferEncoding();
  let part = `${node.buildHeaders()}\r\n\r\n`;
  const content = node.content as string | undefined;
  if (content) {
    if (encoding === 'quoted-printable') part += encoded(new QuotedPrintableEncoder({ binary: false } as object), content);
    else if (encoding === 'base64') part += encoded(new Base64Encoder(), content);
    else part += content;
  }
  if (node.multipart) {
    node.childNodes.forEach((child, index) => {
      part += `${index > 0 ? '\r\n' : ''}--${node.boundary}\r\n${partOf(child)}`;
    });
    part += `\r\n--${node.boundary}--\r\n`;
  }
  return part;
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

