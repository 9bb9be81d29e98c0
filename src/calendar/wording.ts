/**
 * The wording that makes a sentence of a purchasing document carry a date or a term, as data.
 * Every pattern is linear-time (no nested or overlapping quantifiers); a test runs each through safe-regex2.
 * Sentences are normalised first: single spaces, misread letters repaired (`véér` → `vóór`).
 */

export const MONTHS = [
  'januari',
  'februari',
  'maart',
  'april',
  'mei',
  'juni',
  'juli',
  'augustus',
  'september',
  'oktober',
  'november',
  'december',
] as const;

const MONTH = `(?:${MONTHS.join('|')})`;
const NUMBER_WORD = '(?:\\d|\\d\\d|\\d\\d\\d|een|één|twee|drie|vier|vijf|zes|zeven|acht|negen|tien|twaalf)';
/** A match counts only at word edges (checked in code: lookbehind is beyond what safe-regex2 can verify). */
const WORD_CHAR = /[\p{L}\d]/u;

export interface TermPattern {
  name: string;
  /** What it finds, for the docs and the coverage output. */
  example: string;
  pattern: RegExp;
}

const term = (name: string, example: string, body: string): TermPattern => ({
  name,
  example,
  pattern: new RegExp(body, 'giu'),
});

export const TERM_PATTERNS: readonly TermPattern[] = [
  term('date', '15 juni 2026, 1 september', `\\d{1,2} ${MONTH}(?: 20\\d\\d)?`),
  term('month', 'september 2025, mei en juni, eind september', MONTH),
  term('part of a year', 'eind 2026, begin 2027, medio 2026', `(?:eind|begin|medio) 20\\d\\d`),
  term(
    'year with a term word',
    'in 2027, vanaf 2026, per 2027, gedurende heel 2027, vóór 2027, in de loop van 2025, met ingang van 2027',
    `(?:in|vanaf|per|voor|vóór|tot en met|t/m|tot|gedurende|sinds|na|van|met ingang van)(?: heel| het jaar| de| het)? 20\\d\\d`,
  ),
  term(
    'deadline word',
    'uiterlijk, uiterste datum, uiterste tekentermijn',
    '(?:uiterlijk|uiterste (?:datum|termijn|tekentermijn))',
  ),
  term('first day of a month', 'per de eerste kalenderdag', '(?:per|vanaf) de eerste (?:kalender|werk)?dag'),
  term(
    'within a period',
    'binnen 2 weken, binnen zes weken, binnen 10 werkdagen',
    `binnen ${NUMBER_WORD} (?:werkdagen|werkdag|dagen|dag|weken|week|maanden|maand|jaar|uur|minuten)`,
  ),
  term(
    'length of time',
    '4 weken, 3 kalenderjaren, 1 jaar',
    `${NUMBER_WORD} (?:werkdagen|kalenderdagen|dagen|weken|maanden|kalendermaanden|jaar|jaren|kalenderjaar|kalenderjaren)`,
  ),
  term(
    'recurring',
    'iedere 3 jaar, ieder jaar, jaarlijks',
    `(?:(?:iedere|ieder|elke|elk)(?: ${NUMBER_WORD})? (?:jaar|jaren|maand|maanden|kwartaal)|jaarlijks|jaarlijkse)`,
  ),
  term(
    'year of an agreement',
    'in het eerste jaar, na afloop van een kalenderjaar, gedurende het jaar',
    '(?:(?:eerste|tweede|derde) (?:jaar|kalenderjaar|contractjaar)|na afloop van (?:een|het) (?:jaar|kalenderjaar|contractjaar)|gedurende het (?:jaar|kalenderjaar|contractjaar))',
  ),
  term('years', '2026-2027', '20\\d\\d ?[-–] ?20\\d\\d'),
  term('immediately', 'onmiddellijk', 'onmiddellijk'),
];

export interface TermMatch {
  name: string;
  text: string;
  /** Offsets in the searched text. */
  start: number;
  end: number;
}

/** Every date or term wording in `text`, in order of position. */
export function findTerms(text: string): TermMatch[] {
  const matches: TermMatch[] = [];
  for (const { name, pattern: search } of TERM_PATTERNS) {
    search.lastIndex = 0;
    for (let match = search.exec(text); match !== null; match = search.exec(text)) {
      const start = match.index;
      const end = start + match[0].length;
      if (WORD_CHAR.test(text.charAt(start - 1)) || WORD_CHAR.test(text.charAt(end))) {
        search.lastIndex = start + 1;
        continue;
      }
      matches.push({ name, text: match[0], start, end });
    }
  }
  return matches.sort((a, b) => a.start - b.start || b.end - a.end);
}
