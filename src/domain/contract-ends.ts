import type { CompiledCalendar } from './calendar.js';
import { dateWords } from './derivation.js';
import { statusByDate } from './date-status.js';
import { ruleDate, type LegalRules } from './statutory.js';
import type { Contract, IsoDate, ProviderKind, Text, TimelineItem } from './types.js';

/** Kinds of care as a sentence names them. */
const KIND_WORDS: Record<ProviderKind, Text> = {
  verloskunde: { nl: 'verloskunde', en: 'midwifery' },
  echoscopie: { nl: 'echoscopie', en: 'ultrasound' },
  kraamzorg: { nl: 'kraamzorg', en: 'maternity care' },
  geboortecentrum: { nl: 'geboortecentrum', en: 'birth centre' },
  'integrale-geboortezorg': { nl: 'integrale geboortezorg', en: 'integrated birth care' },
  samenwerkingsverband: { nl: 'samenwerkingsverband', en: 'partnership' },
  vsv: { nl: 'VSV', en: 'VSV' },
};

function listWords(words: string[], and: string): string {
  return words.length <= 1 ? words.join('') : `${words.slice(0, -1).join(', ')} ${and} ${words.at(-1)}`;
}

/**
 * The end of her agreement (looptijd) as a dated item per end date: the document's term for each kind of hers it
 * gives one (or the later year her registered multi-year agreement runs to), with the round that matters after it.
 */
export function contractEndItems(
  calendar: CompiledCalendar,
  kinds: readonly ProviderKind[],
  contract: Contract,
  insurerName: string,
  legal: LegalRules,
  asOf: IsoDate,
): TimelineItem[] {
  // The items depend on the calendar, her kinds, a running agreement and the names, not on the day: made once each;
  // only the status follows the day.
  const agreementRuns = contract.runsUntil !== undefined && contract.runsUntil >= calendar.file.year;
  const key = `${[...kinds].sort().join('+')}|${agreementRuns ? contract.runsUntil : ''}|${insurerName}`;
  let byKey = made.get(calendar);
  if (!byKey) made.set(calendar, (byKey = new Map()));
  let items = byKey.get(key);
  if (!items) {
    items = endItems(calendar, kinds, agreementRuns ? contract.runsUntil! : null, insurerName, legal);
    if (byKey.size < 1_000) byKey.set(key, items);
  }
  if (items.length === 0) return items;
  return items.map((item) => ({ ...item, status: statusByDate(item.due!, asOf, 'passed') }));
}

const made = new WeakMap<CompiledCalendar, Map<string, TimelineItem[]>>();

function endItems(
  calendar: CompiledCalendar,
  kinds: readonly ProviderKind[],
  /** The last year of an earlier agreement that still runs, or null: the one signed in this round. */
  runsUntil: number | null,
  insurerName: string,
  legal: LegalRules,
): TimelineItem[] {
  const file = calendar.file;
  const byEnd = new Map<number, { kinds: ProviderKind[]; sections: string[]; quote: string[]; years: number }>();
  for (const term of file.terms ?? []) {
    const hers = term.kinds.filter((kind) => kinds.includes(kind));
    if (hers.length === 0) continue;
    // An agreement of an earlier round that still runs ends when she said; else the one signed in this round.
    const end = runsUntil ?? file.year + term.years - 1;
    const entry = byEnd.get(end) ?? { kinds: [], sections: [], quote: [], years: end - file.year + 1 };
    entry.kinds.push(...hers);
    if (!entry.sections.includes(term.source.section)) entry.sections.push(term.source.section);
    if (!entry.quote.includes(term.source.quote)) entry.quote.push(term.source.quote);
    byEnd.set(end, entry);
  }
  const publication = legal.rules.find(
    (rule) => rule.actor === 'insurer' && rule.date.yearsBefore === 1 && rule.date.month === 4,
  );
  const items: TimelineItem[] = [];
  for (const [end, entry] of byEnd) {
    const due = `${end}-12-31`;
    const nl = listWords(
      entry.kinds.map((kind) => KIND_WORDS[kind].nl),
      'en',
    );
    const en = listWords(
      entry.kinds.map((kind) => KIND_WORDS[kind].en),
      'and',
    );
    const nextYear = end + 1;
    const nextPolicy = publication ? ruleDate(publication, nextYear) : null;
    const next: Text = nextPolicy
      ? {
          nl: `; daarna geldt de inkoopronde ${nextYear}, beleid uiterlijk ${dateWords(nextPolicy.due, 'nl')} (wettelijk)`,
          en: `; then the ${nextYear} purchasing round applies, policy by ${dateWords(nextPolicy.due, 'en')} (by law)`,
        }
      : { nl: `; daarna geldt de inkoopronde ${nextYear}`, en: `; then the ${nextYear} purchasing round applies` };
    const term =
      entry.years === 1 ? { nl: '1 jaar', en: '1 year' } : { nl: `${entry.years} jaar`, en: `${entry.years} years` };
    const sections = entry.sections.join(', ');
    items.push({
      id: `${calendar.key}/looptijd-einde-${end}`,
      calendar: calendar.key,
      calendarVersion: file.version ?? 1,
      insurer: file.insurer,
      title: {
        nl: `Uw overeenkomst ${nl} met ${insurerName} loopt af op ${dateWords(due, 'nl')}`,
        en: `Your ${en} agreement with ${insurerName} ends on ${dateWords(due, 'en')}`,
      },
      actor: 'provider',
      type: 'info',
      due,
      time: null,
      window: null,
      status: 'upcoming',
      chain: null,
      done: null,
      projected: false,
      waitsFor: null,
      capped: null,
      bindsWhen: null,
      optional: false,
      impliedBy: null,
      derivation: {
        nl: `looptijd ${term.nl} vanaf ${file.year} (document ${sections})${next.nl}`,
        en: `term of ${term.en} from ${file.year} (document ${sections})${next.en}`,
        reading: null,
      },
      flags: [],
      contact: file.contact,
      note: null,
      source: { document: file.document.title, section: sections, quote: entry.quote.join(' ') },
    });
  }
  return items;
}
