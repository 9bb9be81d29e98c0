import { readFileSync } from 'node:fs';
import safeRegex from 'safe-regex2';
import { describe, expect, it } from 'vitest';
import { coverageOf, describeCoverageProblems, readSourceText } from '../../src/calendar/coverage.js';
import { readCalendarText } from '../../src/calendar/sources.js';
import { findTerms, TERM_PATTERNS } from '../../src/calendar/wording.js';

const read = (name: string) => readFileSync(new URL(`../../${name}`, import.meta.url), 'utf8');
const CALENDARS = ['calendars/cz-groep/2027-geboortezorg.yaml', 'calendars/zorg-en-zekerheid/2026-geboortezorg.yaml'];

/**
 * Lines whose quote holds no date or term wording (the date is in the rule's reading, a window or a
 * bare year in the looptijd table): removing them cannot show in the coverage. Each one is checked to
 * really cover no dated sentence, so this list cannot hide a sentence the detector misses.
 */
const UNDATED_QUOTES: Record<string, string[]> = {
  'calendars/cz-groep/2027-geboortezorg.yaml': [
    'chain aanvullende-zorginkoop step bekendmaking',
    'chain vragen-contractering step vraag',
    'chain toeslag-tweede-lijn step toekenning',
    'chain verzoek-aanvullende-zorginkoop step verzoek',
    'attribute organisatievorm',
  ],
  'calendars/zorg-en-zekerheid/2026-geboortezorg.yaml': [
    'chain aanvraag-2026 step aanvraag',
    'chain aanvraag-2026 step ontvangst',
    'chain aanvraag-2025 step aanvraag',
    'chain toeslag-volgbeleid step afspraken-preferent-afgerond',
    'attribute overeenkomst',
    'term 3',
    'term 4',
  ],
};

describe.each(CALENDARS)('coverage of %s', (name) => {
  const calendar = readCalendarText(read(name), name);
  const raw = read(name.replace(/\.yaml$/, '.source.txt'));
  const reading = readSourceText(calendar, raw);
  const full = coverageOf(calendar, raw, reading);

  it('cites or lists every dated sentence of the source (100 %), with no stale entry', () => {
    expect(describeCoverageProblems(full)).toEqual([]);
    expect(full.dated.length).toBeGreaterThan(30);
    for (const entry of calendar.uncited) expect(entry.reason.trim().length).toBeGreaterThan(10);
  });

  it('names the sentence of each line deleted in turn', () => {
    const coveredBy = new Map<string, string[]>();
    for (const [sentence, citations] of full.cited) {
      for (const citation of citations)
        coveredBy.set(citation.label, [...(coveredBy.get(citation.label) ?? []), sentence.text]);
    }
    const undated = calendar.citations.map((citation) => citation.label).filter((label) => !coveredBy.has(label));
    expect(undated.sort()).toEqual([...UNDATED_QUOTES[name]].sort());

    let failing = 0;
    for (const removed of calendar.citations) {
      const without = { ...calendar, citations: calendar.citations.filter((citation) => citation !== removed) };
      const coverage = coverageOf(without, raw, reading);
      const problems = describeCoverageProblems(coverage).join('\n');
      // Sentences only this line cites must now be named; sentences another line cites stay covered.
      const onlyThis = [...full.cited]
        .filter(([, citations]) => citations.length === 1 && citations[0].label === removed.label)
        .map(([sentence]) => sentence);
      for (const sentence of onlyThis) expect(problems, `${removed.label} removed`).toContain(`:${sentence.line} `);
      for (const sentence of onlyThis) expect(problems).toContain(sentence.text);
      expect(coverage.missing.length).toBe(onlyThis.length);
      if (onlyThis.length > 0) failing++;
    }
    // Many lines cite a sentence of their own; the rest share a planning-table row or a repeated sentence.
    expect(failing).toBeGreaterThan(coveredBy.size / 3);
  });

  it('reports an uncited entry as stale once a line cites its sentence, or when it matches nothing', () => {
    const [first] = calendar.uncited;
    const sentence = full.dated.find((candidate) => full.listed.get(candidate) === first);
    expect(sentence).toBeDefined();
    const citing = {
      ...calendar,
      citations: [
        ...calendar.citations,
        { path: [], label: 'milestone new', line: 1, section: sentence!.section, quote: sentence!.text },
      ],
    };
    expect(describeCoverageProblems(coverageOf(citing, raw)).join('\n')).toMatch(
      /stale uncited entry, the sentence is cited by milestone new/,
    );
    const gone = {
      ...calendar,
      uncited: [...calendar.uncited, { text: 'Deze zin staat niet in het document.', reason: 'test', line: 999 }],
    };
    expect(describeCoverageProblems(coverageOf(gone, raw))).toEqual([
      expect.stringMatching(/:999: stale uncited entry, matches no sentence/),
    ]);
  });
});

describe('date and term wording', () => {
  it('uses only linear-time patterns (safe-regex2: no nested quantifiers)', () => {
    for (const { name, pattern } of TERM_PATTERNS) expect(safeRegex(pattern), name).toBe(true);
  });

  it('finds the wordings the issue lists, and not a bare "voor"', () => {
    const found = (text: string) => findTerms(text).map((term) => term.text);
    expect(found('uiterlijk 15 juni 2026')).toEqual(expect.arrayContaining(['uiterlijk', '15 juni 2026']));
    expect(found('vóór begin september')).toEqual(['september']);
    expect(found('Mei en juni 2025')).toEqual(['Mei', 'juni']);
    expect(found('gedurende heel 2027')).toEqual(['gedurende heel 2027']);
    expect(found('binnen 10 werkdagen')).toEqual(expect.arrayContaining(['binnen 10 werkdagen']));
    expect(found('iedere 3 jaar')).toEqual(expect.arrayContaining(['iedere 3 jaar']));
    expect(found('jaarlijks')).toEqual(['jaarlijks']);
    expect(found('eind 2026')).toEqual(['eind 2026']);
    expect(found('tot en met 2025')).toEqual(['tot en met 2025']);
    expect(found('per de eerste kalenderdag')).toEqual(['per de eerste kalenderdag']);
    expect(found('een plan voor de zorg per regio')).toEqual([]);
    expect(found('voorjaarlijks')).toEqual([]);
  });

  it('stays linear on a long hostile input', () => {
    const hostile = `${'binnen 1 '.repeat(20_000)}${'9'.repeat(50_000)} ${'eind '.repeat(20_000)}`;
    const started = performance.now();
    findTerms(hostile);
    expect(performance.now() - started).toBeLessThan(5_000);
  });
});
