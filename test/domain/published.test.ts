import { describe, expect, it } from 'vitest';
import { loadCalendarSet } from '../../src/calendar/load.js';
import { computeTimeline } from '../../src/domain/timeline.js';
import type { Provider } from '../../src/domain/types.js';
import { calendarsWithCz2028 } from './cz-2028-published.js';

/**
 * A year encoded after it was shown as expected: what the document moved or added says so, in the item and its
 * derivation, while the round is open; nothing else changes.
 */
const real = loadCalendarSet();

const withCz2028 = calendarsWithCz2028();
const practice: Provider = {
  kinds: ['verloskunde'],
  contracts: [{ insurer: 'cz-groep', year: 2027, status: 'existing' }],
};
const ofCz2028 = (provider: Provider, asOf: string, options = { expected: true }) =>
  computeTimeline(provider, withCz2028, [], asOf, options).filter((item) => item.calendar === 'cz-groep/2028');

describe('a year published since it was expected', () => {
  it('says where the document moved a date from the expected one, and the rest carry nothing new', () => {
    const items = ofCz2028(practice, '2026-12-04');
    expect(items.length).toBeGreaterThan(5);
    expect(items.some((item) => item.expected)).toBe(false);
    const signing = items.find((item) => item.id === 'cz-groep/2028/ondertekenen')!;
    expect(signing.due).toBe('2027-10-30');
    expect(signing.published).toEqual({ expected: '2027-11-01', basis: 2027 });
    expect(signing.derivation.nl).toContain('gepubliceerd in het beleid 2028: eerder verwacht op 1 november 2027');
    expect(signing.derivation.en).toContain('published in the 2028 policy: expected on 1 November 2027 before');
    const unmoved = items.find((item) => item.id === 'cz-groep/2028/vragenlijst-verloskunde-indienen')!;
    expect(unmoved.due).toBe('2027-08-15');
    expect(unmoved.published).toBeUndefined();
    // Only the moved and the new line carry it.
    expect(
      items
        .filter((item) => item.published)
        .map((item) => item.id)
        .sort(),
    ).toEqual([
      'cz-groep/2028/evaluatie-inkoopronde',
      'cz-groep/2028/ondertekenen',
      'cz-groep/2028/webinar-inkoopbeleid',
    ]);
  });

  it('says a line was not expected', () => {
    const webinar = ofCz2028(practice, '2026-12-04').find((item) => item.id === 'cz-groep/2028/webinar-inkoopbeleid')!;
    expect(webinar.published).toEqual({ expected: null, basis: 2027 });
    expect(webinar.derivation.nl).toContain('nieuw in het beleid 2028, niet verwacht op basis van het beleid 2027');
  });

  it('says nothing once the date has passed, once the round has closed, or to a provider who switched expected dates off', () => {
    const moved = (items: ReturnType<typeof ofCz2028>) => items.filter((item) => item.published).map((item) => item.id);
    expect(moved(ofCz2028(practice, '2027-05-21'))).toEqual([
      'cz-groep/2028/ondertekenen',
      'cz-groep/2028/evaluatie-inkoopronde',
    ]);
    expect(moved(ofCz2028(practice, '2027-11-01'))).toEqual(['cz-groep/2028/evaluatie-inkoopronde']);
    // The round closes on 2 November 2027 (CZ's closes, a year on): a date after it is the year's, nothing "new".
    // (Her 2027 contract no longer carries into a closed round: she holds 2028 by then.)
    const holds2028 = { ...practice, contracts: [{ insurer: 'cz-groep', year: 2028, status: 'existing' as const }] };
    expect(moved(ofCz2028(holds2028, '2027-11-01'))).toEqual(['cz-groep/2028/evaluatie-inkoopronde']);
    const closed = ofCz2028(holds2028, '2027-11-02');
    expect(closed.find((item) => item.id === 'cz-groep/2028/evaluatie-inkoopronde')?.due).toBe('2027-12-15');
    expect(moved(closed)).toEqual([]);
    expect(moved(ofCz2028({ ...practice, showExpected: false }, '2026-12-04'))).toEqual([]);
  });

  it('is what a provider sees, not what recording and diffs compute', () => {
    const registered = { ...practice, contracts: [{ insurer: 'cz-groep', year: 2028, status: 'existing' as const }] };
    expect(ofCz2028(registered, '2026-12-04', {} as { expected: boolean }).some((item) => item.published)).toBe(false);
    expect(ofCz2028(registered, '2026-12-04').some((item) => item.published)).toBe(true);
  });

  it('a year whose year before is not encoded has none (the real calendars today)', () => {
    const items = computeTimeline(practice, real, [], '2026-12-04', { expected: true });
    expect(items.some((item) => item.published)).toBe(false);
  });
});
