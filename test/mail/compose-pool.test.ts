import { afterAll, describe, expect, it } from 'vitest';
import { composeMessage, type OutgoingMail } from '../../src/mail/compose.js';
import { ComposePool } from '../../src/mail/compose-pool.js';

const mail = (n: number): OutgoingMail => ({
  from: 'herinneringen@deadlines.example.nl',
  to: { name: `Praktijk ë ${n}`, address: `praktijk${n}@example.nl` },
  subject: `Ondertekenen: nog ${n} dagen`,
  text: `Beste ${n},\n\n${'lange regel met een é '.repeat(n % 7)}\n`,
  html: `<p>Beste ${n}, ${'x'.repeat(n * 3)}</p>`,
  messageId: `${String(n).padStart(32, '0')}.2026-10-18@deadlines.example.nl`,
  date: new Date('2026-10-18T06:00:00Z'),
  unsubscribeUrl: `https://deadlines.example.nl/unsubscribe/${n}`,
});

describe('ComposePool', () => {
  const threaded = new ComposePool(true);
  afterAll(() => threaded.close());

  it('composes on its thread the bytes composeMessage makes, in order, also for pages sent one after the other', async () => {
    const pages = [Array.from({ length: 40 }, (_, n) => mail(n)), [mail(99)], []];
    const composed = await Promise.all(pages.map((page) => threaded.compose(page)));
    expect(threaded.threaded).toBe(true);
    pages.forEach((page, p) =>
      page.forEach((m, i) => expect(composed[p][i].equals(composeMessage(m)), `page ${p}, mail ${i}`).toBe(true)),
    );
  });

  it('passes on what composeMessage refuses, and keeps composing after it', async () => {
    await expect(threaded.compose([{ ...mail(1), text: '' }])).rejects.toThrow(/text and an HTML body/);
    expect((await threaded.compose([mail(2)]))[0].equals(composeMessage(mail(2)))).toBe(true);
  });

  it('ends its thread when the last run that retained it lets go, and starts it again for the next', async () => {
    const pool = new ComposePool(true);
    pool.retain();
    pool.retain();
    await pool.compose([mail(4)]);
    await pool.release();
    expect(pool.threaded).toBe(true);
    await pool.release();
    expect(pool.threaded).toBe(false);
    expect((await pool.compose([mail(5)]))[0].equals(composeMessage(mail(5)))).toBe(true);
    expect(pool.threaded).toBe(true);
    await pool.close();
    expect(pool.threaded).toBe(false);
  });

  it('composes in this thread what a thread that ends still held', async () => {
    const pool = new ComposePool(true);
    const page = Array.from({ length: 200 }, (_, n) => mail(n));
    const pending = pool.compose(page);
    await pool.close();
    const composed = await pending;
    page.forEach((m, i) => expect(composed[i].equals(composeMessage(m))).toBe(true));
  });

  it('composes in this thread when told to (one core), with the same bytes', async () => {
    const inline = new ComposePool(false);
    expect((await inline.compose([mail(3)]))[0].equals(composeMessage(mail(3)))).toBe(true);
    expect(inline.threaded).toBe(false);
    await inline.close();
  });
});
