import type { CompiledCalendar } from '../../src/domain/calendar.js';
import {
  PROVIDER_KINDS,
  CONTRACT_STATUSES,
  type AttributeValue,
  type Provider,
  type ProviderKind,
  type ContractStatus,
  type RecordedEvent,
} from '../../src/domain/types.js';

/** One provider shape whose generic timeline is kept as an expected-output fixture. */
export interface Archetype {
  name: string;
  kind: ProviderKind;
  status: ContractStatus;
  attributes?: Record<string, AttributeValue>;
  runsUntil?: number;
  /** Recorded events: a conditional chain's trigger, so its steps are on the timeline. */
  events?: RecordedEvent[];
}

/**
 * Every kind × status of a calendar; for each declared attribute that selects lines of a kind,
 * one variant per value; for kinds with a signing round, the variant whose agreement still runs;
 * and for each conditional chain, the variant whose trigger is recorded.
 */
export function archetypesOf(calendar: CompiledCalendar): Archetype[] {
  const archetypes: Archetype[] = [];
  for (const kind of PROVIDER_KINDS) {
    for (const status of CONTRACT_STATUSES) {
      archetypes.push({ name: `${kind}-${status}`, kind, status });
      const lines = calendar.lines.filter(
        (line) => line.appliesTo.kinds.includes(kind) && (line.appliesTo.status ?? CONTRACT_STATUSES).includes(status),
      );
      for (const [attribute, declared] of Object.entries(calendar.file.attributes ?? {})) {
        if (!lines.some((line) => line.appliesTo.attributes?.[attribute])) continue;
        for (const value of declared.values) {
          archetypes.push({
            name: `${kind}-${status}-${attribute}=${value}`,
            kind,
            status,
            attributes: { [attribute]: value },
          });
        }
      }
      if (status === 'existing' && lines.some((line) => line.signing)) {
        archetypes.push({ name: `${kind}-${status}-agreement-runs`, kind, status, runsUntil: calendar.file.year });
      }
      // A conditional chain shows its steps once its trigger is recorded: on the first day of its window.
      for (const trigger of lines.filter((line) => line.trigger && lines.some((step) => step.awaits === line.itemId))) {
        const date = trigger.fixed?.window?.from ?? trigger.fixed!.due;
        archetypes.push({
          name: `${kind}-${status}-${trigger.chain!.id}-started`,
          kind,
          status,
          events: [{ item: trigger.itemId, date }],
        });
      }
    }
  }
  return archetypes;
}

export function providerOf(calendar: CompiledCalendar, archetype: Archetype): Provider {
  return {
    kinds: [archetype.kind],
    contracts: [
      {
        insurer: calendar.file.insurer,
        year: calendar.file.year,
        status: archetype.status,
        attributes: archetype.attributes,
        runsUntil: archetype.runsUntil,
      },
    ],
  };
}

/** Fixtures are computed as of 1 January of the purchasing year: every date still ahead. */
export function fixtureAsOf(calendar: CompiledCalendar): string {
  return `${calendar.file.year - 1}-01-01`;
}
