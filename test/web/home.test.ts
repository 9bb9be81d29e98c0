import { describe, expect, it } from 'vitest';
import { loadCalendarSet } from '../../src/calendar/load.js';
import { kindsAsking, situationFormView } from '../../src/web/home/form.js';
import { calendarRows } from '../../src/web/home/index.js';
import { writtenDate } from '../../src/web/words.js';

describe('the calendars on the home page', () => {
  it('say when their dates were last checked: the newest entry of each change log', () => {
    const calendars = loadCalendarSet();
    const rows = calendarRows(calendars, 'nl');
    expect(rows).toHaveLength(calendars.all().length);
    for (const { file } of calendars.all()) {
      const row = rows.find((candidate) => candidate.insurer === file.insurerName && candidate.year === file.year)!;
      expect(row.checked).toBe(writtenDate(file.changes!.at(-1)!.date, 'nl'));
    }
  });
});

describe('the situation form', () => {
  const calendars = loadCalendarSet();
  const attributes = (view: ReturnType<typeof situationFormView>) =>
    view.insurers.flatMap((insurer) => insurer.attributes.map((attribute) => attribute.label));

  it('names the kinds each attribute is for, read from the calendars', () => {
    const cz = calendars.all().find((calendar) => calendar.file.insurer === 'cz-groep')!.file;
    expect(kindsAsking(cz, 'organisatievorm')).toEqual(['kraamzorg']);
    expect(kindsAsking(cz, 'zorgaanbieder')).toEqual(['integrale-geboortezorg']);
    // Before her kinds are known (the home page), every attribute is there, each saying whom it is for.
    expect(attributes(situationFormView(calendars, 'nl'))).toEqual(
      expect.arrayContaining([
        'CZ: organisatievorm (alleen voor kraamzorg)',
        'CZ: IGO als zorgaanbieder (alleen voor integrale geboortezorg (IGO))',
      ]),
    );
  });

  it("asks every attribute in the page's language, in the calendar's own words: label, hint and every value", () => {
    for (const language of ['nl', 'en'] as const) {
      const fields = situationFormView(calendars, language).insurers.flatMap((insurer) => insurer.attributes);
      for (const { file } of calendars.all()) {
        for (const [name, declared] of Object.entries(file.attributes ?? {})) {
          const words = declared.form?.[language];
          if (!words)
            throw new Error(`${file.insurer}/${file.year}: attribute ${name} has no form words in ${language}`);
          const field = fields.find((candidate) => candidate.name === `a:${file.insurer}:${file.year}:${name}`)!;
          expect(field.label).toMatch(new RegExp(`^${file.insurerName}: ${words.label.replace(/[()?]/g, '\\$&')} \\(`));
          expect(field.hint).toBe(words.hint);
          expect(field.options.slice(1).map((option) => option.label)).toEqual(
            declared.values.map((value) => words.values[String(value)]),
          );
        }
      }
    }
    // What the Dutch page showed in English before (the calendars' maintainer notes), and the other way round.
    const shown = (language: 'nl' | 'en') =>
      situationFormView(calendars, language)
        .insurers.flatMap((insurer) =>
          insurer.attributes.flatMap((field) => [
            field.label,
            field.hint,
            ...field.options.map((option) => option.label),
          ]),
        )
        .join(' | ');
    expect(shown('nl')).not.toMatch(/\b(the|is itself|not yet|changes which lines|employed)\b/i);
    expect(shown('en')).not.toMatch(
      /\b(organisatievorm|soort|nog niet|ja|nee|loondienstorganisatie|individuele afspraken)\b/i,
    );
  });

  it('shows an attribute only where it applies once her kinds are known', () => {
    const contracts = [{ insurer: 'cz-groep', year: 2027, status: 'new' as const }];
    expect(attributes(situationFormView(calendars, 'nl', { kinds: ['verloskunde'], contracts }))).toEqual([]);
    expect(attributes(situationFormView(calendars, 'en', { kinds: ['kraamzorg'], contracts }))).toContain(
      'CZ: type of organisation (only for maternity care (kraamzorg))',
    );
    expect(attributes(situationFormView(calendars, 'nl', { kinds: ['kraamzorg'], contracts }))).not.toContain(
      'CZ: IGO als zorgaanbieder (alleen voor integrale geboortezorg (IGO))',
    );
    // A value she gave stays visible, so she can change it.
    const given = [{ ...contracts[0], attributes: { zorgaanbieder: 'ja' } }];
    expect(attributes(situationFormView(calendars, 'nl', { kinds: ['verloskunde'], contracts: given }))).toEqual([
      'CZ: IGO als zorgaanbieder (alleen voor integrale geboortezorg (IGO))',
    ]);
  });
});
