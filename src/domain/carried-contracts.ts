import type { CompiledCalendar } from './calendar.js';
import type { CalendarSet } from './calendar-set.js';
import { expectedCloses, expectedYearOf } from './expected.js';
import type { CalendarFile, Contract, IsoDate, Provider } from './types.js';

/**
 * A contract year she did not register but will meet: her latest contract with an insurer carried forward
 * (status existing, its attributes kept), with what its dates rest on.
 */
export interface CarriedContract {
  contract: Contract;
  /**
   * The year's encoded calendar (`document`), the calendar expected from the insurer's latest encoded year
   * (`expected`), or none: the law's dates alone.
   */
  calendar:
    | { rests: 'document'; compiled: CompiledCalendar }
    | { rests: 'expected'; compiled: CompiledCalendar; baseYear: number }
    | null;
  /** The calendar whose kinds say whether the insurer buys her care at all: the year's own, else its latest. */
  coverage: CompiledCalendar | undefined;
}

function yearOf(date: IsoDate): number {
  return Number(date.slice(0, 4));
}

/**
 * The last contract year her agreement of `contract` runs: its registered `runsUntil`, or the document's term
 * (looptijd) for her kinds when every kind of hers the document gives a term for runs that long.
 */
export function agreementRunsUntil(
  file: CalendarFile | undefined,
  kinds: readonly string[],
  contract: Contract,
): number | undefined {
  const ends = (file?.terms ?? [])
    .filter((term) => term.kinds.some((kind) => kinds.includes(kind)))
    .map((term) => file!.year + term.years - 1);
  const byTerm = ends.length === 0 ? undefined : Math.min(...ends);
  if (byTerm === undefined || byTerm < contract.year) return contract.runsUntil;
  return contract.runsUntil === undefined ? byTerm : Math.max(contract.runsUntil, byTerm);
}

/**
 * Per insurer she holds a contract with: the contract years after her latest one that have not begun on `asOf`
 * (a round that closed keeps the law's dates of its year), up to the round that runs next calendar year (on 2 December 2026: 2027 and 2028; the round of year Y runs
 * in Y − 1). Her contract carries forward to them until she registers one of her own for that year.
 */
export function carriedContracts(provider: Provider, calendars: CalendarSet, asOf: IsoDate): CarriedContract[] {
  const carried: CarriedContract[] = [];
  const lastYear = yearOf(asOf) + 2;
  for (const insurer of new Set(provider.contracts.map((contract) => contract.insurer))) {
    const latestHeld = provider.contracts
      .filter((contract) => contract.insurer === insurer)
      .reduce((a, b) => (b.year > a.year ? b : a));
    const heldFile = calendars.get(insurer, latestHeld.year)?.file;
    const runsUntil = agreementRunsUntil(heldFile, provider.kinds, latestHeld);
    const latest = calendars.latest(insurer);
    const expectedYear = latest ? expectedYearOf(latest.file, asOf) : null;
    for (let year = latestHeld.year + 1; year <= lastYear; year++) {
      const encoded = calendars.get(insurer, year);
      // A round that closed before its year began still has the law's dates ahead (12 November: is she listed as
      // contracted?): the year is carried until it begins, its document's items then history, nothing expected.
      if (asOf >= `${year}-01-01`) continue;
      const contract: Contract = { ...latestHeld, year, status: 'existing', runsUntil };
      if (runsUntil === undefined) delete contract.runsUntil;
      const compiled = encoded ?? (year === expectedYear ? calendars.expected(insurer, year) : undefined);
      carried.push({
        contract,
        coverage: encoded ?? latest,
        calendar: encoded
          ? { rests: 'document', compiled: encoded }
          : compiled && latest
            ? { rests: 'expected', compiled, baseYear: latest.file.year }
            : null,
      });
    }
  }
  return carried;
}
