import { describe, expect, it } from 'vitest';
import { loadCalendarSet } from '../../src/calendar/load.js';
import { computeTimeline } from '../../src/domain/timeline.js';
import type { ContractStatus, Provider, ProviderKind, RecordedEvent, TimelineItem } from '../../src/domain/types.js';

/** "Only what she can act on is urgent; what is over is history": the audit of 2 December 2026, item by item. */
const calendars = loadCalendarSet();

function provider(insurer: string, year: number, kind: ProviderKind, status: ContractStatus): Provider {
  return { kinds: [kind], contracts: [{ insurer, year, status }] };
}

function timeline(p: Provider, events: RecordedEvent[], asOf: string): Map<string, TimelineItem> {
  return new Map(computeTimeline(p, calendars, events, asOf).map((item) => [item.id, item]));
}

const ZZ = 'zorg-en-zekerheid/2026';
const CZ = 'cz-groep/2027';

describe('chains and routes', () => {
  const newMidwife = provider('zorg-en-zekerheid', 2026, 'verloskunde', 'new');

  it('Z&Z 2025 route: a request after 11 November 2025 does not show the 11 November signing date', () => {
    const items = timeline(newMidwife, [{ item: `${ZZ}/aanvraag-2025/aanvraag`, date: '2025-12-01' }], '2025-12-02');
    expect(items.has(`${ZZ}/ondertekening`)).toBe(false);
    expect([...items.values()].filter((item) => item.status === 'overdue')).toEqual([]);
    // She signs within six weeks after receipt (counted from the request until she records receipt).
    expect(items.get(`${ZZ}/aanvraag-2025/ondertekening`)).toMatchObject({ due: '2026-01-12', capped: null });
  });

  it('Z&Z 2025 route: a request on 15 October 2025 has one signing deadline, the earlier (11 November)', () => {
    const items = timeline(newMidwife, [{ item: `${ZZ}/aanvraag-2025/aanvraag`, date: '2025-10-15' }], '2025-10-16');
    const signing = [...items.values()].filter(
      (item) => item.actor === 'provider' && /ondertekenen/i.test(item.title.nl),
    );
    expect(signing.map((item) => [item.id, item.due])).toEqual([[`${ZZ}/aanvraag-2025/ondertekening`, '2025-11-11']]);
    expect(signing[0].capped).toMatchObject({ item: `${ZZ}/ondertekening`, due: '2025-11-11' });
  });

  it('Z&Z 2025 route: before she applies, the 11 November signing date binds only after a request', () => {
    const items = timeline(newMidwife, [], '2025-11-20');
    expect(items.get(`${ZZ}/ondertekening`)).toMatchObject({
      status: 'passed',
      bindsWhen: { item: `${ZZ}/aanvraag-2025/aanvraag`, met: false },
    });
    // An existing provider is on no route: the date binds her.
    const existing = timeline(provider('zorg-en-zekerheid', 2026, 'verloskunde', 'existing'), [], '2025-11-20');
    expect(existing.get(`${ZZ}/ondertekening`)).toMatchObject({ status: 'overdue', bindsWhen: null });
  });

  it('CZ open instroom: a step counting from an unrecorded late insurer step waits, it is not overdue', () => {
    const p = provider('cz-groep', 2027, 'verloskunde', 'new');
    const items = timeline(p, [{ item: `${CZ}/open-instroom/aanmelding`, date: '2027-02-01' }], '2027-03-01');
    // CZ's answer was due 15 February and is not recorded.
    expect(items.get(`${CZ}/open-instroom/vragenlijst-invullen`)).toMatchObject({
      due: null,
      status: 'waiting',
      waitsFor: `${CZ}/open-instroom/reactie-vragenlijst`,
    });
    // Once CZ's answer is recorded, her step counts from it.
    const answered = timeline(
      p,
      [
        { item: `${CZ}/open-instroom/aanmelding`, date: '2027-02-01' },
        { item: `${CZ}/open-instroom/reactie-vragenlijst`, date: '2027-02-20' },
      ],
      '2027-03-01',
    );
    expect(answered.get(`${CZ}/open-instroom/vragenlijst-invullen`)).toMatchObject({
      due: '2027-03-06',
      status: 'due-soon',
    });
  });
});

describe('optional acts', () => {
  it('an objection she did not make has passed, it is not overdue, and nothing reminds her of it', () => {
    const items = timeline(provider('cz-groep', 2027, 'verloskunde', 'existing'), [], '2026-06-01');
    expect(items.get(`${CZ}/bezwaren-inkoopbeleid`)).toMatchObject({ status: 'passed', optional: true });
  });

  it('an optional request passes unused (CZ open instroom after 2027)', () => {
    const items = timeline(provider('cz-groep', 2027, 'kraamzorg', 'new'), [], '2028-01-05');
    expect(items.get(`${CZ}/open-instroom/aanmelding`)).toMatchObject({ status: 'passed', optional: true });
  });

  it('a binding deadline of hers is still overdue', () => {
    const items = timeline(provider('cz-groep', 2027, 'verloskunde', 'existing'), [], '2026-08-20');
    expect(items.get(`${CZ}/vragenlijst-verloskunde-indienen`)).toMatchObject({ status: 'overdue', optional: false });
  });
});

