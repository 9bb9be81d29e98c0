import { describe, expect, it } from 'vitest';
import { loadCalendarSet } from '../../src/calendar/load.js';
import { timelineWithOwnDates } from '../../src/domain/own-items.js';
import { STATUS_WORDS } from '../../src/domain/status-words.js';
import type { Provider, TimelineItem } from '../../src/domain/types.js';
import {
  chosenContractYear,
  yearChoices,
  yearEntries,
  yearPicture,
  yearSourceOf,
  type YearPicture,
} from '../../src/domain/year-picture.js';

/** The practice of issue 25: CZ (2027 document), Zorg en Zekerheid (2026 document) and VGZ (no document), on 2 December 2026. */
const calendars = loadCalendarSet();
const today = '2026-12-02';
const practice: Provider = {
  kinds: ['verloskunde'],
  contracts: [
    { insurer: 'cz-groep', year: 2027, status: 'existing' },
    { insurer: 'zorg-en-zekerheid', year: 2026, status: 'existing' },
    { insurer: 'vgz', year: 2027, status: 'existing' },
  ],
};
const own = {
  items: [
    {
      id: 'a1',
      insurer: 'vgz',
      title: 'Vragenlijst VGZ invullen',
      due: '2026-10-01',
      from: '2026-09-20',
      time: null,
      note: 'e-mail van VGZ',
      done: null,
      revision: 1,
      recordedBy: 'web',
      recordedAt: '2026-09-15T10:00:00Z',
    },
  ],
  corrections: [],
};
const items = timelineWithOwnDates(practice, calendars, [], own, today);
const options = {
  today,
  insurers: practice.contracts.map((contract) => contract.insurer),
  insurerName: (insurer: string) => calendars.insurerName(insurer),
  ownLabel: 'Eigen data',
};

function entry(picture: YearPicture, title: string) {
  const found = yearEntries(picture).find((candidate) => candidate.title.nl === title);
  if (!found) throw new Error(`no entry ${title}`);
  return found;
}

