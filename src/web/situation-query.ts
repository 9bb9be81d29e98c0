import type { CalendarSet } from '../domain/calendar-set.js';
import { PROVIDER_KINDS, type AttributeValue, type Contract, type ProviderKind } from '../domain/types.js';
import type { Language } from '../domain/language.js';
import { wordsFor } from './words.js';

/**
 * "Mijn situatie" as URL query parameters, so one address (a page, a feed) is exactly one situation and needs
 * no account: `kind=verloskunde&c:cz-groep:2027=new&a:cz-groep:2027:organisatievorm=loondienst`.
 */
export interface Situation {
  kinds: ProviderKind[];
  contracts: Contract[];
}

export type SituationField = 'kind' | 'contracts' | `a:${string}`;
export interface SituationProblem {
  field: SituationField;
  code: 'no-kind' | 'no-contract' | 'bad-value' | 'unknown-insurer';
}

const CONTRACT = /^c:([a-z0-9-]+):(\d{4})$/;
const ATTRIBUTE = /^a:([a-z0-9-]+):(\d{4}):([A-Za-z0-9_-]+)$/;
/** The contract years the API accepts (src/schemas/providers.ts). */
const FIRST_YEAR = 2000;
const LAST_YEAR = 2100;

/** The API's rule (src/validation/provider-input.ts): an encoded calendar, or any year of a registered insurer. */
export function contractAllowed(calendars: CalendarSet, insurer: string, year: number): boolean {
  if (calendars.get(insurer, year)) return true;
  return calendars.registered(insurer) !== undefined && year >= FIRST_YEAR && year <= LAST_YEAR;
}

/**
 * What her dates with an insurer in a contract year rest on: the encoded document's version, or the law and her own
 * (and, for a year after an encoded one, last year's policy as expected dates).
 */
export function datesRestOn(calendars: CalendarSet, insurer: string, year: number, language: Language): string {
  const calendar = calendars.get(insurer, year);
  if (calendar) return wordsFor(language).datesRestOn(calendar.file.version ?? 1);
  const expectedFrom = calendars.expected(insurer, year) ? calendars.latest(insurer)?.file.year : undefined;
  return wordsFor(language).datesRestOn(null, expectedFrom);
}

/** The situation the parameters describe, or what is missing; unknown insurers, years and values are refused, not ignored. */
export function parseSituation(
  params: URLSearchParams,
  calendars: CalendarSet,
): { situation: Situation; problems: SituationProblem[] } {
  const problems: SituationProblem[] = [];
  const kinds = PROVIDER_KINDS.filter((kind) => params.getAll('kind').includes(kind));
  if (params.getAll('kind').some((kind) => !(PROVIDER_KINDS as readonly string[]).includes(kind)))
    problems.push({ field: 'kind', code: 'bad-value' });
  if (kinds.length === 0) problems.push({ field: 'kind', code: 'no-kind' });
  const contracts: Contract[] = [];
  for (const [key, value] of params) {
    const match = CONTRACT.exec(key);
    if (!match) continue;
    const calendar = calendars.get(match[1], Number(match[2]));
    if (!contractAllowed(calendars, match[1], Number(match[2]))) {
      problems.push({ field: 'contracts', code: 'unknown-insurer' });
      continue;
    }
    if (!['existing', 'new', 'none'].includes(value)) {
      problems.push({ field: 'contracts', code: 'bad-value' });
      continue;
    }
    if (value === 'none' || contracts.some((c) => c.insurer === match[1] && c.year === Number(match[2]))) continue;
    const contract: Contract = { insurer: match[1], year: Number(match[2]), status: value as Contract['status'] };
    const attributes: Record<string, AttributeValue> = {};
    // A registered insurer's year without a document declares no attributes: the law's dates and her own.
    for (const [name, declared] of Object.entries(calendar?.file.attributes ?? {})) {
      const given = params.get(`a:${match[1]}:${match[2]}:${name}`);
      if (given === null || given === '') continue;
      const found = declared.values.find((candidate) => String(candidate) === given);
      if (found === undefined) problems.push({ field: `a:${match[1]}:${match[2]}:${name}`, code: 'bad-value' });
      else attributes[name] = found;
    }
    if (Object.keys(attributes).length > 0) contract.attributes = attributes;
    contracts.push(contract);
  }
  for (const key of params.keys()) {
    const match = ATTRIBUTE.exec(key);
    if (match && !calendars.get(match[1], Number(match[2]))?.file.attributes?.[match[3]])
      problems.push({ field: `a:${match[1]}:${match[2]}:${match[3]}`, code: 'bad-value' });
  }
  if (contracts.length === 0 && !problems.some((p) => p.field === 'contracts'))
    problems.push({ field: 'contracts', code: 'no-contract' });
  return {
    situation: {
      kinds,
      contracts: contracts.sort((a, b) => `${a.insurer}/${a.year}`.localeCompare(`${b.insurer}/${b.year}`)),
    },
    problems,
  };
}

/** The canonical query string of a situation: the same situation always gives the same address. */
export function situationQuery(situation: Situation): string {
  const params = new URLSearchParams();
  for (const kind of PROVIDER_KINDS) if (situation.kinds.includes(kind)) params.append('kind', kind);
  for (const contract of situation.contracts) {
    params.append(`c:${contract.insurer}:${contract.year}`, contract.status);
    for (const [name, value] of Object.entries(contract.attributes ?? {}).sort(([a], [b]) => a.localeCompare(b))) {
      params.append(`a:${contract.insurer}:${contract.year}:${name}`, String(value));
    }
  }
  return params.toString();
}

/** The query part of a request URL, as parameters. */
export function queryOf(url: string): URLSearchParams {
  const at = url.indexOf('?');
  return new URLSearchParams(at === -1 ? '' : url.slice(at + 1));
}
