import { describe, expect, it } from 'vitest';
import { loadCalendarSet } from '../../src/calendar/load.js';
import { computeTimeline } from '../../src/domain/timeline.js';
import type { Contract, ProviderKind, RecordedEvent } from '../../src/domain/types.js';

/**
 * Dates read off the two documents by hand, checked through the engine: the fixtures guard every
 * line, these say in plain words what a provider must see.
 */
const calendars = loadCalendarSet();

function timeline(kind: ProviderKind, contract: Contract, asOf: string, events: RecordedEvent[] = []) {
  return new Map(
    computeTimeline({ kinds: [kind], contracts: [contract] }, calendars, events, asOf).map((item) => [item.id, item]),
  );
}

describe('CZ groep 2027 (Zorginkoopbeleid Geboortezorg 2027)', () => {
  const cz = (status: 'existing' | 'new', extra: Partial<Contract> = {}): Contract => ({
    insurer: 'cz-groep',
    year: 2027,
    status,
    ...extra,
  });

  it('4.1: sign by Sunday 1 November 2026, flagged with Friday 30 October, not moved', () => {
    expect(timeline('kraamzorg', cz('existing'), '2026-10-20').get('cz-groep/2027/ondertekenen')).toMatchObject({
      due: '2026-11-01',
      status: 'due-soon',
      flags: [{ code: 'weekend', day: 'zondag', lastWorkingDay: '2026-10-30' }],
    });
  });

  it('objections by 15 May 2026, a decree day after Ascension: act by Wednesday 13 May', () => {
    expect(
      timeline('verloskunde', cz('existing'), '2026-04-01').get('cz-groep/2027/bezwaren-inkoopbeleid'),
    ).toMatchObject({
      due: '2026-05-15',
      flags: [{ code: 'holiday', lastWorkingDay: '2026-05-13' }],
    });
  });

  it('4.1: the kraamzorg questionnaire by 31 July, verloskunde by 15 August, publication by 12 November 2026', () => {
    expect(
      timeline('kraamzorg', cz('existing'), '2026-01-01').get('cz-groep/2027/vragenlijst-kraamzorg-indienen')?.due,
    ).toBe('2026-07-31');
    const verloskunde = timeline('verloskunde', cz('existing'), '2026-01-01');
    expect(verloskunde.get('cz-groep/2027/vragenlijst-verloskunde-indienen')?.due).toBe('2026-08-15');
    expect(verloskunde.get('cz-groep/2027/publicatie-zorgaanbod')).toMatchObject({
      due: '2026-11-12',
      actor: 'insurer',
    });
    expect(verloskunde.has('cz-groep/2027/vragenlijst-kraamzorg-indienen')).toBe(false);
  });

  it('4.1: "vóór 1 september 2026" is 31 August for a new geboortecentrum', () => {
    expect(
      timeline('geboortecentrum', cz('new'), '2026-01-01').get('cz-groep/2027/aanvraag-geboortecentrum')?.due,
    ).toBe('2026-08-31');
  });

  it('4.1: four weeks to answer the offer, counted from the day it was received', () => {
    // Until the offer is recorded, projected from its latest date (uiterlijk 30 september): the same every day.
    for (const asOf of ['2026-03-01', '2026-09-10', '2026-10-01']) {
      const projected = timeline('kraamzorg', cz('existing'), asOf);
      expect(projected.get('cz-groep/2027/aanbod-reactie/reactie')).toMatchObject({
        due: '2026-10-28',
        projected: true,
      });
      expect(projected.get('cz-groep/2027/aanbod-reactie/reactie')?.derivation.nl).toBe(
        'aanbod overeenkomst 2027 ontvangen uiterlijk 30 september 2026 + 4 weken = 28 oktober 2026',
      );
    }
    const received = timeline('kraamzorg', cz('existing'), '2026-09-28', [
      { item: 'cz-groep/2027/aanbod-reactie/aanbod', date: '2026-09-25' },
    ]);
    expect(received.get('cz-groep/2027/aanbod-reactie/reactie')).toMatchObject({ due: '2026-10-23', projected: false });
  });

  it('3.5: open admission runs 2, 2, 2, 4 and 2 weeks from the recorded contact form', () => {
    const items = timeline('verloskunde', cz('new'), '2027-03-12', [
      { item: 'cz-groep/2027/open-instroom/aanmelding', date: '2027-03-10' },
    ]);
    const chain = [...items.values()]
      .filter((item) => item.chain?.id === 'open-instroom')
      .map((item) => [item.chain!.step, item.due, item.projected]);
    expect(chain).toEqual([
      [2, '2027-03-24', false],
      [3, '2027-04-07', true],
      [4, '2027-04-21', true],
      [5, '2027-05-19', true],
      [6, '2027-06-02', true],
      [1, '2027-12-31', false],
    ]);
    expect(items.get('cz-groep/2027/open-instroom/aanmelding')).toMatchObject({ status: 'done', done: '2027-03-10' });
    expect(timeline('verloskunde', cz('existing'), '2027-03-12').has('cz-groep/2027/open-instroom/aanmelding')).toBe(
      false,
    );
  });

  it('3.6: additional purchasing shows no steps until CZ announces it', () => {
    const waiting = timeline('kraamzorg', cz('existing'), '2026-11-23');
    expect(waiting.has('cz-groep/2027/aanvullende-zorginkoop/bekendmaking')).toBe(true);
    expect([...waiting.values()].filter((item) => item.chain?.id === 'aanvullende-zorginkoop')).toHaveLength(1);
    const announced = timeline('kraamzorg', cz('existing'), '2026-11-23', [
      { item: 'cz-groep/2027/aanvullende-zorginkoop/bekendmaking', date: '2026-11-20' },
    ]);
    expect(announced.get('cz-groep/2027/aanvullende-zorginkoop/aanmelding')).toMatchObject({
      due: '2026-12-04',
      projected: false,
    });
  });

  it('a provider whose agreement runs through 2027 gets no signing round', () => {
    const items = timeline('integrale-geboortezorg', cz('existing', { runsUntil: 2028 }), '2026-01-01');
    expect(items.has('cz-groep/2027/ondertekenen')).toBe(false);
    expect(items.has('cz-groep/2027/publicatie-zorgaanbod')).toBe(true);
  });
});

