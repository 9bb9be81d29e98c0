import { describe, expect, it } from 'vitest';
import { loadCalendarSet } from '../../src/calendar/load.js';
import type { Provider } from '../../src/domain/types.js';
import { DayTimelines } from '../../src/reminders/day-timelines.js';
import { noticeKey, planDigest, type Digest } from '../../src/reminders/plan.js';
import { renderDigest } from '../../src/reminders/render.js';
import { calendarsWithCz2028 } from '../domain/cz-2028-published.js';

/**
 * The day after CZ's 2028 policy lands, her next digest says which dates the document moved from the ones she saw
 * expected (once per date), through the same timelines the reminder run computes.
 */
const practice: Provider = {
  kinds: ['verloskunde'],
  contracts: [{ insurer: 'cz-groep', year: 2027, status: 'existing' }],
};
const day = '2026-12-04';
const digestOn = (calendars: ReturnType<typeof loadCalendarSet>, provider: Provider, told = new Set<string>()) =>
  planDigest({
    day,
    timeline: new DayTimelines(calendars, day).of(provider, []).items,
    reminderDays: [14, 7, 1],
    history: { told, toldDue: new Map() },
  });
const context = (language: 'nl' | 'en') => ({
  language,
  providerName: 'Verloskundigen Noord',
  contactName: 'Anna',
  insurerName: () => 'CZ',
  timelineUrl: 'https://deadlines.example.nl/t',
  feedUrl: 'https://deadlines.example.nl/f.ics',
  unsubscribeUrl: 'https://deadlines.example.nl/u',
});

describe('a digest after a policy that was expected is published', () => {
  it('tells what moved, once, and nothing while the year was only expected', () => {
    expect(digestOn(loadCalendarSet(), practice)).toBeNull();
    const digest = digestOn(calendarsWithCz2028(), practice) as Digest;
    expect(digest.notices.map((notice) => [notice.item.id, notice.kinds])).toEqual([
      ['cz-groep/2028/ondertekenen', ['published']],
    ]);
    const nl = renderDigest(digest, context('nl'));
    expect(nl.subject).toBe(
      'Gepubliceerd: Overeenkomst 2028 ondertekenen (CZ) is zaterdag 30 oktober 2027, niet de verwachte datum',
    );
    expect(nl.text).toContain(
      'CZ heeft het beleid 2028 gepubliceerd: deze datum werd verwacht op maandag 1 november 2027 (op basis van het beleid 2027).',
    );
    const en = renderDigest(digest, context('en'));
    expect(en.text).toContain('CZ has published its 2028 policy: this date was expected on Monday 1 November 2027');

    const [notice] = digest.notices;
    const told = new Set([noticeKey(notice!.item.id, notice!.keys[0]!, notice!.item.due)]);
    expect(digestOn(calendarsWithCz2028(), practice, told)).toBeNull();
  });

  it('says nothing to a practice that switched expected dates off (she never saw them)', () => {
    expect(digestOn(calendarsWithCz2028(), { ...practice, showExpected: false })).toBeNull();
  });
});
