import { describe, expect, it } from 'vitest';
import { loadCalendarSet } from '../../src/calendar/load.js';
import type { Correction } from '../../src/domain/own-items.js';
import type { Provider } from '../../src/domain/types.js';
import { DayTimelines } from '../../src/reminders/day-timelines.js';
import { planDigest } from '../../src/reminders/plan.js';

/**
 * Her correction of a date of a year her contract carries into (the law's 12 November of 2028 for her CZ 2027
 * contract) moves its reminders as a correction of her own year does: the run's timelines apply it.
 */
const calendars = loadCalendarSet();
const practice: Provider = {
  kinds: ['verloskunde'],
  contracts: [{ insurer: 'cz-groep', year: 2027, status: 'existing' }],
};
const CHECK = 'cz-groep/2028/legal/controle-gecontracteerd';
const correction: Correction = {
  id: 'c1',
  item: CHECK,
  due: '2027-11-19',
  original: '2027-11-12',
  reason: 'CZ publiceert de lijst op 19 november, e-mail van 3 oktober',
  recordedBy: 'key',
  recordedAt: '2026-12-04T10:00:00.000Z',
};
const remindedOn = (day: string, corrections: Correction[]) =>
  (
    planDigest({
      day,
      timeline: new DayTimelines(calendars, day).of(practice, [], { items: [], corrections }).items,
      reminderDays: [14],
      history: { told: new Set(), toldDue: new Map() },
    })?.notices ?? []
  )
    .filter((notice) => notice.item.id === CHECK)
    .map((notice) => [notice.item.due, notice.kinds]);

describe("a correction of a carried year's date in the reminder run", () => {
  it('reminds 14 days before the corrected date, not before the computed one', () => {
    expect(remindedOn('2027-10-29', [])).toEqual([['2027-11-12', ['reminder']]]);
    expect(remindedOn('2027-10-29', [correction])).toEqual([]);
    expect(remindedOn('2027-11-05', [correction])).toEqual([['2027-11-19', ['reminder']]]);
  });
});