describe('Zorg en Zekerheid 2026 (Zorginkoopbeleid geboortezorg 2026)', () => {
  const zz = (status: 'existing' | 'new', attributes?: Contract['attributes']): Contract => ({
    insurer: 'zorg-en-zekerheid',
    year: 2026,
    status,
    attributes,
  });

  it('6.2: sign by 11 November 2025, published 12 November 2025', () => {
    const items = timeline('verloskunde', zz('existing'), '2025-11-01');
    expect(items.get('zorg-en-zekerheid/2026/ondertekening')).toMatchObject({
      due: '2025-11-11',
      status: 'due-soon',
      actor: 'provider',
      flags: [],
    });
    expect(items.get('zorg-en-zekerheid/2026/publicatie-gecontracteerd-aanbod')).toMatchObject({
      due: '2025-11-12',
      actor: 'insurer',
    });
  });

  it('6.2: "mei en juni 2025" is a window for individual kraamzorg agreements only', () => {
    expect(
      timeline('kraamzorg', zz('existing', { overeenkomst: 'individueel' }), '2025-01-01').get(
        'zorg-en-zekerheid/2026/uitnodiging-gesprek-individueel',
      ),
    ).toMatchObject({
      window: { from: '2025-05-01', to: '2025-06-30' },
      due: '2025-06-30',
    });
    expect(
      timeline('kraamzorg', zz('existing', { overeenkomst: 'a' }), '2025-01-01').has(
        'zorg-en-zekerheid/2026/uitnodiging-gesprek-individueel',
      ),
    ).toBe(false);
  });

  it('5.3: a request in 2026 starts the agreement on the first of that month; sign within six weeks of receipt', () => {
    const items = timeline('echoscopie', zz('new'), '2026-03-25', [
      { item: 'zorg-en-zekerheid/2026/aanvraag-2026/aanvraag', date: '2026-03-17' },
      { item: 'zorg-en-zekerheid/2026/aanvraag-2026/ontvangst', date: '2026-03-20' },
    ]);
    expect(items.get('zorg-en-zekerheid/2026/aanvraag-2026/ingangsdatum')?.due).toBe('2026-03-01');
    expect(items.get('zorg-en-zekerheid/2026/aanvraag-2026/ondertekening')).toMatchObject({
      due: '2026-05-01',
      projected: false,
    });
  });

  it('bijlage 2: a new zorggroep applies before 1 September 2025', () => {
    expect(
      timeline('samenwerkingsverband', zz('new'), '2025-01-01').get('zorg-en-zekerheid/2026/zorggroep-aanvraag')?.due,
    ).toBe('2025-08-31');
  });
});