describe('the year picture of contract year 2027 (its round in 2026)', () => {
  const picture = yearPicture(items, { ...options, contractYear: 2027 });

  it('spans the round year in twelve months and marks today', () => {
    expect(picture).toMatchObject({ contractYear: 2027, roundYear: 2026, from: '2026-01-01', to: '2026-12-31' });
    expect(picture.days).toBe(365);
    expect(picture.months.map((month) => month.days)).toEqual([31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]);
    expect(picture.months[11].startDay).toBe(334);
    expect(picture.todayDay).toBe(335);
  });

  it('has one row per insurer, named as the registry names it, and one for her own dates', () => {
    expect(picture.rows.map((row) => [row.insurer, row.label])).toEqual([
      ['cz-groep', 'CZ'],
      ['zorg-en-zekerheid', 'Zorg en Zekerheid'],
      ['vgz', 'VGZ'],
      [null, 'Eigen data'],
    ]);
  });

  it('shows every dated item of the round year on its insurer’s row, numbered in date order', () => {
    const inRound = items.filter((item) => {
      const from = item.window?.from ?? item.due;
      const to = item.window?.to ?? item.due;
      return from !== null && to !== null && to >= '2026-01-01' && from <= '2026-12-31';
    });
    const entries = yearEntries(picture);
    expect(entries.map((e) => e.item).sort()).toEqual(inRound.map((item) => item.id).sort());
    expect(entries.map((e) => e.number)).toEqual(entries.map((_, index) => index + 1));
    expect(entries.map((e) => e.from)).toEqual([...entries.map((e) => e.from)].sort());
    // Zorg en Zekerheid's 2026 contract had its round in 2025; carried to 2027 (no document), its row holds the law's
    // dates of that round, and nothing expected (the 2026 planning moved a year on lies before today).
    expect(picture.rows[1].entries.map((e) => [e.item, e.source])).toEqual([
      ['zorg-en-zekerheid/2027/legal/publicatie-zorginkoopbeleid', 'legal'],
      ['zorg-en-zekerheid/2027/legal/controle-gecontracteerd', 'legal'],
      ['zorg-en-zekerheid/2027/legal/publicatie-polis-en-gecontracteerd-aanbod', 'legal'],
    ]);
    expect(picture.rows[0].entries.map((e) => e.title.nl)).toContain('Overeenkomst 2027 ondertekenen');
    expect(picture.rows[2].entries.map((e) => e.title.nl)).toContain(
      'VGZ publiceert zorginkoopbeleid en procedure 2027',
    );
    expect(picture.undated).toBe(items.filter((item) => item.due === null).length);
    expect(picture.undated).toBeGreaterThan(0);
  });

  it('draws windows as bars and single dates as marks', () => {
    const offer = entry(picture, 'Aanbod overeenkomst 2027 ontvangen');
    expect(offer).toMatchObject({ shape: 'bar', from: '2026-04-01', to: '2026-09-30', startDay: 90, endDay: 272 });
    const signing = entry(picture, 'Overeenkomst 2027 ondertekenen');
    expect(signing).toMatchObject({ shape: 'mark', from: '2026-11-01', to: '2026-11-01', startDay: 304 });
    expect(entry(picture, 'Vragenlijst VGZ invullen')).toMatchObject({ shape: 'bar', from: '2026-09-20' });
  });

  it('gives each entry its status in the words of the list and what its date rests on', () => {
    const signing = entry(picture, 'Overeenkomst 2027 ondertekenen');
    expect(signing.status).toBe('not-recorded');
    expect(signing.statusWords).toEqual(STATUS_WORDS['not-recorded']);
    expect(signing.source).toBe('document');
    const check = entry(picture, 'Controleer of u bij VGZ als gecontracteerd staat (2027)');
    expect(check.source).toBe('legal');
    expect(check.statusWords.nl).toBe('voorbij');
    const vgzOwn = entry(picture, 'Vragenlijst VGZ invullen');
    expect(vgzOwn.source).toBe('own');
    // Her own dates have a row of their own, even when they name an insurer.
    expect(picture.rows[3].entries).toEqual([vgzOwn]);
  });

  it('tells an expected date (type or flag) from the document’s and the law’s', () => {
    const cz = items.find((item) => item.title.nl === 'Overeenkomst 2027 ondertekenen')!;
    expect(yearSourceOf({ ...cz, type: 'expected' } as unknown as TimelineItem)).toBe('expected');
    expect(yearSourceOf({ ...cz, expected: true } as TimelineItem)).toBe('expected');
    expect(yearSourceOf(cz)).toBe('document');
    const corrected = { ...cz, correction: { id: 'c', due: '2026-11-20' } } as TimelineItem;
    expect(yearSourceOf(corrected)).toBe('own');
    const expectedPicture = yearPicture([{ ...cz, type: 'expected' } as unknown as TimelineItem], {
      ...options,
      contractYear: 2027,
    });
    expect(yearEntries(expectedPicture)[0].source).toBe('expected');
  });

  it('puts dates close together on different lanes of their row', () => {
    const cz = picture.rows[0];
    expect(cz.lanes).toBeGreaterThan(1);
    for (const a of cz.entries)
      for (const b of cz.entries)
        if (a !== b && a.lane === b.lane && a.startDay <= b.startDay)
          expect(b.startDay - (a.shape === 'mark' ? a.startDay : a.endDay)).toBeGreaterThanOrEqual(6);
    const publications = cz.entries.filter((e) => e.from === '2026-11-12');
    expect(new Set(publications.map((e) => e.lane)).size).toBe(publications.length);
  });
});

describe('the next contract year and the choice', () => {
  it('2028: the round in 2027, today outside it, a window cut at the edge says so', () => {
    const picture = yearPicture(items, { ...options, contractYear: 2028 });
    expect(picture).toMatchObject({ roundYear: 2027, from: '2027-01-01', todayDay: null });
    const end = entry(picture, 'Uw overeenkomst verloskunde met Zorg en Zekerheid loopt af op 31 december 2027');
    expect(end).toMatchObject({ shape: 'mark', from: '2027-12-31', startDay: 364 });
    const cut = yearPicture([{ ...items[0], window: { from: '2026-12-01', to: '2027-02-01' }, due: '2027-02-01' }], {
      ...options,
      contractYear: 2028,
    });
    expect(yearEntries(cut)[0]).toMatchObject({ startDay: 0, endDay: 31, clipped: { start: true, end: false } });
  });

  it('offers the contract year whose round runs now and the next; anything else is refused', () => {
    expect(yearChoices('2026-12-02')).toEqual([2027, 2028]);
    expect(yearChoices('2027-01-01')).toEqual([2028, 2029]);
    expect(chosenContractYear(undefined, today)).toBe(2027);
    expect(chosenContractYear('', today)).toBe(2027);
    expect(chosenContractYear('2028', today)).toBe(2028);
    for (const bad of ['2026', '2029', '2027x', ' 2027', '1e3']) expect(chosenContractYear(bad, today)).toBeNull();
  });
});
