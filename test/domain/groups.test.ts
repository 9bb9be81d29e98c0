import { describe, expect, it } from 'vitest';
import { loadCalendarSet } from '../../src/calendar/load.js';
import { groupOf, ITEM_GROUPS, type GroupedFields } from '../../src/domain/groups.js';
import { computeTimeline } from '../../src/domain/timeline.js';
import { ITEM_STATUSES } from '../../src/domain/types.js';

const base: GroupedFields = { type: 'deadline', status: 'upcoming', actor: 'provider', window: null };
const asOf = '2026-12-02';
const open = '2027-01-01';

describe('groupOf', () => {
  it('files due-soon, overdue and check under now; done, passed and not-recorded under history', () => {
    expect(groupOf({ ...base, status: 'overdue' }, asOf, open)).toBe('now');
    expect(groupOf({ ...base, status: 'due-soon' }, asOf, open)).toBe('now');
    expect(groupOf({ ...base, status: 'check', actor: 'insurer' }, asOf, open)).toBe('now');
    for (const status of ['done', 'passed', 'not-recorded'] as const)
      expect(groupOf({ ...base, status }, asOf, open)).toBe('history');
  });

  it('an upcoming date is next, unless it is an open window of hers', () => {
    expect(groupOf(base, asOf, open)).toBe('next');
    expect(groupOf({ ...base, window: { from: '2026-12-01', to: '2027-03-01' } }, asOf, open)).toBe('now');
    expect(groupOf({ ...base, window: { from: '2026-12-03', to: '2027-03-01' } }, asOf, open)).toBe('next');
    expect(groupOf({ ...base, actor: 'insurer', window: { from: '2026-12-01', to: '2027-03-01' } }, asOf, open)).toBe(
      'next',
    );
  });

  it('undated items wait (next) until their round closes, then they are history', () => {
    expect(groupOf({ ...base, status: 'waiting' }, asOf, open)).toBe('next');
    expect(groupOf({ ...base, status: 'not-started' }, asOf, '2026-11-02')).toBe('history');
  });

  it('an expected item is expected whatever its status; any other type is grouped by its status', () => {
    for (const status of ITEM_STATUSES)
      expect(groupOf({ ...base, type: 'expected', status }, asOf, open)).toBe('expected');
    expect(groupOf({ ...base, type: 'statutory', status: 'due-soon' }, asOf, open)).toBe('now');
  });

  it('every item of the encoded archetypes gets one of the four groups', () => {
    const calendars = loadCalendarSet();
    const items = computeTimeline(
      { kinds: ['verloskunde'], contracts: [{ insurer: 'cz-groep', year: 2027, status: 'existing' }] },
      calendars,
      [],
      asOf,
    );
    const closes = calendars.get('cz-groep', 2027)!.closes;
    const groups = items.map((item) => groupOf(item, asOf, closes));
    expect(groups.every((group) => ITEM_GROUPS.includes(group))).toBe(true);
    // CZ's 2027 round closed on 2 November 2026: on 2 December only the 12 November publication is hers to check
    // now; the end of her 2027 agreement is next.
    const open = items.filter((_item, index) => groups[index] !== 'history');
    expect(open.map((item) => [item.id, groups[items.indexOf(item)]])).toEqual([
      ['cz-groep/2027/publicatie-zorgaanbod', 'now'],
      ['cz-groep/2027/looptijd-einde-2027', 'next'],
    ]);
  });
});
