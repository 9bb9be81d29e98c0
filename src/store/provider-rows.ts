import type { Language } from '../domain/language.js';
import type { AttributeValue, Contract, ContractStatus, ProviderKind } from '../domain/types.js';

// A provider as the store takes and gives it, and how the rows of its tables (providers, contracts, contacts) read
// as one; the statements that read and write them are provider-statements.ts, the store providers.ts.

export interface Contact {
  email: string;
  name: string | null;
  language: Language;
}

/** What a client sends for a provider, already validated. */
export interface ProviderInput {
  name: string;
  agb: string;
  kinds: ProviderKind[];
  contracts: Contract[];
  contacts: Contact[];
  reminderDays: number[];
  /** Show the next contract year's expected dates (absent: yes). */
  showExpected?: boolean;
}

export interface ProviderRecord extends ProviderInput {
  showExpected: boolean;
  id: string;
  ownerKeyId: string;
  feedToken: string;
  createdAt: string;
  updatedAt: string;
}

/** Whose providers a request may see: its own, or every one for an admin key. */
export interface Tenant {
  keyId: string;
  admin: boolean;
}

export interface ProviderFilter {
  kind?: ProviderKind;
  insurer?: string;
  agb?: string;
  /** Only providers changed at or after this instant (ISO, UTC): the provider, its events or its own dates. */
  changedSince?: string;
  limit: number;
  offset: number;
  /** Keyset paging: only providers after this one in the list's order (creation, then id). */
  after?: { createdAt: string; id: string };
}

export interface ProviderRow {
  id: string;
  owner_key_id: string;
  name: string;
  agb: string;
  kinds: string;
  reminder_days: string;
  show_expected: number;
  created_at: string;
  updated_at: string;
}

export interface ContractRow {
  provider_id: string;
  insurer: string;
  year: number;
  status: ContractStatus;
  runs_until: number | null;
  attributes: string;
}

export interface ContactRow {
  provider_id: string;
  email: string;
  name: string | null;
  language: Language;
}

/** The provider row's columns an insert or update writes from the input. */
export function providerColumns(input: ProviderInput): {
  name: string;
  agb: string;
  kinds: string;
  reminderDays: string;
  showExpected: number;
} {
  return {
    name: input.name,
    agb: input.agb,
    kinds: JSON.stringify(input.kinds),
    reminderDays: JSON.stringify(input.reminderDays),
    showExpected: input.showExpected === false ? 0 : 1,
  };
}

/** The contract row's columns. */
export function contractColumns(
  providerId: string,
  contract: Contract,
): {
  providerId: string;
  insurer: string;
  year: number;
  status: ContractStatus;
  runsUntil: number | null;
  attributes: string;
} {
  return {
    providerId,
    insurer: contract.insurer,
    year: contract.year,
    status: contract.status,
    runsUntil: contract.runsUntil ?? null,
    attributes: JSON.stringify(contract.attributes ?? {}),
  };
}

/** A provider row with its contract and contact rows (in their stored order) and its current feed token. */
export function toProviderRecord(
  row: ProviderRow,
  contracts: readonly ContractRow[],
  contacts: readonly ContactRow[],
  feedToken: string,
): ProviderRecord {
  return {
    id: row.id,
    ownerKeyId: row.owner_key_id,
    name: row.name,
    agb: row.agb,
    kinds: JSON.parse(row.kinds) as ProviderKind[],
    contracts: contracts.map(toContract),
    contacts: contacts.map((c) => ({ email: c.email, name: c.name, language: c.language })),
    reminderDays: JSON.parse(row.reminder_days) as number[],
    showExpected: row.show_expected === 1,
    feedToken,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

function toContract(row: ContractRow): Contract {
  const contract: Contract = { insurer: row.insurer, year: row.year, status: row.status };
  if (row.runs_until !== null) contract.runsUntil = row.runs_until;
  const attributes = JSON.parse(row.attributes) as Record<string, AttributeValue>;
  if (Object.keys(attributes).length > 0) contract.attributes = attributes;
  return contract;
}

/** Rows by a key, each group in the rows' order. */
export function groupBy<T>(rows: T[], key: (row: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const row of rows) {
    const group = groups.get(key(row));
    if (group) group.push(row);
    else groups.set(key(row), [row]);
  }
  return groups;
}