describe('conditional steps not started', () => {
  it('an extra purchasing round CZ may announce has no due date until it is recorded; its window is said in words', () => {
    const items = timeline(provider('cz-groep', 2027, 'verloskunde', 'existing'), [], '2026-12-02');
    const announcement = items.get(`${CZ}/aanvullende-zorginkoop/bekendmaking`);
    expect(announcement).toMatchObject({ due: null, window: null, status: 'not-started', flags: [] });
    expect(announcement?.derivation.nl).toContain('kan gebeuren van 1 april 2026 t/m 31 december 2027');
    expect(items.get(`${CZ}/toeslag-tweede-lijn/toekenning`)).toMatchObject({ due: null, status: 'not-started' });
  });

  it('once recorded, it is done and its steps count from it', () => {
    const items = timeline(
      provider('cz-groep', 2027, 'verloskunde', 'existing'),
      [{ item: `${CZ}/aanvullende-zorginkoop/bekendmaking`, date: '2027-03-01' }],
      '2027-03-02',
    );
    expect(items.get(`${CZ}/aanvullende-zorginkoop/bekendmaking`)).toMatchObject({ status: 'done', due: '2027-12-31' });
    expect(items.get(`${CZ}/aanvullende-zorginkoop/aanmelding`)).toMatchObject({ due: '2027-03-15' });
  });
});

describe('a round that closed is history', () => {
  const existing = provider('cz-groep', 2027, 'verloskunde', 'existing');

  it('before the round closes, her unrecorded binding item is overdue; a late insurer act is hers to check', () => {
    const items = timeline(existing, [], '2026-10-01');
    expect(items.get(`${CZ}/vragenlijst-verloskunde-indienen`)?.status).toBe('overdue');
    expect(items.get(`${CZ}/vragenlijst-verloskunde-ontvangen`)?.status).toBe('check');
  });

  it('from the close (2 November 2026 for CZ, 1 January 2026 for Z&Z) unrecorded items are not-recorded', () => {
    const items = [...timeline(existing, [], '2026-12-02').values()];
    expect(items.filter((item) => item.status === 'overdue')).toEqual([]);
    const closed = new Map(items.map((item) => [item.id, item.status]));
    expect(closed.get(`${CZ}/vragenlijst-verloskunde-indienen`)).toBe('not-recorded');
    expect(closed.get(`${CZ}/vragenlijst-verloskunde-ontvangen`)).toBe('not-recorded');
    expect(closed.get(`${CZ}/ondertekenen`)).toBe('not-recorded');
    const zz = [...timeline(provider('zorg-en-zekerheid', 2026, 'kraamzorg', 'existing'), [], '2026-12-02').values()];
    expect(zz.filter((item) => item.status === 'overdue' || item.status === 'check')).toEqual([]);
    expect(zz.find((item) => item.id === `${ZZ}/ondertekening`)?.status).toBe('not-recorded');
  });

  it('the signing day itself is still open', () => {
    expect(timeline(existing, [], '2026-11-01').get(`${CZ}/ondertekenen`)?.status).toBe('due-soon');
  });
});

describe('a later step implies the earlier ones', () => {
  it('recording that she signed makes the questionnaire, offer and reaction of that round done', () => {
    const signed = '2026-10-20';
    const items = timeline(
      provider('cz-groep', 2027, 'verloskunde', 'existing'),
      [{ item: `${CZ}/ondertekenen`, date: signed }],
      '2026-10-25',
    );
    for (const id of [
      'vragenlijst-verloskunde-ontvangen',
      'vragenlijst-verloskunde-indienen',
      'aanbod-reactie/aanbod',
      'aanbod-reactie/reactie',
    ]) {
      expect(items.get(`${CZ}/${id}`), id).toMatchObject({
        status: 'done',
        done: signed,
        impliedBy: `${CZ}/ondertekenen`,
      });
    }
    expect(items.get(`${CZ}/aanbod-reactie/reactie`)?.derivation.nl).toContain(
      'gedaan: volgt uit overeenkomst 2027 ondertekenen',
    );
    // What comes after signing is not implied.
    expect(items.get(`${CZ}/publicatie-zorgaanbod`)).toMatchObject({ done: null, impliedBy: null });
  });

  it('a chain step that concludes implies the earlier steps of its chain', () => {
    const items = timeline(
      provider('cz-groep', 2027, 'kraamzorg', 'new'),
      [
        { item: `${CZ}/open-instroom/aanmelding`, date: '2027-02-01' },
        { item: `${CZ}/open-instroom/ondertekenen`, date: '2027-03-20' },
      ],
      '2027-03-21',
    );
    for (const step of ['reactie-vragenlijst', 'vragenlijst-invullen', 'beoordeling-aanbod']) {
      expect(items.get(`${CZ}/open-instroom/${step}`)?.status, step).toBe('done');
    }
    expect(items.get(`${CZ}/open-instroom/publicatie`)?.done).toBeNull();
  });
});
