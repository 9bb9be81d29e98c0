import type { DateRule } from '../domain/types.js';
import { MONTHS } from './wording.js';

/**
 * A first reading of one sentence's date wording as a calendar rule, for a draft a person finishes.
 * Every pattern here is linear-time (checked with safe-regex2 in the tests).
 */
export interface RuleReading {
  rule: DateRule | null;
  /** True when the wording itself fixes the date (with its year); false when a person must choose. */
  fixesDate: boolean;
  /** What a person must decide, in words. */
  todos: string[];
}

const MONTH = `(${MONTHS.join('|')})`;
const NUMBER = '(\\d{1,3}|een|één|twee|drie|vier|vijf|zes|zeven|acht|negen|tien|twaalf)';
const NUMBER_WORDS: Record<string, number> = {
  een: 1,
  één: 1,
  twee: 2,
  drie: 3,
  vier: 4,
  vijf: 5,
  zes: 6,
  zeven: 7,
  acht: 8,
  negen: 9,
  tien: 10,
  twaalf: 12,
};
const UNITS: Record<string, 'days' | 'weeks' | 'months' | 'years' | 'workingDays'> = {
  werkdagen: 'workingDays',
  werkdag: 'workingDays',
  dagen: 'days',
  dag: 'days',
  weken: 'weeks',
  week: 'weeks',
  maanden: 'months',
  maand: 'months',
  jaar: 'years',
  jaren: 'years',
};
const UNIT = `(${Object.keys(UNITS).join('|')})`;

export const READING_PATTERNS = {
  within: new RegExp(`(?:binnen|uiterlijk) ${NUMBER} ${UNIT} na`, 'i'),
  timeToAnswer: new RegExp(`${NUMBER} ${UNIT} de tijd`, 'i'),
  date: new RegExp(`(\\d{1,2}) ${MONTH}(?: (20\\d\\d))?`, 'i'),
  endOfMonth: new RegExp(`(vóór begin|voor begin|eind|uiterlijk eind) ${MONTH}(?: (20\\d\\d))?`, 'i'),
  endOfYear: /uiterlijk in (20\d\d)/i,
  months: new RegExp(`${MONTH}(?: (?:en|t/m|tot en met|tot) ${MONTH})? (20\\d\\d)`, 'i'),
  years: /(20\d\d) ?[-–] ?(20\d\d)/,
  year: /(?:vanaf|per|met ingang van|in|gedurende heel|gedurende) (20\d\d)/i,
  every: new RegExp(`(?:iedere|ieder|elke) ${NUMBER} (?:jaar|jaren)`, 'i'),
  firstOfMonth: /per de eerste kalenderdag van de maand/i,
} as const;

const month = (name: string): string =>
  String(MONTHS.indexOf(name.toLowerCase() as (typeof MONTHS)[number]) + 1).padStart(2, '0');
const day = (value: string): string => value.padStart(2, '0');
const count = (value: string): number => NUMBER_WORDS[value.toLowerCase()] ?? Number(value);

/**
 * Reads the first date wording of a sentence the way docs/calendar-format.md says (`uiterlijk` →
 * onOrBefore, `vóór` → before, `binnen 2 weken na` → after, `eind september` → endOfMonth, months →
 * window). A year the wording does not give is the purchasing year (contract year − 1), to be confirmed.
 */
export function readRule(sentence: string, contractYear: number): RuleReading {
  const purchasingYear = String(contractYear - 1);
  const confirmYear = (year: string | undefined): string[] =>
    year ? [] : [`confirm the year: the wording gives none, ${purchasingYear} (the purchasing year) is assumed`];

  const within = READING_PATTERNS.within.exec(sentence) ?? READING_PATTERNS.timeToAnswer.exec(sentence);
  if (within) {
    const unit = UNITS[within[2].toLowerCase()];
    return {
      rule: { after: { ref: 'TODO', [unit]: count(within[1]) } },
      fixesDate: false,
      todos: ['choose the reference (the step or milestone this counts from)'],
    };
  }
  if (READING_PATTERNS.firstOfMonth.test(sentence)) {
    return {
      rule: { firstOfMonth: { ref: 'TODO' } },
      fixesDate: false,
      todos: ['choose the reference (the step whose month counts)'],
    };
  }
  const every = READING_PATTERNS.every.exec(sentence);
  if (every)
    return {
      rule: { every: { ref: 'TODO', years: count(every[1]) } },
      fixesDate: false,
      todos: ['choose the reference (the grant it recurs from)'],
    };

  const endOfMonth = READING_PATTERNS.endOfMonth.exec(sentence);
  const date = READING_PATTERNS.date.exec(sentence);
  if (endOfMonth && (!date || endOfMonth.index <= date.index)) {
    const year = endOfMonth[3] ?? purchasingYear;
    const beforeStart = /begin/i.test(endOfMonth[1]);
    const monthNumber = Number(month(endOfMonth[2]));
    const target = beforeStart
      ? monthNumber === 1
        ? `${Number(year) - 1}-12`
        : `${year}-${String(monthNumber - 1).padStart(2, '0')}`
      : `${year}-${month(endOfMonth[2])}`;
    return { rule: { endOfMonth: target }, fixesDate: endOfMonth[3] !== undefined, todos: confirmYear(endOfMonth[3]) };
  }
  if (date) {
    // The word just before the date decides: "vóór 1 september" is before, "vanaf 1 januari" opens a window.
    const words = sentence.slice(Math.max(0, date.index - 12), date.index).toLowerCase();
    const year = date[3] ?? purchasingYear;
    const iso = `${year}-${month(date[2])}-${day(date[1])}`;
    const todos = confirmYear(date[3]);
    const fixesDate = date[3] !== undefined;
    if (/(?:^|\s)(?:vóór|voor) $/.test(words)) return { rule: { before: iso }, fixesDate, todos };
    if (/(?:^|\s)(?:vanaf|na) $/.test(words)) {
      return {
        rule: { window: { from: iso, to: `${year}-12-31` } },
        fixesDate,
        todos: [...todos, 'confirm when the window closes (end of that year assumed)'],
      };
    }
    return { rule: { onOrBefore: iso }, fixesDate, todos };
  }
  const endOfYear = READING_PATTERNS.endOfYear.exec(sentence);
  if (endOfYear) return { rule: { endOfYear: Number(endOfYear[1]) }, fixesDate: true, todos: [] };
  const months = READING_PATTERNS.months.exec(sentence);
  if (months) {
    const [, from, to, year] = months;
    return {
      rule: { window: { from: `${year}-${month(from)}`, to: `${year}-${month(to ?? from)}` } },
      fixesDate: true,
      todos: [],
    };
  }
  const years = READING_PATTERNS.years.exec(sentence);
  if (years)
    return {
      rule: { window: { from: `${years[1]}-01`, to: `${years[2]}-12` } },
      fixesDate: true,
      todos: ['a term (looptijd)? then it belongs under terms'],
    };
  const year = READING_PATTERNS.year.exec(sentence);
  if (year) return { rule: { window: { from: `${year[1]}-01`, to: `${year[1]}-12` } }, fixesDate: true, todos: [] };
  return {
    rule: null,
    fixesDate: false,
    todos: ['no rule read from the wording: write one, or list the sentence under uncited with the reason'],
  };
}
