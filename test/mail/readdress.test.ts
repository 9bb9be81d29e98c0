import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { composeMessage } from '../../src/mail/compose.js';
import { readdressMessage } from '../../src/mail/readdress.js';

const OLD_TOKEN = 'Q2Ff7vRk0bLr3s5yXwz1Ma9uTt4nJp6oHcEgDi8lKmN';
const NEW_TOKEN = 'zX9yW8vU7tS6rQ5pO4nM3lK2jI1hG0fE-dC_bAzYxWv';

/** Digest-like bodies: Dutch accents, long lines, `=`, links, line breaks as the renderer writes them (LF). */
const body = fc
  .array(
    fc.oneof(
      fc.string({ maxLength: 30 }).filter((s) => !s.includes('\r')),
      fc.constantFrom(
        'ë',
        'vóór',
        '€',
        '😀',
        '=',
        '=3D',
        ' ',
        '\n',
        'x'.repeat(90),
        `https://d.example.nl/unsubscribe/${OLD_TOKEN}`,
      ),
    ),
    { maxLength: 40 },
  )
  .map((parts) => `Beste Anna,\n${parts.join('')}\nStoppen: https://d.example.nl/unsubscribe/${OLD_TOKEN}\n`);

const mail = fc.record({
  to: fc.record({
    name: fc.option(fc.constantFrom('Anna', 'Ëlse de Vries', 'J. "Jo" Jansen'), { nil: null }),
    address: fc.constant('anna@oud.nl'),
  }),
  subject: fc.string({ maxLength: 120 }).filter((s) => !/[\r\n]/.test(s)),
  text: body,
  html: body.map((t) => `<p>${t}</p>`),
  date: fc
    .integer({ min: Date.parse('2026-01-01'), max: Date.parse('2028-12-31') })
    .map((ms) => new Date(Math.floor(ms / 1000) * 1000)),
});

describe('readdressMessage', () => {
  it('makes the same bytes when nothing changes, and with a new recipient the bytes composeMessage makes for it', async () => {
    const from = 'Geboortezorg deadlines <herinneringen@deadlines.example.nl>';
    await fc.assert(
      fc.asyncProperty(mail, async (m) => {
        const sent = {
          ...m,
          from,
          messageId: `${'b'.repeat(32)}.2026-10-18@deadlines.example.nl`,
          unsubscribeUrl: `https://d.example.nl/unsubscribe/${OLD_TOKEN}`,
        };
        const raw = composeMessage(sent);
        expect(
          (
            await readdressMessage(raw, {
              from,
              to: m.to,
              subject: m.subject,
              oldUnsubscribeToken: OLD_TOKEN,
              unsubscribeToken: OLD_TOKEN,
            })
          ).toString(),
        ).toBe(raw.toString());
        const to = { name: m.to.name, address: 'anna@nieuw.nl' };
        const swap = (s: string) => s.split(OLD_TOKEN).join(NEW_TOKEN);
        const again = await readdressMessage(raw, {
          from,
          to,
          subject: m.subject,
          oldUnsubscribeToken: OLD_TOKEN,
          unsubscribeToken: NEW_TOKEN,
        });
        expect(again.toString()).toBe(
          composeMessage({
            ...sent,
            to,
            text: swap(sent.text),
            html: swap(sent.html),
            unsubscribeUrl: swap(sent.unsubscribeUrl),
          }).toString(),
        );
      }),
      { numRuns: 200 },
    );
  });

  it('refuses bytes it did not compose', async () => {
    await expect(
      readdressMessage(Buffer.from('Subject: hi\r\n\r\nplain\r\n'), {
        from: 'a@b.nl',
        to: { name: null, address: 'c@d.nl' },
        subject: 'hi',
        oldUnsubscribeToken: OLD_TOKEN,
        unsubscribeToken: NEW_TOKEN,
      }),
    ).rejects.toThrow(/not a message/);
  });
});
