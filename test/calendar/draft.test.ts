import { readFileSync } from 'node:fs';
import safeRegex from 'safe-regex2';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { draftCalendarYaml, draftCandidates } from '../../src/calendar/draft.js';
import { parseCalendar } from '../../src/calendar/load.js';
import { locateQuote, normaliseSource } from '../../src/calendar/normalise.js';
import { READING_PATTERNS, readRule } from '../../src/calendar/rule-reading.js';
import { fixedDates } from '../../src/domain/rules.js';

const read = (name: string) => readFileSync(new URL(`../../${name}`, import.meta.url), 'utf8');

/** Lines whose quote holds no dated sentence (the date is a reading of the rule, not wording): no candidate to expect. */
const UNDATED: Record<string, string[]> = {
  'cz-groep/2027': [
    'aanvullende-zorginkoop/bekendmaking',
    'vragen-contractering/vraag',
    'toeslag-tweede-lijn/toekenning',
    'verzoek-aanvullende-zorginkoop/verzoek',
  ],
  'zorg-en-zekerheid/2026': [
    'aanvraag-2026/aanvraag',
    'aanvraag-2026/ontvangst',
    'aanvraag-2025/aanvraag',
    'toeslag-volgbeleid/afspraken-preferent-afgerond',
  ],
};
/** Lines whose date deliberately differs from the wording they quote; each note says why. */
const READ_OTHERWISE: Record<string, string[]> = {
  // CZ asks for the quotation vóór 1 September; the step's window closes six weeks before signing.
  'cz-groep/2027': ['igo-offerte/offerte-indienen'],
  'zorg-en-zekerheid/2026': [],
};

describe.each([
  ['cz-groep', 2027],
  ['zorg-en-zekerheid', 2026],
] as const)('draft of the %s %i source', (insurer, year) => {
  const name = `calendars/${insurer}/${year}-geboortezorg.yaml`;
  const calendar = parseCalendar(read(name), name);
  const raw = read(name.replace(/\.yaml$/, '.source.txt'));
  const options = { year, repairs: calendar.document.repairs ?? [], bullets: calendar.document.bullets ?? [] };
  const candidates = draftCandidates(raw, options);
  const source = normaliseSource(raw, options.repairs, options.bullets);
  const key = `${insurer}/${year}`;

  const lines = [
    ...calendar.milestones.map((milestone) => ({
      id: milestone.id,
      rule: milestone.rule,
      quote: milestone.source.quote,
    })),
    ...(calendar.chains ?? []).flatMap((chain) =>
      chain.steps.map((step) => ({ id: `${chain.id}/${step.id}`, rule: step.rule, quote: step.source.quote })),
    ),
  ];

  it("has a candidate for every line of today's calendar, with the same date where the wording fixes one", () => {
    const withoutCandidate: string[] = [];
    const otherDate: string[] = [];
    for (const line of lines) {
      const match = locateQuote(source, line.quote);
      if ('missing' in match) throw new Error(`${line.id}: quote not in the source`);
      const overlapping = candidates.filter((candidate) =>
        match.spans.some((span) => span.start < candidate.end && candidate.start < span.end),
      );
      if (overlapping.length === 0) {
        withoutCandidate.push(line.id);
        continue;
      }
      const due = fixedDates(line.rule)?.due;
      const fixed = overlapping.filter((candidate) => candidate.fixesDate && candidate.rule);
      if (due !== undefined && fixed.length > 0 && !fixed.some((candidate) => fixedDates(candidate.rule!)?.due === due))
        otherDate.push(line.id);
    }
    expect(withoutCandidate.sort()).toEqual([...UNDATED[key]].sort());
    expect(otherDate).toEqual(READ_OTHERWISE[key]);
  });

  it('writes YAML a person can finish: every candidate with quote, section and its TODOs', () => {
    const yaml = draftCalendarYaml(candidates, {
      ...options,
      insurer,
      sourceFile: `${year}-geboortezorg.source.txt`,
      today: '2026-11-23',
    });
    const draft = parse(yaml) as {
      insurer: string;
      year: number;
      milestones: { source: { section: string; quote: string }; rule: unknown }[];
    };
    expect(draft.insurer).toBe(insurer);
    expect(draft.milestones).toHaveLength(candidates.length);
    expect(draft.milestones.map((milestone) => milestone.source.quote)).toEqual(
      candidates.map((candidate) => candidate.quote),
    );
    expect(yaml).toContain('# TODO: actor (provider: a deadline | insurer: a promise)');
  });
});

describe('reading a rule from the wording', () => {
  it('reads the forms of docs/calendar-format.md', () => {
    expect(readRule('U dient uiterlijk 15 juni 2026 in.', 2027)).toEqual({
      rule: { onOrBefore: '2026-06-15' },
      fixesDate: true,
      todos: [],
    });
    const before = readRule('stuurt u vóór 1 september een e-mail', 2027);
    expect(before.rule).toEqual({ before: '2026-09-01' });
    expect(before.fixesDate).toBe(false);
    expect(before.todos[0]).toMatch(/confirm the year/);
    const after = readRule('Binnen 2 weken na het insturen van het contactformulier', 2027);
    expect(after.rule).toEqual({ after: { ref: 'TODO', weeks: 2 } });
    expect(after.todos[0]).toMatch(/choose the reference/);
    expect(readRule('binnen zes weken na de dag van ontvangst', 2026).rule).toEqual({
      after: { ref: 'TODO', weeks: 6 },
    });
    expect(readRule('binnen 10 werkdagen na ontvangst', 2026).rule).toEqual({
      after: { ref: 'TODO', workingDays: 10 },
    });
    expect(readRule('Uiterlijk eind september 2026 versturen wij', 2027).rule).toEqual({ endOfMonth: '2026-09' });
    expect(readRule('stellen we die vóór begin september', 2027).rule).toEqual({ endOfMonth: '2026-08' });
    expect(readRule('Mei en juni 2025 Kraamzorgaanbieders', 2026).rule).toEqual({
      window: { from: '2025-05', to: '2025-06' },
    });
    expect(readRule('gedurende heel 2027 een overeenkomst', 2027).rule).toEqual({
      window: { from: '2027-01', to: '2027-12' },
    });
    expect(readRule('dit uiterlijk in 2028 wél te zijn', 2027).rule).toEqual({ endOfYear: 2028 });
    expect(readRule('vragen wij deze onderbouwing iedere 3 jaar opnieuw', 2027).rule).toEqual({
      every: { ref: 'TODO', years: 3 },
    });
    expect(readRule('per de eerste kalenderdag van de maand van aanvraag', 2026).rule).toEqual({
      firstOfMonth: { ref: 'TODO' },
    });
    expect(readRule('Geen datum hier.', 2026).rule).toBeNull();
  });

  it('uses only linear-time patterns', () => {
    for (const [name, pattern] of Object.entries(READING_PATTERNS)) expect(safeRegex(pattern), name).toBe(true);
  });
});
