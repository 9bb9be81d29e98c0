import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { loadCalendarSet } from '../../src/calendar/load.js';
import { loadLegalRules } from '../../src/calendar/legal.js';
import { CALENDARS_DIR } from '../../src/calendar/load.js';
import { addDays } from '../../src/domain/plain-date.js';
import { ruleDate, statutoryItems } from '../../src/domain/statutory.js';
import { computeTimeline } from '../../src/domain/timeline.js';
import type { Provider } from '../../src/domain/types.js';
import { planDigest } from '../../src/reminders/plan.js';

const calendars = loadCalendarSet();
const legal = loadLegalRules(CALENDARS_DIR);
const statutory = (provider: Provider, asOf: string) =>
  computeTimeline(provider, calendars, [], asOf).filter((item) => item.type === 'statutory');

const vgz2027: Provider = { kinds: ['verloskunde'], contracts: [{ insurer: 'vgz', year: 2027, status: 'existing' }] };

describe('statutory items (calendars/legal.yaml)', () => {
  it('gives an insurer without a calendar its 1 April and 12 November dates of the year before, and her check', () => {
    const items = statutory(vgz2027, '2026-01-10');
    expect(items.map((item) => [item.id, item.due, item.actor])).toEqual([
      ['vgz/2027/legal/publicatie-zorginkoopbeleid', '2026-04-01', 'insurer'],
      ['vgz/2027/legal/controle-gecontracteerd', '2026-11-12', 'provider'],
      ['vgz/2027/legal/publicatie-polis-en-gecontracteerd-aanbod', '2026-11-12', 'insurer'],
    ]);
    const check = items.find((item) => item.actor === 'provider')!;
    expect(check.calendar).toBe('vgz/2027');
    expect(check.title.nl).toContain('Controleer of u bij');
    expect(check.title.en).toContain('lists you as contracted');
    expect(check.source.document).toContain('NZa');
    // Nothing else for VGZ: no calendar, so no document lines.
    expect(computeTimeline(vgz2027, calendars, [], '2026-01-10').every((item) => item.type === 'statutory')).toBe(true);
  });

  it('cites the version of the rule in force on the date, and none before the first period', () => {
    const rule = legal.rules.find((r) => r.id === 'publicatie-zorginkoopbeleid')!;
    expect(ruleDate(rule, 2024)?.version.name).toContain('TH/NR-021'); // 1 April 2023
    expect(ruleDate(rule, 2024)?.version.article).toBe('art. 4');
    expect(ruleDate(rule, 2025)?.version.validFrom).toBe('2024-03-28'); // 1 April 2024
    expect(ruleDate(rule, 2022)).toBeNull(); // 1 April 2021: before the first period encoded
    const old = statutoryItems(legal, { id: 'vgz', name: 'VGZ' }, 2024, new Set(), new Map(), '2023-01-01', () => []);
    expect(old.find((item) => item.id.endsWith('publicatie-zorginkoopbeleid'))?.source.section).toBe('art. 4');
  });

  it("lets the calendar's own line for the same act stand: CZ and Z&Z show their publications once, her check beside them", () => {
    for (const [insurer, year] of [
      ['cz-groep', 2027],
      ['zorg-en-zekerheid', 2026],
    ] as const) {
      const provider: Provider = { kinds: ['verloskunde'], contracts: [{ insurer, year, status: 'existing' }] };
      const items = computeTimeline(provider, calendars, [], `${year - 1}-01-10`);
      expect(statutory(provider, `${year - 1}-01-10`).map((item) => item.id)).toEqual([
        `${insurer}/${year}/legal/controle-gecontracteerd`,
      ]);
      expect(items.filter((item) => item.due === `${year - 1}-04-01` && item.actor === 'insurer')).toHaveLength(1);
      expect(items.filter((item) => item.due === `${year - 1}-11-12` && item.actor === 'insurer')).toHaveLength(1);
    }
  });

  it('is never overdue: a past statutory date has passed, and no insurer-late notice comes of it', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 3 * 366 }), fc.constantFrom(2026, 2027, 2028), (offset, year) => {
        const day = addDays('2025-01-01', offset);
        const provider: Provider = {
          kinds: ['kraamzorg'],
          contracts: [
            { insurer: 'vgz', year, status: 'new' },
            { insurer: 'cz-groep', year: 2027, status: 'existing' },
          ],
        };
        const items = statutory(provider, day);
        for (const item of items) {
          expect(item.status).not.toBe('overdue');
          if (item.due! < day) expect(item.status).toBe('passed');
        }
        const digest = planDigest({ day, timeline: items, reminderDays: [14, 3], history: emptyHistory() });
        for (const notice of digest?.notices ?? []) {
          expect(notice.kinds).not.toContain('insurer-late');
          expect(notice.item.actor).toBe('provider');
        }
      }),
    );
  });

  it('reminds her of her own check on 12 November, not of the insurer publishing', () => {
    const items = statutory(vgz2027, '2026-10-29');
    const digest = planDigest({ day: '2026-10-29', timeline: items, reminderDays: [14, 3], history: emptyHistory() });
    expect(digest?.notices.map((notice) => [notice.item.id, notice.kinds])).toEqual([
      ['vgz/2027/legal/controle-gecontracteerd', ['reminder']],
    ]);
  });
});

function emptyHistory() {
  return { told: new Set<string>(), toldDue: new Map<string, string>() };
}

describe("the law's dates of a carried year whose round closed before the year began", () => {
  // CZ's 2028 round closes on 2 November 2027 (its 2027 closes, a year on); 12 November 2027 is still ahead.
  const cz2027: Provider = {
    kinds: ['verloskunde'],
    contracts: [{ insurer: 'cz-groep', year: 2027, status: 'existing' }],
  };
  const carried = (asOf: string) =>
    computeTimeline(cz2027, calendars, [], asOf, { carried: true }).filter((item) => item.calendar === 'cz-groep/2028');

  it('keeps her 12 November check and reminds her of it, with nothing expected of the closed round', () => {
    const items = carried('2027-11-05');
    const check = items.find((item) => item.id === 'cz-groep/2028/legal/controle-gecontracteerd');
    expect(check).toMatchObject({ due: '2027-11-12', status: 'due-soon', actor: 'provider' });
    expect(items.some((item) => item.expected)).toBe(false);
    expect(items.every((item) => item.type === 'statutory')).toBe(true);
    const digest = planDigest({
      day: '2027-10-29',
      timeline: carried('2027-10-29'),
      reminderDays: [14],
      history: emptyHistory(),
    });
    expect(digest?.notices.map((notice) => notice.item.id)).toContain('cz-groep/2028/legal/controle-gecontracteerd');
    const after = planDigest({
      day: '2027-11-09',
      timeline: carried('2027-11-09'),
      reminderDays: [3],
      history: emptyHistory(),
    });
    expect(after?.notices.map((notice) => notice.item.id)).toEqual(['cz-groep/2028/legal/controle-gecontracteerd']);
    // Shown with expected dates on too (what her timeline and feed show).
    const seen = computeTimeline(cz2027, calendars, [], '2027-11-05', { expected: true });
    expect(seen.some((item) => item.id === 'cz-groep/2028/legal/controle-gecontracteerd')).toBe(true);
  });

  it('carries the year no longer once it has begun', () => {
    expect(carried('2027-12-31').length).toBeGreaterThan(0);
    expect(carried('2028-01-01')).toEqual([]);
  });
});
