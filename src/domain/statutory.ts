import { dateWords, flagWords } from './derivation.js';
import { statusByDate } from './date-status.js';
import type { Actor, DateFlag, IsoDate, Text, TimelineItem } from './types.js';

/** One validity period of a rule: the regulation (or NZa page) in force, cited like a calendar line. */
export interface LegalRuleVersion {
  name: string;
  article?: string;
  url: string;
  quote: string;
  validFrom?: IsoDate;
  validTo?: IsoDate;
}

/** An NZa rule that dates one act of every insurer and contract year (calendars/legal.yaml). */
export interface LegalRule {
  id: string;
  actor: Actor;
  date: { month: number; day: number; yearsBefore: number };
  title: Text;
  wording: Text;
  versions: LegalRuleVersion[];
}

export interface LegalRules {
  version: number;
  rules: LegalRule[];
}

export const NO_LEGAL_RULES: LegalRules = { version: 1, rules: [] };

/** The rule's date for a contract year, and the version in force on it (none: the rule did not yet or no longer hold). */
export function ruleDate(rule: LegalRule, year: number): { due: IsoDate; version: LegalRuleVersion } | null {
  const pad = (n: number) => String(n).padStart(2, '0');
  const due = `${year - rule.date.yearsBefore}-${pad(rule.date.month)}-${pad(rule.date.day)}`;
  const version = rule.versions.find(
    (v) => (v.validFrom === undefined || v.validFrom <= due) && (v.validTo === undefined || due <= v.validTo),
  );
  return version === undefined ? null : { due, version };
}

export function statutoryItemId(insurer: string, year: number, rule: string): string {
  return `${insurer}/${year}/legal/${rule}`;
}

/**
 * The statutory items of one insurer and contract year: every rule in force on its date, but those the insurer's
 * calendar has its own line for (`standing`). Never overdue: a past one has `passed`; her check alone is advised on
 * weekends and holidays.
 */
export function statutoryItems(
  legal: LegalRules,
  insurer: { id: string; name: string },
  year: number,
  standing: ReadonlySet<string>,
  events: ReadonlyMap<string, IsoDate>,
  asOf: IsoDate,
  flagsFor: (due: IsoDate) => DateFlag[],
): TimelineItem[] {
  const items: TimelineItem[] = [];
  for (const rule of legal.rules) {
    if (standing.has(rule.id)) continue;
    const dated = ruleDate(rule, year);
    if (dated === null) continue;
    const { due, version } = dated;
    const id = statutoryItemId(insurer.id, year, rule.id);
    const done = events.get(id) ?? null;
    const flags = done === null && rule.actor === 'provider' ? flagsFor(due) : [];
    const fill = (text: string) => text.replaceAll('{insurer}', insurer.name).replaceAll('{year}', String(year));
    const cited = version.article === undefined ? version.name : `${version.name}, ${version.article}`;
    const words = flagWords(flags);
    items.push({
      id,
      // The contract's key (`<insurer>/<year>`), so feeds and links find the insurer; the source names the law.
      calendar: `${insurer.id}/${year}`,
      calendarVersion: legal.version,
      insurer: insurer.id,
      title: { nl: fill(rule.title.nl), en: fill(rule.title.en) },
      actor: rule.actor,
      type: 'statutory',
      due,
      time: null,
      window: null,
      status: done !== null ? 'done' : statusByDate(due, asOf, 'passed'),
      chain: null,
      done,
      projected: false,
      waitsFor: null,
      capped: null,
      bindsWhen: null,
      optional: false,
      impliedBy: null,
      derivation: {
        nl: `uiterlijk ${dateWords(due, 'nl')} (wettelijk: ${cited})${words === null ? '' : `; ${words.nl}`}`,
        en: `by ${dateWords(due, 'en')} (by law: ${cited})${words === null ? '' : `; ${words.en}`}`,
        reading: null,
      },
      flags,
      contact: '',
      note: `${rule.wording.nl} ${version.url}`,
      source: { document: version.name, section: version.article ?? '', quote: version.quote },
    });
  }
  return items;
}
