import { describe, expect, it } from 'vitest';
import { loadCalendarSet } from '../../src/calendar/load.js';
import { groupOf, roundClosesOf } from '../../src/domain/groups.js';
import { computeTimeline } from '../../src/domain/timeline.js';
import type { TimelineItem } from '../../src/domain/types.js';
import { itemView, timelineView } from '../../src/web/view-model.js';

const calendars = loadCalendarSet();
// Existing at CZ: the 30 September offer is promised to existing providers only (3.3.2–3.3.4).
const situation = {
  kinds: ['verloskunde' as const],
  contracts: [
    { insurer: 'cz-groep', year: 2027, status: 'existing' as const },
    { insurer: 'zorg-en-zekerheid', year: 2026, status: 'existing' as const },
  ],
};
const insurerName = (item: { insurer: string }) => (item.insurer === 'cz-groep' ? 'CZ' : 'Zorg en Zekerheid');
const groupsOn = (today: string) => (item: TimelineItem) =>
  groupOf(item, today, roundClosesOf(calendars, item.calendar));

describe('the timeline view model', () => {
  it('puts her nearest own action first, then what is coming, and folds passed and done items away', () => {
    const items = computeTimeline(
      situation,
      calendars,
      // Her questionnaire is in: an unrecorded one would be overdue, and her nearest action, until the round closes.
      [
        { item: 'cz-groep/2027/vragenlijst-verloskunde-indienen', date: '2026-08-10' },
        { item: 'cz-groep/2027/aanbod-reactie/aanbod', date: '2026-09-10' },
      ],
      '2026-09-15',
    );
    const view = timelineView(items, {
      language: 'nl',
      today: '2026-09-15',
      insurerName,
      groupOf: groupsOn('2026-09-15'),
      events: [],
    });
    expect(view.next?.heading).toBe('CZ: Reageren op aanbod');
    expect(view.next?.when).toBe('donderdag 8 oktober 2026');
    expect(view.next?.daysLeft).toBe('nog 23 dagen');
    expect(view.next?.who).toBe('U doet dit');
    // The domain's own derivation (issue 10) comes first: the recorded offer plus four weeks.
    expect(view.next?.derivation).toBe(
      items.find((item) => item.id === 'cz-groep/2027/aanbod-reactie/reactie')!.derivation.nl,
    );
    expect(view.next?.derivation).toMatch(/10 september 2026/);
    expect(view.coming.every((item) => item.done === null)).toBe(true);
    expect(view.passed.find((item) => item.id === 'cz-groep/2027/aanbod-reactie/aanbod')?.done?.text).toBe(
      'Gedaan op donderdag 10 september 2026',
    );
    // Zorg en Zekerheid's 2026 round passed before September 2026: folded, not on top.
    expect(view.passed.some((item) => item.heading.startsWith('Zorg en Zekerheid'))).toBe(true);
    expect(
      [view.next, ...view.now, ...view.coming].every(
        (item) => item!.daysLeft === null || !item!.daysLeft.includes('geleden'),
      ),
    ).toBe(true);
  });

  it('files items as every surface does: overdue is now, not history; the expected year has its own section', () => {
    const today = '2026-12-02';
    const items = computeTimeline(situation, calendars, [], '2026-11-20', { expected: true }).map((item) =>
      item.id === 'cz-groep/2027/ondertekenen' ? { ...item, status: 'overdue' as const } : item,
    );
    const view = timelineView(items, { language: 'nl', today, insurerName, groupOf: groupsOn(today), events: [] });
    expect(view.now.map((item) => item.id)).toContain('cz-groep/2027/ondertekenen');
    expect(view.passed.map((item) => item.id)).not.toContain('cz-groep/2027/ondertekenen');
    expect(view.expected.length).toBeGreaterThan(0);
    expect(view.expected.every((item) => item.id.startsWith('cz-groep/2028/'))).toBe(true);
    expect(
      [...view.now, ...view.coming, ...view.passed].some(
        (item) => item.id.startsWith('cz-groep/2028/') && !item.id.includes('/legal/'),
      ),
    ).toBe(false);
  });

  it("shows fields other parts of the service add to an item (derivation, advice) in the reader's language", () => {
    const [item] = computeTimeline(situation, calendars, [], '2026-09-15');
    const extended = {
      ...item,
      derivation: { nl: 'zo berekend', en: 'worked out so', reading: null },
      advice: { nl: 'bel CZ', en: 'call CZ' },
    };
    expect(itemView(extended, { language: 'en', today: '2026-09-15', insurerName })).toMatchObject({
      derivation: 'worked out so',
      advice: 'call CZ',
    });
    expect(itemView(extended, { language: 'nl', today: '2026-09-15', insurerName })).toMatchObject({
      derivation: 'zo berekend',
      advice: 'bel CZ',
    });
  });
});

describe('days counted to a window', () => {
  const [item] = computeTimeline(situation, calendars, [], '2026-09-15');
  const windowed = {
    ...item,
    type: 'deadline' as const,
    done: null,
    window: { from: '2026-10-15', to: '2026-11-14' },
    due: '2026-11-14',
  };
  it('says a window opens in N days before it opens, and is open for N more days once it has', () => {
    expect(itemView(windowed, { language: 'nl', today: '2026-09-15', insurerName }).daysLeft).toBe(
      'opent over 30 dagen',
    );
    expect(itemView(windowed, { language: 'en', today: '2026-09-15', insurerName }).daysLeft).toBe('opens in 30 days');
    expect(itemView(windowed, { language: 'nl', today: '2026-10-15', insurerName }).daysLeft).toBe('nog 30 dagen open');
    expect(itemView(windowed, { language: 'en', today: '2026-10-15', insurerName }).daysLeft).toBe(
      'open for 30 more days',
    );
  });
  it('keeps "nog N dagen" for a plain deadline', () => {
    const plain = { ...windowed, window: null, due: '2026-10-15' };
    expect(itemView(plain, { language: 'nl', today: '2026-09-15', insurerName }).daysLeft).toBe('nog 30 dagen');
  });
});
