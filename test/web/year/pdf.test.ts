import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadCalendarSet } from '../../../src/calendar/load.js';
import type { TimelineItem } from '../../../src/domain/types.js';
import { yearPicture } from '../../../src/domain/year-picture.js';
import { yearPdf } from '../../../src/web/year/pdf.js';
import { yearWordsFor } from '../../../src/web/year/words.js';
import { buildTestApp, removeTempDir, tempDir, type TestApp } from '../../helper.js';
import { pdfkitText, pdfPageCount } from '../pdf-text.js';
import { SCREENSHOT_DIR } from '../world.js';

/** The year overview PDF (pdfkit): one A4 landscape sheet however full the year, and a budget per client. */
describe('yearPdf', () => {
  it('keeps a crowded year on one page', async () => {
    const items = Array.from(
      { length: 60 },
      (_, index) =>
        ({
          id: `i${index}`,
          insurer: 'vgz',
          title: { nl: `Een lange stap met een lange naam nummer ${index}`, en: '' },
          type: 'deadline',
          due: `2026-${String((index % 12) + 1).padStart(2, '0')}-15`,
          window: null,
          status: 'upcoming',
        }) as unknown as TimelineItem,
    );
    const picture = yearPicture(items, {
      contractYear: 2027,
      today: '2026-12-02',
      insurers: ['vgz'],
      insurerName: () => 'VGZ',
      ownLabel: 'Eigen data',
    });
    const words = yearWordsFor('nl');
    const pdf = await yearPdf({
      title: 'Jaaroverzicht 2027: Praktijk Zuid ✓',
      caption: words.caption(2027, 2026),
      picture,
      lines: items.map((item, index) => ({
        number: index + 1,
        sign: '',
        heading: `VGZ: ${item.title.nl}`,
        when: item.due!,
        status: 'gepland',
        source: words.source.document,
      })),
      undated: null,
      words,
    });
    mkdirSync(SCREENSHOT_DIR, { recursive: true });
    writeFileSync(join(SCREENSHOT_DIR, 'year-crowded.pdf'), pdf);
    expect(pdfPageCount(pdf)).toBe(1);
    // Helvetica has no tick: it is written as a plain sign, the rest as it is.
    expect(pdfkitText(pdf)).toContain('Jaaroverzicht 2027: Praktijk Zuid v');
  });
});

describe('GET /situatie/jaaroverzicht.pdf', () => {
  let dir: string;
  let app: TestApp;
  const url = '/situatie/jaaroverzicht.pdf?kind=verloskunde&c%3Acz-groep%3A2027=existing';
  beforeAll(async () => {
    dir = tempDir();
    app = await buildTestApp(`${dir}/pdf.db`, {
      calendars: loadCalendarSet(),
      env: { RATE_LIMIT_PER_MINUTE: '2', TODAY: '2026-12-02' },
    });
  });
  afterAll(async () => {
    await app.close();
    removeTempDir(dir);
  });

  it('answers a PDF twice a minute per client, then the wait page (429); other clients keep theirs', async () => {
    for (let i = 0; i < 2; i++) {
      const response = await app.inject({ url, remoteAddress: '203.0.113.5' });
      expect(response.statusCode).toBe(200);
      expect(response.headers['content-type']).toBe('application/pdf');
    }
    const limited = await app.inject({ url, remoteAddress: '203.0.113.5' });
    expect(limited.statusCode).toBe(429);
    expect(limited.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(limited.headers['retry-after']).toBeDefined();
    expect((await app.inject({ url, remoteAddress: '203.0.113.6' })).statusCode).toBe(200);
    // The page itself is not counted against the PDF budget.
    expect(
      (await app.inject({ url: url.replace('/jaaroverzicht.pdf', ''), remoteAddress: '203.0.113.5' })).statusCode,
    ).toBe(200);
  });

  it('speaks English on the English page and in its PDF', async () => {
    const page = await app.inject({ url: `${url.replace('/jaaroverzicht.pdf', '')}&lang=en` });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Your year at a glance');
    expect(page.body).toContain('2028 (round in 2027)');
    expect(page.body).toContain('>Own dates</text>');
    const pdf = await app.inject({ url: `${url}&lang=en`, remoteAddress: '203.0.113.7' });
    expect(pdf.statusCode).toBe(200);
    const text = pdfkitText(pdf.rawPayload);
    expect(text).toContain('Contract year 2027: its round runs in 2026.');
    expect(text).toContain("the insurer's document");
  });

  it('a situation it cannot read is the home page with the problem (400), no PDF', async () => {
    const response = await app.inject({ url: '/situatie/jaaroverzicht.pdf?kind=verloskunde&c%3Aacme%3A2027=new' });
    expect(response.statusCode).toBe(400);
    expect(response.headers['content-type']).toBe('text/html; charset=utf-8');
  });
});
