import { describe, expect, it } from 'vitest';
import { loadCalendarSet } from '../../src/calendar/load.js';
import { kindsCovered, uncontractedKinds } from '../../src/domain/contracted-kinds.js';

const calendars = loadCalendarSet();
const fileOf = (insurer: string, year: number) => calendars.get(insurer, year)?.file;

describe('the kinds a calendar covers', () => {
  it('are the kinds its lines and terms name: Z&Z 2026 names no VSV, CZ 2027 does', () => {
    expect(kindsCovered(fileOf('zorg-en-zekerheid', 2026)!).has('vsv')).toBe(false);
    expect(kindsCovered(fileOf('zorg-en-zekerheid', 2026)!).has('verloskunde')).toBe(true);
    expect(kindsCovered(fileOf('cz-groep', 2027)!).has('vsv')).toBe(true);
  });

  it('name, per contract, her kinds its insurer does not contract; a contract without a calendar is left out', () => {
    const contracts = [
      { insurer: 'zorg-en-zekerheid', year: 2026, status: 'existing' as const },
      { insurer: 'cz-groep', year: 2027, status: 'new' as const },
      { insurer: 'vgz', year: 2027, status: 'new' as const },
    ];
    expect(uncontractedKinds({ kinds: ['vsv', 'verloskunde'], contracts }, fileOf)).toEqual([
      { insurer: 'zorg-en-zekerheid', year: 2026, kinds: ['vsv'] },
    ]);
  });
});
