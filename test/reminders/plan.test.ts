import { describe, expect, it } from 'vitest';
import { loadCalendarSet } from '../../src/calendar/load.js';
import { computeTimeline } from '../../src/domain/timeline.js';
import type { Contract, ProviderKind, RecordedEvent } from '../../src/domain/types.js';
import { planDigest } from '../../src/reminders/plan.js';

/** Insurer-late notices only for an insurer's binding date the provider waits on: the cases the documents gave wrong. */
const calendars = loadCalendarSet();

function lateOn(kind: ProviderKind, contract: Contract, day: string, events: RecordedEvent[] = []): string[] {
  const timeline = computeTimeline({ kinds: [kind], contracts: [contract] }, calendars, events, day);
  const digest = planDigest({
    timeline,
    day,
    reminderDays: [14, 7, 1],
    history: { told: new Set(), toldDue: new Map() },
  });
  return (digest?.notices ?? [])
    .filter((notice) => notice.kinds.includes('insurer-late'))
    .map((notice) => notice.item.id);
}

describe('insurer-late notices', () => {
  const cz: Contract = { insurer: 'cz-groep', year: 2027, status: 'existing' };
  const zz: Contract = { insurer: 'zorg-en-zekerheid', year: 2026, status: 'new' };

  it('none for CZ 3.3.3 "questions before September" (only if CZ has questions)', () => {
    expect(lateOn('kraamzorg', cz, '2026-09-01')).not.toContain('cz-groep/2027/vragen-kraamzorg');
  });

  it('none for the CSRD announcements of CZ 2.4 and Z&Z 1 (only if insurers need data)', () => {
    expect(lateOn('kraamzorg', cz, '2026-10-01')).not.toContain('cz-groep/2027/csrd-aankondiging');
    expect(lateOn('verloskunde', { ...zz, status: 'existing' }, '2025-10-01')).not.toContain(
      'zorg-en-zekerheid/2026/csrd-metingen-bekend',
    );
  });

  it('none for Z&Z 5.3 receipt of the agreement the day after a request (5.3 gives Z&Z no date)', () => {
    const request = [{ item: 'zorg-en-zekerheid/2026/aanvraag-2026/aanvraag', date: '2026-03-17' }];
    expect(lateOn('verloskunde', zz, '2026-03-18', request)).toEqual([]);
  });

  it('still for a binding promise the provider waits on: the kraamzorg questionnaire by 15 June 2026', () => {
    expect(lateOn('kraamzorg', cz, '2026-06-16')).toContain('cz-groep/2027/vragenlijst-kraamzorg-ontvangen');
  });

  it('none for CZ open-instroom steps counted from a step not recorded yet; yes once the step before is recorded', () => {
    const applied = [{ item: 'cz-groep/2027/open-instroom/aanmelding', date: '2027-01-04' }];
    const newCz = { ...cz, status: 'new' as const };
    expect(lateOn('verloskunde', newCz, '2027-01-19', applied)).toEqual([
      'cz-groep/2027/open-instroom/reactie-vragenlijst',
    ]);
    // The questionnaire is not recorded: CZ's assessment two weeks after it is not yet CZ's own date.
    expect(lateOn('verloskunde', newCz, '2027-02-16', applied)).not.toContain(
      'cz-groep/2027/open-instroom/beoordeling-aanbod',
    );
  });
});
