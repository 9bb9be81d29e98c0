import type { CalendarFile, ContractStatus, ProviderKind } from './types.js';

/** Per calendar file, read once: every provider's timeline asks for each of her contracts (18% of its time). */
const covered = new WeakMap<CalendarFile, ReadonlySet<ProviderKind>>();

/**
 * The kinds of care a calendar covers: every kind one of its lines or terms names. A kind no line names is care
 * the insurer does not buy that year (Z&Z 2026 names no VSV), so a page can say so instead of "nothing to do".
 */
export function kindsCovered(file: CalendarFile): ReadonlySet<ProviderKind> {
  let kinds = covered.get(file);
  if (!kinds) {
    kinds = new Set([
      ...file.milestones.flatMap((line) => line.appliesTo.kinds),
      ...(file.chains ?? []).flatMap((chain) => chain.appliesTo.kinds),
      ...(file.terms ?? []).flatMap((term) => term.kinds),
    ]);
    covered.set(file, kinds);
  }
  return kinds;
}

/** Her kinds that an insurer's calendar of that year does not cover, per contract; contracts without a calendar are left out. */
export function uncontractedKinds(
  situation: {
    kinds: readonly ProviderKind[];
    contracts: readonly { insurer: string; year: number; status: ContractStatus }[];
  },
  calendarOf: (insurer: string, year: number) => CalendarFile | undefined,
): { insurer: string; year: number; kinds: ProviderKind[] }[] {
  return situation.contracts.flatMap((contract) => {
    const file = calendarOf(contract.insurer, contract.year);
    if (!file) return [];
    const covered = kindsCovered(file);
    const kinds = situation.kinds.filter((kind) => !covered.has(kind));
    return kinds.length > 0 ? [{ insurer: contract.insurer, year: contract.year, kinds }] : [];
  });
}
