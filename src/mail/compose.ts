import MailComposer from 'nodemailer/lib/mail-composer';
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

/** The RFC 5322 message, built by nodemailer's MailComposer (it encodes names and folds headers). */
export async function composeMessage(mail: OutgoingMail): Promise<Buffer> {
  const node = new MailComposer({
    from: mail.from,
    to: mail.to.name === null ? mail.to.address : { name: mail.to.name, address: mail.to.address },
    subject: mail.subject,
    text: mail.text,
    html: mail.html,
    messageId: `<${mail.messageId}>`,
    date: mail.date,
    headers: {
      'List-Unsubscribe': `<${mail.unsubscribeUrl}>`,
      'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
      // Out-of-office replies and the like should not answer a reminder (RFC 3834).
      'Auto-Submitted': 'auto-generated',
    },
  }).compile();
  return new Promise((resolve, reject) => {
    node.build((error, message) => (error ? reject(error) : resolve(message)));
  });
}
