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
  /** CZ's 2027 round runs; no document of VGZ's is encoded. */
  const TODAY = '2026-12-02';
  const attributes = (view: ReturnType<typeof situationFormView>) =>
    view.insurers.flatMap((insurer) => insurer.attributes.map((attribute) => attribute.label));

  it('names the kinds each attribute is for, read from the calendars', () => {
    const cz = calendars.all().find((calendar) => calendar.file.insurer === 'cz-groep')!.file;
    expect(kindsAsking(cz, 'organisatievorm')).toEqual(['kraamzorg']);
    expect(kindsAsking(cz, 'zorgaanbieder')).toEqual(['integrale-geboortezorg']);
    // Before her kinds are known (the home page), every attribute is there, each saying whom it is for.
    expect(attributes(situationFormView(calendars, 'nl', undefined, TODAY))).toEqual(
      expect.arrayContaining([
        'CZ: organisatievorm (alleen voor kraamzorg)',
        'CZ: IGO als zorgaanbieder (alleen voor integrale geboortezorg (IGO))',
      ]),
    );
  });

  it("asks every attribute in the page's language, in the calendar's own words: label, hint and every value", () => {
    for (const language of ['nl', 'en'] as const) {
      const fields = situationFormView(calendars, language, undefined, TODAY).insurers.flatMap(
        (insurer) => insurer.attributes,
      );
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
      situationFormView(calendars, language, undefined, TODAY)
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
    expect(attributes(situationFormView(calendars, 'nl', { kinds: ['verloskunde'], contracts }, TODAY))).toEqual([]);
    expect(attributes(situationFormView(calendars, 'en', { kinds: ['kraamzorg'], contracts }, TODAY))).toContain(
      'CZ: type of organisation (only for maternity care (kraamzorg))',
    );
    expect(attributes(situationFormView(calendars, 'nl', { kinds: ['kraamzorg'], contracts }, TODAY))).not.toContain(
      'CZ: IGO als zorgaanbieder (alleen voor integrale geboortezorg (IGO))',
    );
    // A value she gave stays visible, so she can change it.
    const given = [{ ...contracts[0], attributes: { zorgaanbieder: 'ja' } }];
    expect(attributes(situationFormView(calendars, 'nl', { kinds: ['verloskunde'], contracts: given }, TODAY))).toEqual(
      ['CZ: IGO als zorgaanbieder (alleen voor integrale geboortezorg (IGO))'],
    );
  });

  it('lists every registered insurer, encoded ones first, a year without a document for the round that runs today', () => {
    const view = situationFormView(calendars, 'nl', undefined, TODAY);
    const names = view.insurers.map((insurer) => insurer.name);
    expect(names.slice(0, 2)).toEqual(['c:cz-groep:2027', 'c:zorg-en-zekerheid:2026']);
    // Every registry entry is there; on 2 December 2026 the round that runs is that of 2027.
    for (const entry of calendars.registry)
      expect(
        names.some((name) => name.startsWith(`c:${entry.id}:`)),
        entry.id,
      ).toBe(true);
    expect(names).toContain('c:vgz:2027');
    expect(situationFormView(calendars, 'nl', undefined, '2027-01-04').insurers.map((i) => i.name)).toContain(
      'c:vgz:2028',
    );
    const vgz = view.insurers.find((insurer) => insurer.name === 'c:vgz:2027')!;
    expect(vgz.legend).toBe('VGZ: contract voor 2027');
    expect(vgz.restsOn.text).toBe('nog geen document: wettelijke data en uw eigen data');
    expect(vgz.attributes).toEqual([]);
    expect(vgz.options.find((option) => option.checked)?.value).toBe('none');
    const cz = view.insurers.find((insurer) => insurer.name === 'c:cz-groep:2027')!;
    expect(cz.restsOn.text).toBe(
      `datums uit het document (versie ${calendars.get('cz-groep', 2027)!.file.version ?? 1})`,
    );
    expect(
      situationFormView(calendars, 'en', undefined, TODAY).insurers.find((i) => i.name === 'c:vgz:2027')!.restsOn.text,
    ).toBe('no document encoded yet: legal dates and your own dates');
  });

  it('keeps a year her situation names that the form would not offer (her settings, an old link)', () => {
    const situation = {
      kinds: ['verloskunde' as const],
      contracts: [{ insurer: 'vgz', year: 2026, status: 'existing' as const }],
    };
    const view = situationFormView(calendars, 'nl', situation, TODAY);
    const vgz2026 = view.insurers.find((insurer) => insurer.name === 'c:vgz:2026')!;
    expect(vgz2026.options.find((option) => option.checked)?.value).toBe('existing');
    expect(view.insurers.map((insurer) => insurer.name)).toContain('c:vgz:2027');
  });

  it('says a year after an encoded one is expected from its policy, besides the law and her own dates', () => {
    const situation = {
      kinds: ['verloskunde' as const],
      contracts: [{ insurer: 'cz-groep', year: 2028, status: 'existing' as const }],
    };
    const cz2028 = situationFormView(calendars, 'nl', situation, TODAY).insurers.find(
      (insurer) => insurer.name === 'c:cz-groep:2028',
    )!;
    expect(cz2028.restsOn.text).toBe(
      'nog geen document: verwacht op basis van het beleid 2027, wettelijke data en uw eigen data',
    );
  });
});
