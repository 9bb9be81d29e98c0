import type { CompiledCalendar, CompiledLine } from './calendar.js';
import { ownEntry } from './own-property.js';
import type { AppliesTo, Contract, Provider, ProviderKind } from './types.js';

/** Which lines of a calendar apply to a provider's contract: kinds, status, attributes, exceptions, a running agreement. */

export function appliesTo(rule: AppliesTo, provider: Provider, contract: Contract): boolean {
  const excluded = (kind: ProviderKind): boolean =>
    rule.except !== undefined &&
    rule.except.kinds.includes(kind) &&
    (rule.except.status ?? [contract.status]).includes(contract.status);
  if (!rule.kinds.some((kind) => provider.kinds.includes(kind) && !excluded(kind))) return false;
  if (rule.status && !rule.status.includes(contract.status)) return false;
  for (const [name, values] of Object.entries(rule.attributes ?? {})) {
    const value = ownEntry(contract.attributes, name);
    // An attribute the provider has not given: show the line (missing one is worse than one too many).
    if (value !== undefined && !values.includes(value)) return false;
  }
  return true;
}

const applicableIds = new WeakMap<CompiledLine[], Set<string>>();

/** The item ids of a cached list of applicable lines (caps apply only when their line is among them). */
export function idsOf(lines: CompiledLine[]): Set<string> {
  let ids = applicableIds.get(lines);
  if (!ids) applicableIds.set(lines, (ids = new Set(lines.map((line) => line.itemId))));
  return ids;
}

/** Lines are the same for every provider of one archetype: cache them per calendar and archetype. */
const applicableCache = new WeakMap<CompiledCalendar, Map<string, CompiledLine[]>>();

export function applicableLines(calendar: CompiledCalendar, provider: Provider, contract: Contract): CompiledLine[] {
  const agreementRuns = contract.runsUntil !== undefined && contract.runsUntil >= calendar.file.year;
  const archetype = JSON.stringify([
    [...provider.kinds].sort(),
    contract.status,
    agreementRuns,
    contract.attributes ?? null,
  ]);
  let cache = applicableCache.get(calendar);
  if (!cache) applicableCache.set(calendar, (cache = new Map()));
  let lines = cache.get(archetype);
  if (!lines) {
    lines = calendar.lines.filter(
      (line) => appliesTo(line.appliesTo, provider, contract) && !(agreementRuns && line.signing),
    );
    if (cache.size < 10_000) cache.set(archetype, lines);
  }
  return lines;
}
