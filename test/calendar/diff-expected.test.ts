import { describe, expect, it } from 'vitest';
import { diffExpectedToActual } from '../../src/calendar/diff-expected.js';
import { loadCalendarFiles } from '../../src/calendar/load.js';
import { shiftCalendarFile } from '../../src/domain/expected.js';
import type { CalendarFile } from '../../src/domain/types.js';

const { files, decreeDays } = loadCalendarFiles();
const cz2027 = files.find((file) => file.insurer === 'cz-groep' && file.year === 2027)!;

/** CZ 2028 as if published: the 2027 planning a year on, its signing two days earlier and the objection line gone. */
function published2028(): CalendarFile {
  const file = shiftCalendarFile(cz2027, 1);
  return {
    ...file,
    version: 1,
    milestones: file.milestones
      .filter((line) => line.id !== 'bezwaren-inkoopbeleid')
      .map((line) => (line.id === 'ondertekenen' ? { ...line, rule: { onOrBefore: '2027-10-30' } } : line)),
  };
}

describe('calendars:diff for a newly encoded year', () => {
  it('reports expected → actual per item, and how many providers see it', () => {
    const providers = [
      {
        provider: {
          kinds: ['verloskunde' as const],
          contracts: [{ insurer: 'cz-groep', year: 2027, status: 'existing' as const }],
        },
        events: [],
      },
    ];
    const changes = diffExpectedToActual(cz2027, published2028(), { asOf: '2026-12-02', decreeDays, providers });
    const signing = changes.find((change) => change.item === 'cz-groep/2028/ondertekenen' && change.aspect === 'date');
    expect(signing?.details).toContain('verloskunde/existing: expected 2027-11-01 → 2027-10-30');
    expect(signing?.affected).toBe(1);
    const objection = changes.find((change) => change.item === 'cz-groep/2028/bezwaren-inkoopbeleid');
    expect(objection?.aspect).toBe('applicability');
    expect(objection?.details).toContain('verloskunde/existing: expected, not in the 2028 document');
    // A line that did not move is not reported.
    expect(changes.some((change) => change.item === 'cz-groep/2028/vragenlijst-verloskunde-indienen')).toBe(false);
  });

  it('reports nothing when the document repeats last year’s planning', () => {
    const same = { ...shiftCalendarFile(cz2027, 1), version: 1 };
    expect(diffExpectedToActual(cz2027, same, { asOf: '2026-12-02', decreeDays })).toEqual([]);
  });
});
