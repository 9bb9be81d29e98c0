import { DateTime } from 'luxon';
import type { Language } from './language.js';
import type { DateFlag, DateRule, IsoDate, MilestoneType, Offset, Text } from './types.js';

/**
 * How a date came about, in words and arithmetic, in Dutch and English:
 * "aanbod … uiterlijk 30 september 2026 + 4 weken = 28 oktober 2026; niet later dan 1 november 2026 (einde ronde)".
 */

const formatted = new Map<string, string>();

/** `30 september 2026` / `30 September 2026`; with the weekday: `vrijdag 30 oktober`. */
export function dateWords(iso: IsoDate, language: Language, pattern = 'd MMMM yyyy'): string {
  const key = `${iso}|${language}|${pattern}`;
  let text = formatted.get(key);
  if (text === undefined) {
    text = DateTime.fromISO(iso, { zone: 'utc' }).setLocale(language).toFormat(pattern);
    if (formatted.size < 20_000) formatted.set(key, text);
  }
  return text;
}

const UNITS: Record<Exclude<keyof Offset, 'ref'>, { nl: [string, string]; en: [string, string] }> = {
  days: { nl: ['dag', 'dagen'], en: ['day', 'days'] },
  weeks: { nl: ['week', 'weken'], en: ['week', 'weeks'] },
  months: { nl: ['maand', 'maanden'], en: ['month', 'months'] },
  years: { nl: ['jaar', 'jaar'], en: ['year', 'years'] },
  workingDays: { nl: ['werkdag', 'werkdagen'], en: ['working day', 'working days'] },
};

/** `4 weken` / `4 weeks`. */
export function offsetWords(offset: Offset, language: Language): string {
  for (const unit of Object.keys(UNITS) as (keyof typeof UNITS)[]) {
    const n = offset[unit];
    if (n !== undefined) return `${n} ${UNITS[unit][language][n === 1 ? 0 : 1]}`;
  }
  return '';
}

/** "Vragenlijst indienen" → "vragenlijst indienen"; acronyms keep their capitals. */
export function lowerFirst(title: string): string {
  return /^[A-Z][a-zà-ÿ]/.test(title) ? title[0].toLowerCase() + title.slice(1) : title;
}

/** The date a relative rule counts from, as the derivation names it. */
export type BaseKind = 'recorded' | 'promise' | 'computed' | 'projected';

export interface Base {
  title: Text;
  date: IsoDate;
  kind: BaseKind;
}

const both = (f: (language: Language) => string): Text => ({ nl: f('nl'), en: f('en') });

function baseWords(base: Base, language: Language): string {
  const title = lowerFirst(base.title[language]);
  const date = dateWords(base.date, language);
  if (language === 'nl') {
    if (base.kind === 'recorded') return `${title} ${date} (vastgelegd)`;
    if (base.kind === 'promise') return `${title} uiterlijk ${date}`;
    return `${title} ${date}${base.kind === 'projected' ? ' (verwacht)' : ''}`;
  }
  if (base.kind === 'recorded') return `${title} ${date} (recorded)`;
  if (base.kind === 'promise') return `${title} by ${date} at the latest`;
  return `${title} ${date}${base.kind === 'projected' ? ' (expected)' : ''}`;
}

/** A rule that needs no other line, in words: `vóór 1 september 2026 = uiterlijk 31 augustus 2026`. */
export function fixedWords(rule: DateRule, due: IsoDate, window: { from: IsoDate; to: IsoDate } | null): Text {
  return both((l) => {
    const d = (iso: IsoDate) => dateWords(iso, l);
    const nl = l === 'nl';
    if (rule.before !== undefined)
      return nl ? `vóór ${d(rule.before)} = uiterlijk ${d(due)}` : `before ${d(rule.before)} = by ${d(due)}`;
    if (rule.endOfMonth !== undefined) {
      const month = dateWords(due, l, 'MMMM yyyy');
      return nl ? `eind ${month} = ${d(due)}` : `end of ${month} = ${d(due)}`;
    }
    if (rule.endOfYear !== undefined)
      return nl ? `in ${rule.endOfYear} = uiterlijk ${d(due)}` : `in ${rule.endOfYear} = by ${d(due)}`;
    if (window !== null)
      return nl
        ? `periode ${d(window.from)} t/m ${d(window.to)}; uiterlijk ${d(due)}`
        : `period ${d(window.from)} to ${d(window.to)}; by ${d(due)}`;
    return nl ? `uiterlijk ${d(due)} (datum uit het document)` : `by ${d(due)} (date in the document)`;
  });
}

