import { describe, expect, it } from 'vitest';
import { loadCalendarSet } from '../../src/calendar/load.js';
import { computeTimeline } from '../../src/domain/timeline.js';
import type { Digest, Notice } from '../../src/reminders/plan.js';
import type { Language } from '../../src/domain/language.js';
import { renderDigest } from '../../src/reminders/render.js';

/** A digest for CZ's signing deadline, rendered from the real calendar line (which carries an English note). */
const calendars = loadCalendarSet();
const item = computeTimeline(
  { kinds: ['kraamzorg'], contracts: [{ insurer: 'cz-groep', year: 2027, status: 'existing' }] },
  calendars,
  [],
  '2026-10-18',
).find((candidate) => candidate.id === 'cz-groep/2027/ondertekenen')!;
const notice: Notice = {
  item: item as Notice['item'],
  daysLeft: 14,
  kinds: ['reminder'],
  keys: ['reminder-14'],
  previousDue: null,
};
const digest: Digest = { day: '2026-10-18', notices: [notice], nearest: notice };

const context = (language: Language) => ({
  language,
  providerName: 'Kraamzorg Zuid',
  contactName: 'Els',
  insurerName: () => 'CZ',
  timelineUrl: 'https://deadlines.example.nl/t',
  feedUrl: 'https://deadlines.example.nl/f.ics',
  unsubscribeUrl: 'https://deadlines.example.nl/u',
});

const render = (language: Language) => renderDigest(digest, context(language));

describe('rendering a real calendar line', () => {
  it("keeps a Dutch mail Dutch: the calendar's English note stays out", () => {
    expect(item.note).toMatch(/Sunday/);
    const { text, subject } = render('nl');
    expect(subject).toBe('Overeenkomst 2027 ondertekenen (CZ): nog 14 dagen, zondag 1 november 2026');
    expect(text).toContain('Wat te doen: Overeenkomst 2027 ondertekenen\n');
    expect(text).toContain('valt op zondag: regel het uiterlijk vrijdag 30 oktober');
    expect(text).not.toContain(item.note!);
  });

  it("says how each date is computed, in the mail's language", () => {
    expect(render('nl').text).toContain(
      'Berekening: uiterlijk 1 november 2026 (datum uit het document); valt op zondag: regel het uiterlijk vrijdag 30 oktober\n',
    );
    expect(render('en').text).toContain(
      'How this date is computed: by 1 November 2026 (date in the document); falls on a Sunday: see to it by Friday 30 October\n',
    );
    expect(render('nl').html).toContain('<em>Berekening:</em> uiterlijk 1 november 2026');
  });

  it("marks advice as advice, not as the insurer's date", () => {
    const igo = computeTimeline(
      { kinds: ['integrale-geboortezorg'], contracts: [{ insurer: 'cz-groep', year: 2027, status: 'existing' }] },
      calendars,
      [],
      '2026-09-10',
    ).find((candidate) => candidate.id === 'cz-groep/2027/igo-offerte/offerte-indienen')!;
    const advice: Notice = {
      item: igo as Notice['item'],
      daysLeft: 10,
      kinds: ['reminder'],
      keys: ['reminder-14'],
      previousDue: null,
    };
    const { text } = renderDigest({ day: '2026-09-10', notices: [advice], nearest: advice }, { ...context('nl') });
    expect(text).toContain('Advies (geen datum van de verzekeraar): zondag 20 september 2026 (nog 10 dagen)');
    expect(text).toContain('Lezing: Het document geeft geen datum voor de offerte; 20 september is ons advies');
  });

  it("keeps the maintainers' note on how the line was read out of the mail, in either language", () => {
    expect(item.note).toBeTruthy();
    for (const language of ['nl', 'en'] as const) {
      expect(render(language).text).not.toContain(item.note!);
      expect(render(language).html).not.toContain(item.note!.slice(0, 40));
    }
    expect(render('en').text).toContain('What to do: Sign the 2027 agreement\n');
  });
});

describe('"Gedaan? Leg het vast" in a digest', () => {
  it('links each provider deadline to its record page, in the text and as a link in the HTML', () => {
    const asked: string[] = [];
    const rendered = renderDigest(digest, {
      language: 'nl',
      providerName: 'Kraamzorg Zuid',
      contactName: 'Els',
      insurerName: () => 'CZ',
      timelineUrl: 'https://deadlines.example.nl/t',
      feedUrl: 'https://deadlines.example.nl/f.ics',
      unsubscribeUrl: 'https://deadlines.example.nl/u',
      recordUrl: (itemId) => {
        asked.push(itemId);
        return `https://deadlines.example.nl/gedaan/token-for-${itemId.replace(/\//g, '-')}`;
      },
    });
    expect(asked).toEqual(['cz-groep/2027/ondertekenen']);
    expect(rendered.text).toContain(
      'Gedaan? Leg het vast: https://deadlines.example.nl/gedaan/token-for-cz-groep-2027-ondertekenen\n',
    );
    expect(rendered.html).toContain(
      '<a href="https://deadlines.example.nl/gedaan/token-for-cz-groep-2027-ondertekenen">Gedaan? Leg het vast</a>',
    );
    // Without a record page (no recordUrl) the mail is as before.
    expect(render('nl').text).not.toContain('Leg het vast:');
  });
});

describe('the footer says why the mail comes', () => {
  const pageUrl = 'https://deadlines.example.nl/mijn/PaGeToKeN';
  it('to a contact that practice software gave: its address was given as a contact (both languages)', () => {
    for (const [language, line] of [
      ['nl', 'U ontvangt deze e-mail omdat uw adres als contactpersoon bij deze zorgaanbieder is opgegeven.'],
      ['en', 'You receive this e-mail because your address is given as a contact of this care provider.'],
    ] as const) {
      const { text, html } = render(language);
      expect(text.trimEnd().split('\n').at(-1)).toBe(line);
      expect(html).toContain(`font-size: small">${line}</p>`);
    }
  });

  it('to a person who signed up on the site: she signed up there, her page link, and how to stop (both languages)', () => {
    for (const [language, lines] of [
      [
        'nl',
        [
          'U ontvangt deze e-mail omdat u zich op deadlines.example.nl heeft aangemeld voor herinneringen.',
          `Uw eigen pagina: ${pageUrl}`,
          'Stoppen? Gebruik de link ‘Geen herinneringen meer ontvangen’ hierboven, of zet de herinneringen uit op uw eigen pagina, onder ‘Gegevens wijzigen’.',
        ],
      ],
      [
        'en',
        [
          'You receive this e-mail because you signed up for reminders on deadlines.example.nl.',
          `Your own page: ${pageUrl}`,
          'To stop, use the link ‘Stop these reminders’ above, or turn reminders off on your own page, under ‘Change your details’.',
        ],
      ],
    ] as const) {
      const { text, html } = renderDigest(digest, { ...context(language), pageUrl });
      expect(text.trimEnd().split('\n').slice(-3)).toEqual(lines);
      expect(text).not.toMatch(/contactpersoon|given as a contact/);
      expect(html).toContain(
        `${lines[0]}<br>${lines[1].split(':')[0]}: <a href="${pageUrl}">${pageUrl}</a><br>${lines[2]}</p>`,
      );
      expect(html).not.toMatch(/contactpersoon|given as a contact/);
    }
  });
});
