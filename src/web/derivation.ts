import type { CalendarSet } from '../domain/calendar-set.js';
import type { TimelineItem } from '../domain/types.js';
import { writtenDate, type Language } from './words.js';

const UNITS: Record<Language, Record<string, [string, string]>> = {
  nl: { days: ['dag', 'dagen'], weeks: ['week', 'weken'], months: ['maand', 'maanden'], years: ['jaar', 'jaar'], workingDays: ['werkdag', 'werkdagen'] },
  en: { days: ['day', 'days'], weeks: ['week', 'weeks'], months: ['month', 'months'], years: ['year', 'years'], workingDays: ['working day', 'working days'] },
};

/**
 * How a relative date was worked out ("4 weken na ‘Aanbod ontvangen’, vastgelegd op …"), from the calendar's rule,
 * for items that carry no `derivation` of their own.
 */
export function derivationFor(calendars: CalendarSet, items: readonly TimelineItem[], language: Language): (item: TimelineItem) => string | null {
  const byId = new Map(items.map((item) => [item.id, item]));
  return (item) => {
    const [insurer, year] = item.calendar.split('/');
    const calendar = calendars.get(insurer, Number(year));
    const line = calendar?.byItemId.get(item.id);
    const after = line?.rule.after;
    if (!calendar || !line || line.fixed || !line.refItemId || !after) return null;
    const unit = (Object.keys(UNITS[language]) as (keyof typeof after)[]).find((key) => typeof after[key] === 'number');
    if (!unit) return null;
    const amount = after[unit] as number;
    const words = UNITS[language][unit];
    const refTitle = calendar.byItemId.get(line.refItemId)?.title[language] ?? line.refItemId;
    const ref = byId.get(line.refItemId);
    const basis = ref?.done
      ? language === 'nl' ? `vastgelegd op ${writtenDate(ref.done, language)}` : `recorded on ${writtenDate(ref.done, language)}`
      : language === 'nl' ? 'nog niet vastgelegd, dus geschat' : 'not recorded yet, so estimated';
    const span = `${Math.abs(amount)} ${Math.abs(amount) === 1 ? words[0] : words[1]}`;
    return language === 'nl' ? `${span} ${amount < 0 ? 'vóór' : 'na'} ‘${refTitle}’ (${basis}).` : `${span} ${amount < 0 ? 'before' : 'after'} ‘${refTitle}’ (${basis}).`;
  };
}