/** A relative rule counted from a known date: `aanvraag 17 maart 2026 (vastgelegd) + 6 weken = 28 april 2026`. */
export function relativeWords(rule: DateRule, base: Base, due: IsoDate): Text {
  return both((l) => {
    const from = baseWords(base, l);
    const result = dateWords(due, l);
    if (rule.after !== undefined) return `${from} + ${offsetWords(rule.after, l)} = ${result}`;
    if (rule.firstOfMonth !== undefined)
      return l === 'nl'
        ? `eerste dag van de maand van ${from} = ${result}`
        : `first day of the month of ${from} = ${result}`;
    const years = rule.every?.years ?? 0;
    return l === 'nl'
      ? `${from}, daarna elke ${years} jaar: volgende keer ${result}`
      : `${from}, then every ${years} years: next ${result}`;
  });
}

/** A relative rule whose base is not recorded yet: no date, only what follows: `2 weken na aanmelding (nog niet vastgelegd)`. */
export function waitingWords(rule: DateRule, baseTitle: Text): Text {
  return both((l) => {
    const title = lowerFirst(baseTitle[l]);
    const nl = l === 'nl';
    const pending = nl
      ? `${title} (nog niet vastgelegd, dus nog geen datum)`
      : `${title} (not recorded yet, so no date yet)`;
    if (rule.after !== undefined) return `${offsetWords(rule.after, l)} ${nl ? 'na' : 'after'} ${pending}`;
    if (rule.firstOfMonth !== undefined)
      return nl ? `eerste dag van de maand van ${pending}` : `first day of the month of ${pending}`;
    return nl ? `elke ${rule.every?.years} jaar na ${pending}` : `every ${rule.every?.years} years after ${pending}`;
  });
}

/**
 * The start of a chain that may never happen, not recorded: no date, the window it may happen in said in words:
 * `kan gebeuren van 1 april 2026 t/m 31 december 2027; nog geen datum tot het is vastgelegd`.
 */
export function notStartedWords(window: { from: IsoDate; to: IsoDate } | null, due: IsoDate): Text {
  return both((l) => {
    const nl = l === 'nl';
    const when = window
      ? nl
        ? `kan gebeuren van ${dateWords(window.from, l)} t/m ${dateWords(window.to, l)}`
        : `may happen from ${dateWords(window.from, l)} to ${dateWords(window.to, l)}`
      : nl
        ? `kan gebeuren tot ${dateWords(due, l)}`
        : `may happen until ${dateWords(due, l)}`;
    return `${when}; ${nl ? 'nog geen datum tot het is vastgelegd' : 'no date until it is recorded'}`;
  });
}

/** `; niet later dan 1 november 2026 (einde ronde)`. */
export function capWords(capDue: IsoDate, reason: Text): Text {
  return both((l) =>
    l === 'nl'
      ? `niet later dan ${dateWords(capDue, l)} (${reason.nl})`
      : `no later than ${dateWords(capDue, l)} (${reason.en})`,
  );
}

/** `valt op zondag: regel het uiterlijk vrijdag 30 oktober` for the provider; an insurer's date only says on what day it falls. */
export function flagWords(flags: readonly DateFlag[], providerActs = true): Text | null {
  if (flags.length === 0) return null;
  const last = flags[0].lastWorkingDay;
  const days = (l: Language) =>
    flags
      .map((flag) =>
        flag.code === 'weekend'
          ? l === 'nl'
            ? flag.day
            : flag.day === 'zaterdag'
              ? 'a Saturday'
              : 'a Sunday'
          : l === 'nl'
            ? flag.name
            : `a public holiday (${flag.name})`,
      )
      .join(l === 'nl' ? ' en ' : ' and ');
  if (!providerActs) return { nl: `valt op ${days('nl')}`, en: `falls on ${days('en')}` };
  return {
    nl: `valt op ${days('nl')}: regel het uiterlijk ${dateWords(last, 'nl', 'cccc d MMMM')}`,
    en: `falls on ${days('en')}: see to it by ${dateWords(last, 'en', 'cccc d MMMM')}`,
  };
}

/** `advies (geen datum van de verzekeraar): …`, `geldt alleen na: …`. */
export function joinDerivation(parts: {
  type: MilestoneType;
  main: Text;
  cap: Text | null;
  flag: Text | null;
  condition: Text | null;
}): Text {
  return both((l) => {
    const prefix =
      parts.type === 'advice'
        ? l === 'nl'
          ? 'advies, geen datum van de verzekeraar: '
          : 'advice, not a date the insurer gave: '
        : '';
    return prefix + [parts.main[l], parts.cap?.[l], parts.flag?.[l], parts.condition?.[l]].filter(Boolean).join('; ');
  });
}
