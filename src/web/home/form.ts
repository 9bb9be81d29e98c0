import type { CalendarSet } from '../../domain/calendar-set.js';
import { PROVIDER_KINDS, type CalendarFile, type IsoDate, type ProviderKind } from '../../domain/types.js';
import { yearChoices } from '../../domain/year-picture.js';
import { datesRestOn, type Situation } from '../situation-query.js';
import type { Language } from '../../domain/language.js';
import { kindLabel, wordsFor } from '../words.js';

/** The "mijn situatie" fields, filled with a situation (or empty): the same block on the home page and her settings. */
export interface SituationFormView {
  kinds: { value: string; label: string; checked: boolean; id: string }[];
  insurers: {
    name: string;
    legend: string;
    /** What her dates with this insurer and year rest on: the document (version n), or the law and her own. */
    restsOn: { id: string; text: string };
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
 * Every registered insurer (encoded ones first, each in registry order) with the contract years the form offers:
 * its encoded years, else the year whose round runs on `today`; and any other year her situation names.
 */
export function offeredContracts(
  calendars: CalendarSet,
  today: IsoDate,
  situation?: Situation,
): { insurer: string; year: number }[] {
  const encoded = calendars.insurers();
  const registered = calendars.registry.map((entry) => entry.id);
  const insurers = [
    ...new Set([
      ...registered.filter((id) => encoded.includes(id)),
      ...encoded,
      ...registered,
      ...(situation?.contracts.map((contract) => contract.insurer) ?? []),
    ]),
  ];
  return insurers.flatMap((insurer) => {
    const years = calendars
      .all()
      .filter((calendar) => calendar.file.insurer === insurer)
      .map((calendar) => calendar.file.year);
    if (years.length === 0) years.push(yearChoices(today)[0]);
    for (const contract of situation?.contracts ?? []) if (contract.insurer === insurer) years.push(contract.year);
    return [...new Set(years)].sort((a, b) => a - b).map((year) => ({ insurer, year }));
  });
}

/**
 * The form for a situation: an attribute a calendar asks about is named with the kinds it is for, and once her
 * kinds are known (her settings, the form shown again) it appears only where it applies.
 */
export function situationFormView(
  calendars: CalendarSet,
  language: Language,
  situation: Situation | undefined,
  today: IsoDate,
): SituationFormView {
  const words = wordsFor(language);
  return {
    kinds: PROVIDER_KINDS.map((kind, index) => ({
      value: kind,
      label: kindLabel(kind, language),
      checked: situation?.kinds.includes(kind) ?? false,
      id: index === 0 ? 'kind' : `kind-${kind}`,
    })),
    insurers: offeredContracts(calendars, today, situation).map(({ insurer, year }) => {
      const file = calendars.get(insurer, year)?.file;
      const insurerName = calendars.insurerName(insurer);
      const name = `c:${insurer}:${year}`;
      const contract = situation?.contracts.find((c) => c.insurer === insurer && c.year === year);
      const status = contract?.status ?? 'none';
      return {
        name,
        legend: words.contractLegend(insurerName, year),
        restsOn: { id: `${name}-basis`.replace(/:/g, '-'), text: datesRestOn(calendars, insurer, year, language) },
        options: (['existing', 'new', 'none'] as const).map((value) => ({
          value,
          label: words.contractOptions[value],
          checked: status === value,
          id: `${name}-${value}`.replace(/:/g, '-'),
        })),
        // A year without a document declares no attributes.
        attributes: Object.entries(file?.attributes ?? {}).flatMap(([attribute, declared]) => {
          const field = `a:${insurer}:${year}:${attribute}`;
          const current = contract?.attributes?.[attribute];
          const kinds = file ? kindsAsking(file, attribute) : [];
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
