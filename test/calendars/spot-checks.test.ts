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
  return new Map(computeTimeline({ kinds: [kind], contracts: [contract] }, calendars, events, asOf).map((item) => [item.id, item]));
}

describe('CZ groep 2027 (Zorginkoopbeleid Geboortezorg 2027)', () => {
  const cz = (status: 'existing' | 'new', extra: Partial<Contract> = {}): Contract => ({ insurer: 'cz-groep', year: 2027, status, ...extra });

  it('4.1: sign by Sunday 1 November 2026, flagged with Friday 30 October, not moved', () => {
    expect(timeline('kraamzorg', cz('existing'), '2026-10-20').get('cz-groep/2027/ondertekenen')).toMatchObject({
      due: '2026-11-01',
      status: 'due-soon',
      flags: [{ code: 'weekend', day: 'zondag', lastWorkingDay: '2026-10-30' }],
    });
  });

  it('objections by 15 May 2026, a decree day after Ascension: act by Wednesday 13 May', () => {
    expect(timeline('verloskunde', cz('existing'), '2026-04-01').get('cz-groep/2027/bezwaren-inkoopbeleid')).toMatchObject({
      due: '2026-05-15',
      flags: [{ code: 'holiday', lastWorkingDay: '2026-05-13' }],
    });
  });

  it('4.1: the kraamzorg questionnaire by 31 July, verloskunde by 15 August, publication by 12 November 2026', () => {
    expect(timeline('kraamzorg', cz('existing'), '2026-01-01').get('cz-groep/2027/vragenlijst-kraamzorg-indienen')?.due).toBe('2026-07-31');
    const verloskunde = timeline('verloskunde', cz('existing'), '2026-01-01');
    expect(verloskunde.get('cz-groep/2027/vragenlijst-verloskunde-indienen')?.due).toBe('2026-08-15');
    expect(verloskunde.get('cz-groep/2027/publicatie-zorgaanbod')).toMatchObject({ due: '2026-11-12', actor: 'insurer' });
    expect(verloskunde.has('cz-groep/2027/vragenlijst-kraamzorg-indienen')).toBe(false);
  });

  it('4.1: "vóór 1 september 2026" is 31 August for a new geboortecentrum', () => {
    expect(timeline('geboortecentrum', cz('new'), '2026-01-01').get('cz-groep/2027/aanvraag-geboortecentrum')?.due).toBe('2026-08-31');
  });

  it('4.1: four weeks to answer the offer, counted from the day it was received', () => {
    const projected = timeline('kraamzorg', cz('existing'), '2026-09-10');
    expect(projected.get('cz-groep/2027/aanbod-reactie/reactie')).toMatchObject({ due: '2026-10-08', projected: true });
    const received = timeline('kraamzorg', cz('existing'), '2026-09-28', [{ item: 'cz-groep/2027/aanbod-reactie/aanbod', date: '2026-09-25' }]);
    expect(received.get('cz-groep/2027/aanbod-reactie/reactie')).toMatchObject({ due: '2026-10-23', projected: false });
  });

  it('3.5: open admission runs 2, 2, 2, 4 and 2 weeks from the recorded contact form', () => {
    const items = timeline('verloskunde', cz('new'), '2027-03-12', [{ item: 'cz-groep/2027/open-instroom/aanmelding', date: '2027-03-10' }]);
    const chain = [...items.values()].filter((item) => item.chain?.id === 'open-instroom').map((item) => [item.chain!.step, item.due, item.projected]);
    expect(chain).toEqual([
      [2, '2027-03-24', false],
      [3, '2027-04-07', true],
      [4, '2027-04-21', true],
      [5, '2027-05-19', true],
      [6, '2027-06-02', true],
      [1, '2027-12-31', false],
    ]);
    expect(items.get('cz-groep/2027/open-instroom/aanmelding')).toMatchObject({ status: 'done', done: '2027-03-10' });
    expect(timeline('verloskunde', cz('existing'), '2027-03-12').has('cz-groep/2027/open-instroom/aanmelding')).toBe(false);
  });

  it('3.6: additional purchasing shows no steps until CZ announces it', () => {
    const waiting = timeline('kraamzorg', cz('existing'), '2026-11-23');
    expect(waiting.has('cz-groep/2027/aanvullende-zorginkoop/bekendmaking')).toBe(true);
    expect([...waiting.values()].filter((item) => item.chain?.id === 'aanvullende-zorginkoop')).toHaveLength(1);
    const announced = timeline('kraamzorg', cz('existing'), '2026-11-23', [{ item: 'cz-groep/2027/aanvullende-zorginkoop/bekendmaking', date: '2026-11-20' }]);
    expect(announced.get('cz-groep/2027/aanvullende-zorginkoop/aanmelding')).toMatchObject({ due: '2026-12-04', projected: false });
  });

  it('a provider whose agreement runs through 2027 gets no signing round', () => {
    const items = timeline('integrale-geboortezorg', cz('existing', { runsUntil: 2028 }), '2026-01-01');
    expect(items.has('cz-groep/2027/ondertekenen')).toBe(false);
    expect(items.has('cz-groep/2027/publicatie-zorgaanbod')).toBe(true);
  });
});

describe('Zorg en Zekerheid 2026 (Zorginkoopbeleid geboortezorg 2026)', () => {
  const zz = (status: 'existing' | 'new', attributes?: Contract['attributes']): Contract => ({ insurer: 'zorg-en-zekerheid', year: 2026, status, attributes });

  it('6.2: sign by 11 November 2025, published 12 November 2025', () => {
    const items = timeline('verloskunde', zz('existing'), '2025-11-01');
    expect(items.get('zorg-en-zekerheid/2026/ondertekening')).toMatchObject({ due: '2025-11-11', status: 'due-soon', actor: 'provider', flags: [] });
    expect(items.get('zorg-en-zekerheid/2026/publicatie-gecontracteerd-aanbod')).toMatchObject({ due: '2025-11-12', actor: 'insurer' });
  });

  it('6.2: "mei en juni 2025" is a window for individual kraamzorg agreements only', () => {
    expect(timeline('kraamzorg', zz('existing', { overeenkomst: 'individueel' }), '2025-01-01').get('zorg-en-zekerheid/2026/uitnodiging-gesprek-individueel')).toMatchObject({
      window: { from: '2025-05-01', to: '2025-06-30' },
      due: '2025-06-30',
    });
    expect(timeline('kraamzorg', zz('existing', { overeenkomst: 'a' }), '2025-01-01').has('zorg-en-zekerheid/2026/uitnodiging-gesprek-individueel')).toBe(false);
  });

  it('5.3: a request in 2026 starts the agreement on the first of that month; sign within six weeks of receipt', () => {
    const items = timeline('echoscopie', zz('new'), '2026-03-25', [
      { item: 'zorg-en-zekerheid/2026/aanvraag-2026/aanvraag', date: '2026-03-17' },
      { item: 'zorg-en-zekerheid/2026/aanvraag-2026/ontvangst', date: '2026-03-20' },
    ]);
    expect(items.get('zorg-en-zekerheid/2026/aanvraag-2026/ingangsdatum')?.due).toBe('2026-03-01');
    expect(items.get('zorg-en-zekerheid/2026/aanvraag-2026/ondertekening')).toMatchObject({ due: '2026-05-01', projected: false });
  });

  it('bijlage 2: a new zorggroep applies before 1 September 2025', () => {
    expect(timeline('samenwerkingsverband', zz('new'), '2025-01-01').get('zorg-en-zekerheid/2026/zorggroep-aanvraag')?.due).toBe('2025-08-31');
  });
});
