import { addYears } from './plain-date.js';
import { dateWords } from './derivation.js';
import type { CalendarFile, Chain, ChainStep, DateRule, Derivation, IsoDate, Milestone, Text } from './types.js';

/**
 * The next contract year as expected dates (issue 20 §3): an encoded year Y of an insurer moved whole to a later year,
 * same day and month, so the ordinary compiler computes its weekday and holiday flags anew. Pure data in, data out.
 */

/** `2027-11-01` → `2028-11-01`; `2026-08` → `2027-08` (29 February falls back to the 28th). */
export function shiftDateText(value: string, years: number): string {
  if (/^\d{4}-\d{2}$/.test(value)) return `${Number(value.slice(0, 4)) + years}${value.slice(4)}`;
  return addYears(value, years);
}

/** Every year number in a text moved too: "Zorgovereenkomst 2027 ondertekenen" → "Zorgovereenkomst 2028 ondertekenen". */
export function shiftYearsInText(text: string, years: number): string {
  return text.replace(/\b(19|20)\d{2}\b/g, (year) => String(Number(year) + years));
}

function shiftText(text: Text, years: number): Text {
  return { nl: shiftYearsInText(text.nl, years), en: shiftYearsInText(text.en, years) };
}

function shiftRule(rule: DateRule, years: number): DateRule {
  const shifted: DateRule = { ...rule };
  if (rule.onOrBefore !== undefined) shifted.onOrBefore = shiftDateText(rule.onOrBefore, years);
  if (rule.before !== undefined) shifted.before = shiftDateText(rule.before, years);
  if (rule.endOfMonth !== undefined) shifted.endOfMonth = shiftDateText(rule.endOfMonth, years);
  if (rule.endOfYear !== undefined) shifted.endOfYear = rule.endOfYear + years;
  if (rule.window !== undefined)
    shifted.window = { from: shiftDateText(rule.window.from, years), to: shiftDateText(rule.window.to, years) };
  // Relative rules (after, firstOfMonth, every) count from a line of the same year: they move with it.
  return shifted;
}

function shiftLine<T extends Milestone | ChainStep>(line: T, years: number): T {
  const shifted: T = { ...line, title: shiftText(line.title, years), rule: shiftRule(line.rule, years) };
  if (line.cap) shifted.cap = { ...line.cap, reason: shiftText(line.cap.reason, years) };
  if ('recordableFrom' in line && line.recordableFrom !== undefined)
    (shifted as ChainStep).recordableFrom = shiftDateText(line.recordableFrom, years);
  return shifted;
}

/**
 * Calendar file Y as the file of Y + years would read if the insurer repeats its planning. The document stays Y's:
 * every line's source is the line of Y it was moved from.
 */
export function shiftCalendarFile(file: CalendarFile, years: number): CalendarFile {
  const chains = file.chains?.map((chain): Chain => ({
    ...chain,
    title: shiftText(chain.title, years),
    steps: chain.steps.map((step) => shiftLine(step, years)),
  }));
  return {
    ...file,
    year: file.year + years,
    document: {
      ...file.document,
      ...(file.document.published === undefined ? {} : { published: shiftDateText(file.document.published, years) }),
    },
    ...(file.closes === undefined ? {} : { closes: { ...file.closes, date: shiftDateText(file.closes.date, years) } }),
    milestones: file.milestones.map((milestone) => shiftLine(milestone, years)),
    ...(chains === undefined ? {} : { chains }),
    // The terms (looptijd) describe the agreements of Y; the expected year shows dates only.
    terms: [],
  };
}

/** The day the round of `year` closes, as Y's round closed: its `closes` moved, or 1 January of that year. */
export function expectedCloses(file: CalendarFile, year: number): IsoDate {
  return file.closes ? shiftDateText(file.closes.date, year - file.year) : `${year}-01-01`;
}

/**
 * The contract year after the latest encoded year Y whose round has not closed on `asOf` (nothing is expected of a
 * round that is over): Y + 1, or later when that round closed too.
 */
export function expectedYearOf(latest: CalendarFile, asOf: IsoDate): number {
  let year = latest.year + 1;
  while (asOf >= expectedCloses(latest, year)) year++;
  return year;
}

/** "verwacht op basis van het beleid 2027, nog niet gepubliceerd: uiterlijk 1 november 2028 …". */
export function expectedDerivation(derivation: Derivation, baseYear: number): Derivation {
  // A moved date is not in any document: "the document's date" would say it is.
  const nl = derivation.nl.replace(' (datum uit het document)', ` (zelfde dag en maand als in het beleid ${baseYear})`);
  const en = derivation.en.replace(' (date in the document)', ` (same day and month as in the ${baseYear} policy)`);
  return {
    nl: `verwacht op basis van het beleid ${baseYear}, nog niet gepubliceerd: ${nl}`,
    en: `expected from the ${baseYear} policy, not yet published: ${en}`,
    reading: derivation.reading,
  };
}

/** "…; gepubliceerd in het beleid 2028: eerder verwacht op 15 mei 2027 (op basis van het beleid 2027)". */
export function publishedDerivation(
  derivation: Derivation,
  year: number,
  expected: IsoDate | null,
  basis: number,
): Derivation {
  if (expected === null)
    return {
      ...derivation,
      nl: `${derivation.nl}; nieuw in het beleid ${year}, niet verwacht op basis van het beleid ${basis}`,
      en: `${derivation.en}; new in the ${year} policy, not expected from the ${basis} policy`,
    };
  return {
    ...derivation,
    nl: `${derivation.nl}; gepubliceerd in het beleid ${year}: eerder verwacht op ${dateWords(expected, 'nl')} (op basis van het beleid ${basis})`,
    en: `${derivation.en}; published in the ${year} policy: expected on ${dateWords(expected, 'en')} before (from the ${basis} policy)`,
  };
}