describe('every date true for the provider who sees it (issue 10)', () => {
  const cz = (status: 'existing' | 'new', extra: Partial<Contract> = {}): Contract => ({
    insurer: 'cz-groep',
    year: 2027,
    status,
    ...extra,
  });
  const zz = (status: 'existing' | 'new'): Contract => ({ insurer: 'zorg-en-zekerheid', year: 2026, status });
  const ids = (items: Map<string, unknown>, prefix: string) => [...items.keys()].filter((id) => id.startsWith(prefix));

  it('Z&Z 5.3: a 2026 requester is not shown the 2025 route or the 11 November 2025 signing row', () => {
    const items = timeline('verloskunde', zz('new'), '2026-03-01');
    expect(ids(items, 'zorg-en-zekerheid/2026/aanvraag-2025/')).toEqual([]);
    expect(items.has('zorg-en-zekerheid/2026/ondertekening')).toBe(false);
    expect(items.get('zorg-en-zekerheid/2026/aanvraag-2026/aanvraag')).toMatchObject({ due: '2026-12-31' });
    const recorded = timeline('verloskunde', zz('new'), '2026-03-20', [
      { item: 'zorg-en-zekerheid/2026/aanvraag-2026/aanvraag', date: '2026-03-17' },
    ]);
    // Receipt not recorded: counted from the request, so still projected.
    expect(recorded.get('zorg-en-zekerheid/2026/aanvraag-2026/ondertekening')).toMatchObject({
      due: '2026-04-28',
      projected: true,
    });
    expect(recorded.get('zorg-en-zekerheid/2026/aanvraag-2026/ontvangst')?.derivation.nl).toBe(
      "aanvraag zorgovereenkomst indienen ('Verzoek zorgovereenkomst geboortezorg') 17 maart 2026 (vastgelegd) + 0 dagen = 17 maart 2026",
    );
    // The existing provider keeps the 6.2 signing row.
    expect(timeline('verloskunde', zz('existing'), '2025-10-01').has('zorg-en-zekerheid/2026/ondertekening')).toBe(
      true,
    );
  });

  it('Z&Z 5.3: in 2025 both routes are open; recording the 2025 request closes the 2026 route', () => {
    const open = timeline('kraamzorg', zz('new'), '2025-06-01');
    expect(open.has('zorg-en-zekerheid/2026/aanvraag-2025/aanvraag')).toBe(true);
    expect(open.has('zorg-en-zekerheid/2026/aanvraag-2026/aanvraag')).toBe(true);
    expect(open.has('zorg-en-zekerheid/2026/ondertekening')).toBe(true);
    const taken = timeline('kraamzorg', zz('new'), '2025-06-01', [
      { item: 'zorg-en-zekerheid/2026/aanvraag-2025/aanvraag', date: '2025-05-20' },
    ]);
    expect(ids(taken, 'zorg-en-zekerheid/2026/aanvraag-2026/')).toEqual([]);
    expect(taken.get('zorg-en-zekerheid/2026/aanvraag-2025/ondertekening')).toMatchObject({
      due: '2025-07-01',
      projected: true,
    });
    // Recording the 2026 request instead takes that route: the 2025 lines and the 2025 signing row leave.
    const other = timeline('kraamzorg', zz('new'), '2026-01-20', [
      { item: 'zorg-en-zekerheid/2026/aanvraag-2026/aanvraag', date: '2026-01-10' },
    ]);
    expect(ids(other, 'zorg-en-zekerheid/2026/aanvraag-2025/')).toEqual([]);
    expect(other.has('zorg-en-zekerheid/2026/ondertekening')).toBe(false);
  });

  it("Z&Z bijlage 2: a zorggroep's request is capped by 31 August 2025, and binds existing zorggroepen too", () => {
    const items = timeline('samenwerkingsverband', zz('new'), '2025-05-01');
    expect(items.get('zorg-en-zekerheid/2026/aanvraag-2025/aanvraag')).toMatchObject({
      due: '2025-08-31',
      window: { from: '2025-01-01', to: '2025-08-31' },
      capped: { item: 'zorg-en-zekerheid/2026/zorggroep-aanvraag', due: '2025-08-31' },
    });
    expect(items.get('zorg-en-zekerheid/2026/aanvraag-2025/aanvraag')?.derivation.nl).toContain(
      'niet later dan 31 augustus 2025 (aanvraag zorggroep vóór 1 september 2025, bijlage 2)',
    );
    expect(
      timeline('samenwerkingsverband', zz('existing'), '2025-05-01').get('zorg-en-zekerheid/2026/zorggroep-aanvraag')
        ?.due,
    ).toBe('2025-08-31');
    // Other new providers keep the whole of 2025.
    expect(
      timeline('verloskunde', zz('new'), '2025-05-01').get('zorg-en-zekerheid/2026/aanvraag-2025/aanvraag'),
    ).toMatchObject({ due: '2025-12-31', capped: null });
  });

  it('CZ 4.1: an answer to an offer never runs past the end of the round, and says so', () => {
    const items = timeline('verloskunde', cz('existing'), '2026-10-12', [
      { item: 'cz-groep/2027/aanbod-reactie/aanbod', date: '2026-10-10' },
    ]);
    const reactie = items.get('cz-groep/2027/aanbod-reactie/reactie')!;
    expect(reactie).toMatchObject({
      due: '2026-11-01',
      capped: { item: 'cz-groep/2027/ondertekenen', due: '2026-11-01', reason: { nl: 'einde ronde' } },
    });
    expect(reactie.derivation.nl).toBe(
      'aanbod overeenkomst 2027 ontvangen 10 oktober 2026 (vastgelegd) + 4 weken = 7 november 2026; niet later dan 1 november 2026 (einde ronde); valt op zondag: regel het uiterlijk vrijdag 30 oktober',
    );
  });

  it('CZ: new providers are not promised the 30 September offer; new samenwerkingsverbanden apply by e-mail, not by questionnaire', () => {
    expect(ids(timeline('verloskunde', cz('new'), '2026-04-01'), 'cz-groep/2027/aanbod-reactie/')).toEqual([]);
    const newGroup = timeline('samenwerkingsverband', cz('new'), '2026-04-01');
    expect(newGroup.has('cz-groep/2027/vragenlijst-verloskunde-indienen')).toBe(false);
    expect(newGroup.has('cz-groep/2027/aanvraag-samenwerkingsverband')).toBe(true);
    expect(
      timeline('samenwerkingsverband', cz('existing'), '2026-04-01').has(
        'cz-groep/2027/vragenlijst-verloskunde-indienen',
      ),
    ).toBe(true);
  });

  it('CZ 3.5: with nothing recorded the open-instroom steps have no date, every day of 2027', () => {
    for (const asOf of ['2027-01-01', '2027-06-15', '2027-12-31']) {
      const steps = [...timeline('kraamzorg', cz('new'), asOf).values()].filter(
        (item) => item.chain?.id === 'open-instroom' && item.chain.step > 1,
      );
      expect(steps).toHaveLength(5);
      for (const step of steps)
        expect(step).toMatchObject({
          due: null,
          status: 'waiting',
          waitsFor: 'cz-groep/2027/open-instroom/aanmelding',
        });
    }
  });

  it('CZ 3.3.1: the IGO quotation date is advice, never overdue', () => {
    const igo = timeline('integrale-geboortezorg', cz('existing'), '2026-09-25').get(
      'cz-groep/2027/igo-offerte/offerte-indienen',
    )!;
    expect(igo).toMatchObject({ type: 'advice', due: '2026-09-20', status: 'passed' });
    expect(igo.derivation.nl).toMatch(/^advies, geen datum van de verzekeraar: /);
    expect(igo.derivation.reading?.nl).toMatch(/ons advies/);
  });

  it('CZ 4.1: the strategic policy binds only once CZ asks for it', () => {
    const unasked = timeline('verloskunde', cz('existing'), '2026-06-10').get(
      'cz-groep/2027/strategisch-beleid-delen',
    )!;
    expect(unasked).toMatchObject({
      status: 'passed',
      bindsWhen: { item: 'cz-groep/2027/verzoek-strategisch-beleid', met: false },
    });
    expect(unasked.derivation.nl).toContain(
      'geldt alleen na: cz vraagt om uw strategisch beleid (nog niet vastgelegd)',
    );
    const asked = timeline('verloskunde', cz('existing'), '2026-06-10', [
      { item: 'cz-groep/2027/verzoek-strategisch-beleid', date: '2026-05-01' },
    ]);
    expect(asked.get('cz-groep/2027/strategisch-beleid-delen')).toMatchObject({
      status: 'overdue',
      bindsWhen: { met: true },
    });
  });

  it('CZ 3.3.1: only an IGO that is not yet a zorgaanbieder has to become one by 2028', () => {
    expect(
      timeline('integrale-geboortezorg', cz('existing', { attributes: { zorgaanbieder: 'ja' } }), '2026-04-01').has(
        'cz-groep/2027/igo-zorgaanbieder-worden',
      ),
    ).toBe(false);
    expect(
      timeline('integrale-geboortezorg', cz('existing', { attributes: { zorgaanbieder: 'nee' } }), '2026-04-01').get(
        'cz-groep/2027/igo-zorgaanbieder-worden',
      )?.due,
    ).toBe('2028-12-31');
  });

  it('CZ 3.6: a request for additional purchasing without an announcement gets its two-week answer', () => {
    const items = timeline('echoscopie', cz('existing'), '2026-11-23', [
      { item: 'cz-groep/2027/verzoek-aanvullende-zorginkoop/verzoek', date: '2026-11-20' },
    ]);
    expect(items.get('cz-groep/2027/verzoek-aanvullende-zorginkoop/contact')).toMatchObject({
      due: '2026-12-04',
      actor: 'insurer',
      projected: false,
    });
  });

  it('a passed informational date is passed, not done; no weekend advice on a computed start date', () => {
    expect(timeline('kraamzorg', cz('existing'), '2026-09-05').get('cz-groep/2027/vragen-kraamzorg')).toMatchObject({
      status: 'passed',
      done: null,
    });
    const items = timeline('verloskunde', zz('new'), '2026-03-20', [
      { item: 'zorg-en-zekerheid/2026/aanvraag-2026/aanvraag', date: '2026-02-17' },
    ]);
    // 1 February 2026 is a Sunday: nobody acts on a start date.
    expect(items.get('zorg-en-zekerheid/2026/aanvraag-2026/ingangsdatum')).toMatchObject({
      due: '2026-02-01',
      flags: [],
      status: 'passed',
    });
  });
});
