import { describe, expect, it } from 'vitest';
import { computeTimeline } from '../../src/domain/timeline.js';
import { sampleCalendars, sampleProvider } from './sample.js';

const byId = (items: ReturnType<typeof computeTimeline>) =>
  new Map(items.map((item) => [item.id.replace('voorbeeld/2027/', ''), item]));

describe('computeTimeline', () => {
  it('lists the lines that apply to the kind and status, sorted by due date', () => {
    const items = computeTimeline(sampleProvider(), sampleCalendars, [], '2026-01-10');
    expect(items.map((item) => item.id.replace('voorbeeld/2027/', ''))).toEqual([
      'bezwaar',
      'aanvraag',
      'aanbod',
      'reageren',
      'ondertekenen',
      'instroom/aanmelding', // a window sorts by its last day
      'instroom/reactie', // no date until the provider records her application: right after it, in chain order
      'instroom/ingangsdatum',
      'instroom/tekenen',
      'looptijd-einde-2028', // the end of the agreement, from the calendar's terms
      'toeslag/toekenning', // a conditional chain: only its trigger until that is recorded
    ]);
    const existing = computeTimeline(sampleProvider({ status: 'existing' }), sampleCalendars, [], '2026-01-10');
    expect(existing.map((item) => item.id)).not.toContain('voorbeeld/2027/aanvraag');
    expect(existing.some((item) => item.chain?.id === 'instroom')).toBe(false);
  });

  it('computes each rule of the wording table', () => {
    const items = byId(computeTimeline(sampleProvider(), sampleCalendars, [], '2026-01-10'));
    expect(items.get('bezwaar')?.due).toBe('2026-05-15');
    expect(items.get('aanvraag')?.due).toBe('2026-08-31');
    expect(items.get('aanbod')).toMatchObject({ due: '2026-10-15', time: '17:00' });
    // 10 Dutch working days after Thursday 15 October 2026.
    expect(items.get('reageren')?.due).toBe('2026-10-29');
    expect(items.get('instroom/aanmelding')).toMatchObject({
      due: '2027-12-31',
      window: { from: '2027-01-01', to: '2027-12-31' },
    });
    const kraam = byId(
      computeTimeline(sampleProvider({ status: 'existing' }, ['kraamzorg']), sampleCalendars, [], '2026-01-10'),
    );
    expect(kraam.get('vragenlijst-loondienst')).toMatchObject({
      due: '2026-06-30',
      window: { from: '2026-05-01', to: '2026-06-30' },
    });
    expect(kraam.get('vragenlijst-niet-loondienst')?.due).toBe('2026-09-30');
    const igo = byId(
      computeTimeline(sampleProvider({}, ['integrale-geboortezorg']), sampleCalendars, [], '2026-01-10'),
    );
    expect(igo.get('agb-igo')?.due).toBe('2028-12-31');
  });

  it('gives the later steps of a chain the provider starts herself no date until she records the start, whatever the day', () => {
    for (const asOf of ['2026-01-10', '2027-03-10', '2027-03-11']) {
      const items = byId(computeTimeline(sampleProvider(), sampleCalendars, [], asOf));
      expect(items.get('instroom/aanmelding')).toMatchObject({ projected: false, done: null });
      expect(items.get('instroom/reactie')).toMatchObject({
        due: null,
        status: 'waiting',
        waitsFor: 'voorbeeld/2027/instroom/aanmelding',
        projected: true,
      });
      expect(items.get('instroom/reactie')?.derivation.nl).toBe(
        '2 weken na aanmelden (nog niet vastgelegd, dus nog geen datum)',
      );
      expect(items.get('instroom/ingangsdatum')).toMatchObject({ due: null, status: 'waiting' });
      expect(items.get('instroom/tekenen')).toMatchObject({
        due: null,
        status: 'waiting',
        waitsFor: 'voorbeeld/2027/instroom/aanmelding',
      });
    }
  });

  it("shows a conditional chain's steps only once its trigger is recorded", () => {
    const waiting = byId(computeTimeline(sampleProvider(), sampleCalendars, [], '2026-01-10'));
    expect(waiting.get('toeslag/toekenning')).toMatchObject({ projected: false, done: null });
    expect(waiting.has('toeslag/herhaling')).toBe(false);
    const granted = byId(
      computeTimeline(
        sampleProvider(),
        sampleCalendars,
        [{ item: 'voorbeeld/2027/toeslag/toekenning', date: '2026-01-05' }],
        '2026-01-10',
      ),
    );
    expect(granted.get('toeslag/herhaling')).toMatchObject({ due: '2029-01-05', projected: false });
  });

  it('recomputes the chain from recorded events, the latest record of an item winning', () => {
    const events = [
      { item: 'voorbeeld/2027/instroom/aanmelding', date: '2027-01-31' },
      { item: 'voorbeeld/2027/instroom/aanmelding', date: '2027-02-03' },
    ];
    const items = byId(computeTimeline(sampleProvider(), sampleCalendars, events, '2027-02-05'));
    expect(items.get('instroom/aanmelding')).toMatchObject({ status: 'done', done: '2027-02-03' });
    expect(items.get('instroom/reactie')).toMatchObject({ due: '2027-02-17', projected: false, status: 'due-soon' });
    // A passed informational date with nothing recorded has passed; it is not done.
    expect(items.get('instroom/ingangsdatum')).toMatchObject({ due: '2027-02-01', status: 'passed', done: null });
    // Reply not recorded yet: signing rests on the computed reply date.
    expect(items.get('instroom/tekenen')).toMatchObject({ due: '2027-03-17', projected: true });
    const replied = byId(
      computeTimeline(
        sampleProvider(),
        sampleCalendars,
        [...events, { item: 'voorbeeld/2027/instroom/reactie', date: '2027-02-10' }],
        '2027-02-12',
      ),
    );
    expect(replied.get('instroom/tekenen')).toMatchObject({ due: '2027-03-10', projected: false });
  });

  it('derives status from asOf: overdue, due-soon within 14 days, upcoming, done', () => {
    const items = byId(
      computeTimeline(
        sampleProvider(),
        sampleCalendars,
        [{ item: 'voorbeeld/2027/bezwaar', date: '2026-05-01' }],
        '2026-08-17',
      ),
    );
    expect(items.get('bezwaar')?.status).toBe('done');
    expect(items.get('aanvraag')?.status).toBe('due-soon'); // 31 Aug is 14 days after 17 Aug
    expect(byId(computeTimeline(sampleProvider(), sampleCalendars, [], '2026-08-16')).get('aanvraag')?.status).toBe(
      'upcoming',
    );
    expect(byId(computeTimeline(sampleProvider(), sampleCalendars, [], '2026-09-01')).get('aanvraag')?.status).toBe(
      'overdue',
    );
    expect(byId(computeTimeline(sampleProvider(), sampleCalendars, [], '2026-08-31')).get('aanvraag')?.status).toBe(
      'due-soon',
    );
  });

  it('flags weekends and holidays with the last working day before, never moving the date', () => {
    const items = byId(computeTimeline(sampleProvider(), sampleCalendars, [], '2026-01-10'));
    expect(items.get('ondertekenen')).toMatchObject({
      due: '2026-11-01',
      flags: [{ code: 'weekend', day: 'zondag', lastWorkingDay: '2026-10-30' }],
    });
    // 15 May 2026 is a decree day (Friday after Ascension, itself a holiday on the 14th).
    expect(items.get('bezwaar')).toMatchObject({
      due: '2026-05-15',
      flags: [{ code: 'holiday', name: 'Vrije dag bij besluit', lastWorkingDay: '2026-05-13' }],
    });
    expect(items.get('aanvraag')?.flags).toEqual([]);
  });

  it('skips the signing round while a multi-year agreement still runs', () => {
    const running = computeTimeline(
      sampleProvider({ status: 'existing', runsUntil: 2027 }),
      sampleCalendars,
      [],
      '2026-01-10',
    );
    expect(running.map((item) => item.id)).not.toContain('voorbeeld/2027/ondertekenen');
    const ending = computeTimeline(
      sampleProvider({ status: 'existing', runsUntil: 2026 }),
      sampleCalendars,
      [],
      '2026-01-10',
    );
    expect(ending.map((item) => item.id)).toContain('voorbeeld/2027/ondertekenen');
  });

  it('selects lines on contract attributes, and shows all of them while an attribute is unknown', () => {
    const ids = (attributes?: Record<string, string>) =>
      computeTimeline(
        sampleProvider({ status: 'existing', attributes }, ['kraamzorg']),
        sampleCalendars,
        [],
        '2026-01-10',
      )
        .map((item) => item.id)
        .filter((id) => id.includes('vragenlijst'));
    expect(ids({ organisatievorm: 'loondienst' })).toEqual(['voorbeeld/2027/vragenlijst-loondienst']);
    expect(ids({ organisatievorm: 'niet-loondienst' })).toEqual(['voorbeeld/2027/vragenlijst-niet-loondienst']);
    expect(ids()).toHaveLength(2);
  });

  it('places a recurring renewal at the next occurrence on or after today', () => {
    const events = [{ item: 'voorbeeld/2027/toeslag/toekenning', date: '2021-03-01' }];
    expect(
      byId(computeTimeline(sampleProvider(), sampleCalendars, events, '2026-01-10')).get('toeslag/herhaling')?.due,
    ).toBe('2027-03-01');
    expect(
      byId(computeTimeline(sampleProvider(), sampleCalendars, events, '2024-03-01')).get('toeslag/herhaling')?.due,
    ).toBe('2024-03-01');
  });

  it('gives the same ids and dates on every call, and ignores contracts without a calendar', () => {
    const provider = sampleProvider();
    provider.contracts.push({ insurer: 'onbekend', year: 2027, status: 'new' });
    const first = computeTimeline(provider, sampleCalendars, [], '2026-06-01');
    const second = computeTimeline(provider, sampleCalendars, [], '2026-06-01');
    expect(second).toEqual(first);
    expect(new Set(first.map((item) => item.id)).size).toBe(first.length);
    expect(first.every((item) => item.calendar === 'voorbeeld/2027')).toBe(true);
  });
});
