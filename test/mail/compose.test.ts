import fc from 'fast-check';
import { createHash } from 'node:crypto';
import type Mail from 'nodemailer/lib/mailer';
import MailComposer from 'nodemailer/lib/mail-composer';
import { simpleParser } from 'mailparser';
import { describe, expect, it } from 'vitest';
import { composeMessage, type OutgoingMail } from '../../src/mail/compose.js';

/** What nodemailer's MailComposer (through MimeNode's streams) makes of the same mail, with the same boundary. */
function mailComposerBytes(mail: OutgoingMail): Promise<Buffer> {
  const options: Mail.Options & { baseBoundary: string } = {
    baseBoundary: createHash('sha256').update(mail.messageId).digest('hex').slice(0, 16),
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
      'Auto-Submitted': 'auto-generated',
    },
  };
  return new MailComposer(options).compile().build();
}

/** Text that makes encoders work: Dutch and other accents, emoji, CJK, long lines, trailing spaces, CR, LF, `=`. */
const awkwardText = fc
  .array(
    fc.oneof(
      fc.string({ maxLength: 40 }),
      fc.constantFrom(
        'ë',
        'é',
        'ĳ',
        '€',
        '😀',
        '中文',
        '=',
        '=3D',
        ' ',
        '\t',
        '\n',
        '\r\n',
        '\r',
        '.',
        'verloskundigenpraktijk',
        'x'.repeat(90),
      ),
    ),
    { maxLength: 60 },
  )
  .map((parts) => parts.join(''));

const mail = fc.record({
  from: fc.constantFrom(
    'herinneringen@deadlines.example.nl',
    'Deadlines <herinneringen@deadlines.example.nl>',
    '"Geboortezorg, deadlines" <a@b.nl>',
  ),
  to: fc.record({
    name: fc.option(
      awkwardText.filter((n) => n.trim() !== ''),
      { nil: null },
    ),
    address: fc.constantFrom('anna@praktijk.nl', 'j.de.vries@example.com'),
  }),
  subject: awkwardText,
  text: awkwardText.filter((t) => t !== ''),
  html: awkwardText.map((t) => `<p>${t}</p>`),
  messageId: fc.stringMatching(/^[0-9a-f]{32}$/).map((h) => `${h}.2026-10-18@deadlines.example.nl`),
  date: fc.date({ min: new Date('2026-01-01T00:00:00Z'), max: new Date('2028-12-31T00:00:00Z'), noInvalidDate: true }),
  unsubscribeUrl: fc.constantFrom('https://deadlines.example.nl/unsubscribe/abcDEF-_123', 'https://d.nl/unsubscribe/x'),
});

describe('composeMessage', () => {
  it('writes the bytes MailComposer writes, for any text, names and subject', async () => {
    await fc.assert(
      fc.asyncProperty(mail, async (m) => {
        expect(composeMessage(m).toString('utf8')).toBe((await mailComposerBytes(m)).toString('utf8'));
      }),
      { numRuns: 300 },
    );
  });

  it("writes the bytes MailComposer writes for bodies past the encoders' 64 KB slices, in both encodings", async () => {
    const base = {
      from: 'a@b.nl',
      to: { name: 'Ë', address: 'c@d.nl' },
      subject: 's',
      messageId: 'x@b.nl',
      date: new Date('2026-10-18T06:00:00Z'),
      unsubscribeUrl: 'https://b.nl/u',
    };
    const latin = `${'Een regel met een spatie aan het eind ë \n'.repeat(3000)}${' '.repeat(70_000)}eind`;
    const cjk = '中文的提醒 '.repeat(30_000);
    for (const text of [latin, cjk]) {
      const m = { ...base, text, html: `<p>${text}</p>` };
      expect(composeMessage(m).equals(await mailComposerBytes(m))).toBe(true);
    }
  });

  it('a digest-like mail reads back whole: names, subject, both bodies, the unsubscribe headers', async () => {
    const sent: OutgoingMail = {
      from: 'Deadlines geboortezorg <herinneringen@deadlines.example.nl>',
      to: { name: 'Anna de Vries-Ëlsenaar', address: 'anna@praktijk.nl' },
      subject: 'CZ: vragenlijst kraamzorg indienen — over 14 dagen (1 november)',
      text: `Beste Anna,\n\n${'Een lange regel met een link https://deadlines.example.nl/gedaan/abc '.repeat(4)}\n€ 12,50 = genoeg\n`,
      html: '<p>Beste Anna,</p><p>Een <a href="https://deadlines.example.nl/x?a=1&amp;b=2">link</a> — 😀</p>',
      messageId: `${'a'.repeat(32)}.2026-10-18@deadlines.example.nl`,
      date: new Date('2026-10-18T06:00:00Z'),
      unsubscribeUrl: 'https://deadlines.example.nl/unsubscribe/tok',
    };
    const parsed = await simpleParser(composeMessage(sent));
    expect(parsed.subject).toBe(sent.subject);
    expect(parsed.to).toMatchObject({ value: [{ name: sent.to.name, address: sent.to.address }] });
    expect(parsed.text).toBe(sent.text);
    expect(parsed.html).toBe(sent.html);
    expect(parsed.messageId).toBe(`<${sent.messageId}>`);
    const header = (key: string) => parsed.headerLines.find((line) => line.key === key)?.line;
    expect(header('list-unsubscribe')).toBe(`List-Unsubscribe: <${sent.unsubscribeUrl}>`);
    expect(header('list-unsubscribe-post')).toBe('List-Unsubscribe-Post: List-Unsubscribe=One-Click');
    expect(header('auto-submitted')).toBe('Auto-Submitted: auto-generated');
  });

  it('refuses a mail without a text or an HTML body (MailComposer would build another shape)', () => {
    const base = {
      from: 'a@b.nl',
      to: { name: null, address: 'c@d.nl' },
      subject: 's',
      messageId: 'x@b.nl',
      date: new Date(),
      unsubscribeUrl: 'https://b.nl/u',
    };
    expect(() => composeMessage({ ...base, text: '', html: '<p>x</p>' })).toThrow(/text and an HTML body/);
    expect(() => composeMessage({ ...base, text: 'x', html: '' })).toThrow(/text and an HTML body/);
  });
});
