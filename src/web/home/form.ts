import type { CalendarSet } from '../../domain/calendar-set.js';
import { PROVIDER_KINDS, type CalendarFile, type ProviderKind } from '../../domain/types.js';
import type { Situation } from '../situation.js';
import { kindLabel, wordsFor, type Language } from '../words.js';

/** The "mijn situatie" fields, filled with a situation (or empty): the same block on the home page and her settings. */
export interface SituationFormView {
  kinds: { value: string; label: string; checked: boolean; id: string }[];
  insurers: {
    name: string;
    legend: string;
    options: { value: string; label: string; checked: boolean; id: string }[];
    attributes: {
      name: string;
      id: string;
      label: string;
      hint: string;
      options: { value: string; label: string; selected: boolean }[];
    }[];
  }[];
}

/** Without the calendar's `form` words, the page shows the first sentence of the attribute's description. */
function firstSentence(text: string): string {
  const end = text.search(/[.;](\s|$)/);
  return end === -1 ? text : `${text.slice(0, end)}.`;
}

/** The kinds of care for which an attribute changes which lines apply: read from the calendar's own `appliesTo`. */
export function kindsAsking(file: CalendarFile, attribute: string): ProviderKind[] {
  const kinds = new Set<ProviderKind>();
  for (const line of [...file.milestones, ...(file.chains ?? [])]) {
    if (line.appliesTo.attributes?.[attribute] !== undefined) for (const kind of line.appliesTo.kinds) kinds.add(kind);
  }
  return PROVIDER_KINDS.filter((kind) => kinds.has(kind));
}

/**
 * The form for a situation: an attribute a calendar asks about is named with the kinds it is for, and once her
 * kinds are known (her settings, the form shown again) it appears only where it applies.
 */
export function situationFormView(
  calendars: CalendarSet,
  language: Language,
  situation?: Situation,
): SituationFormView {
  const words = wordsFor(language);
  return {
    kinds: PROVIDER_KINDS.map((kind, index) => ({
      value: kind,
      label: kindLabel(kind, language),
      checked: situation?.kinds.includes(kind) ?? false,
      id: index === 0 ? 'kind' : `kind-${kind}`,
    })),
    insurers: calendars.all().map((calendar) => {
      const { insurer, year, insurerName } = calendar.file;
      const name = `c:${insurer}:${year}`;
      const contract = situation?.contracts.find((c) => c.insurer === insurer && c.year === year);
      const status = contract?.status ?? 'none';
      return {
        name,
        legend: words.contractLegend(insurerName, year),
        options: (['existing', 'new', 'none'] as const).map((value) => ({
          value,
          label: words.contractOptions[value],
          checked: status === value,
          id: `${name}-${value}`.replace(/:/g, '-'),
        })),
        attributes: Object.entries(calendar.file.attributes ?? {}).flatMap(([attribute, declared]) => {
          const field = `a:${insurer}:${year}:${attribute}`;
          const current = contract?.attributes?.[attribute];
          const kinds = kindsAsking(calendar.file, attribute);
          const applies =
            !situation ||
            situation.kinds.length === 0 ||
            kinds.length === 0 ||
            kinds.some((kind) => situation.kinds.includes(kind)) ||
            current !== undefined;
          if (!applies) return [];
          const only = kinds.length === 0 ? '' : ` (${words.onlyFor(kinds.map((kind) => kindLabel(kind, language)))})`;
          // The calendar's own words in her language where it gives them (`form`), else its name and description.
          const asked = declared.form?.[language];
          return [
            {
              name: field,
              id: field.replace(/:/g, '-'),
              label: `${insurerName}: ${asked?.label ?? attribute}${only}`,
              hint: asked?.hint ?? firstSentence(declared.description),
              options: [
                { value: '', label: words.attributeAny, selected: current === undefined },
                ...declared.values.map((value) => ({
                  value: String(value),
                  label: asked?.values[String(value)] ?? String(value),
                  selected: current !== undefined && String(current) === String(value),
                })),
              ],
            },
          ];
        }),
      };
    }),
  };
}
