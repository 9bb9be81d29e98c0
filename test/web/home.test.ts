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
  const attributes = (view: ReturnType<typeof situationFormView>) => view.insurers.flatMap((insurer) => insurer.attributes.map((attribute) => attribute.label));

  it('names the kinds each attribute is for, read from the calendars', () => {
    const cz = calendars.all().find((calendar) => calendar.file.insurer === 'cz-groep')!.file;
    expect(kindsAsking(cz, 'organisatievorm')).toEqual(['kraamzorg']);
    expect(kindsAsking(cz, 'zorgaanbieder')).toEqual(['integrale-geboortezorg']);
    // Before her kinds are known (the home page), every attribute is there, each saying whom it is for.
    expect(attributes(situationFormView(calendars, 'nl'))).toEqual(expect.arrayContaining(['CZ: organisatievorm (alleen voor kraamzorg)', 'CZ: zorgaanbieder (alleen voor integrale geboortezorg (IGO))']));
  });

  it('shows an attribute only where it applies once her kinds are known', () => {
    const contracts = [{ insurer: 'cz-groep', year: 2027, status: 'new' as const }];
    expect(attributes(situationFormView(calendars, 'nl', { kinds: ['verloskunde'], contracts }))).toEqual([]);
    expect(attributes(situationFormView(calendars, 'en', { kinds: ['kraamzorg'], contracts }))).toContain('CZ: organisatievorm (only for maternity care (kraamzorg))');
    expect(attributes(situationFormView(calendars, 'nl', { kinds: ['kraamzorg'], contracts }))).not.toContain('CZ: zorgaanbieder (alleen voor integrale geboortezorg (IGO))');
    // A value she gave stays visible, so she can change it.
    const given = [{ ...contracts[0], attributes: { zorgaanbieder: 'ja' } }];
    expect(attributes(situationFormView(calendars, 'nl', { kinds: ['verloskunde'], contracts: given }))).toEqual(['CZ: zorgaanbieder (alleen voor integrale geboortezorg (IGO))']);
  });
});
