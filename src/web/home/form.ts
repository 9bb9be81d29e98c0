import type { CalendarSet } from '../../domain/calendar-set.js';
import { PROVIDER_KINDS } from '../../domain/types.js';
import type { Situation } from '../situation.js';
import { kindLabel, wordsFor, type Language } from '../words.js';

/** The "mijn situatie" fields, filled with a situation (or empty): the same block on the home page and her settings. */
export interface SituationFormView {
  kinds: { value: string; label: string; checked: boolean; id: string }[];
  insurers: {
    name: string;
    legend: string;
    options: { value: string; label: string; checked: boolean; id: string }[];
    attributes: { name: string; id: string; label: string; hint: string; options: { value: string; label: string; selected: boolean }[] }[];
  }[];
}

/** Attribute descriptions in the calendars are written for both readers; the page shows their first sentence. */
function firstSentence(text: string): string {
  const end = text.search(/[.;](\s|$)/);
  return end === -1 ? text : `${text.slice(0, end)}.`;
}

export function situationFormView(calendars: CalendarSet, language: Language, situation?: Situation): SituationFormView {
  const words = wordsFor(language);
  return {
    kinds: PROVIDER_KINDS.map((kind, index) => ({ value: kind, label: kindLabel(kind, language), checked: situation?.kinds.includes(kind) ?? false, id: index === 0 ? 'kind' : `kind-${kind}` })),
    insurers: calendars.all().map((calendar) => {
      const { insurer, year, insurerName } = calendar.file;
      const name = `c:${insurer}:${year}`;
      const contract = situation?.contracts.find((c) => c.insurer === insurer && c.year === year);
      const status = contract?.status ?? 'none';
      return {
        name,
        legend: words.contractLegend(insurerName, year),
        options: (['existing', 'new', 'none'] as const).map((value) => ({
          value, label: words.contractOptions[value], checked: status === value, id: `${name}-${value}`.replace(/:/g, '-'),
        })),
        attributes: Object.entries(calendar.file.attributes ?? {}).map(([attribute, declared]) => {
          const field = `a:${insurer}:${year}:${attribute}`;
          const current = contract?.attributes?.[attribute];
          return {
            name: field,
            id: field.replace(/:/g, '-'),
            label: `${insurerName}: ${attribute}`,
            hint: firstSentence(declared.description),
            options: [
              { value: '', label: words.attributeAny, selected: current === undefined },
              ...declared.values.map((value) => ({ value: String(value), label: String(value), selected: current !== undefined && String(current) === String(value) })),
            ],
          };
        }),
      };
    }),
  };
}
