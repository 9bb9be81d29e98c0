import { randomUUID } from 'node:crypto';
import { LRUCache } from 'lru-cache';
import type { Language } from '../domain/language.js';
import type { AttributeValue, Contract, ContractStatus, ProviderKind } from '../domain/types.js';
import { nowIso, type Db } from './database.js';
import type { NewContactLedger } from './new-contacts.js';
import { SecretTokens } from './secrets.js';

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

interface ProviderRow {
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

interface ContractRow {
  provider_id: string;
  insurer: string;
  year: number;
  status: ContractStatus;
  runs_until: number | null;
  attributes: string;
}

interface ContactRow {
  provider_id: string;
  email: string;
  name: string | null;
  language: Language;
}

/** Another provider of the same tenant already has this AGB code. */
export class DuplicateAgbError extends Error {
  override name = 'DuplicateAgbError';

  constructor(
    message: string,
    /** The provider that has the AGB code already. */
    readonly existingId: string,
  ) {
    super(message);
  }
}

const TENANT = '(@admin = 1 OR p.owner_key_id = @keyId)';
const FILTERS = `${TENANT}
  AND (@kind IS NULL OR EXISTS (SELECT 1 FROM json_each(p.kinds) WHERE json_each.value = @kind))
  AND (@insurer IS NULL OR EXISTS (SELECT 1 FROM contracts c WHERE c.provider_id = p.id AND c.insurer = @insurer))
  AND (@agb IS NULL OR p.agb = @agb)
  AND (@changedSince IS NULL OR p.updated_at >= @changedSince
    OR EXISTS (SELECT 1 FROM events e WHERE e.provider_id = p.id
      AND (e.recorded_at >= @changedSince OR e.deleted_at >= @changedSince))
    OR EXISTS (SELECT 1 FROM own_date_changes o WHERE o.provider_id = p.id AND o.changed_at >= @changedSince))`;

export class ProviderStore {
  private readonly statements;
  private readonly tokens: SecretTokens;
  /** Versions read per provider and tenant with the generation they were read at; bounded, least recently used first. */
  private readonly versions = new LRUCache<string, { version: string; generation: string }>({ max: 10_000 });

  /** `newContacts`: the per-key daily cap on new contact addresses (the API's store); without it, none. */
  constructor(
    private readonly db: Db,
    private readonly options: { newContacts?: NewContactLedger } = {},
  ) {
    this.tokens = new SecretTokens(db);
    this.statements = {
      insert:
        db.prepare(`INSERT INTO providers (id, owner_key_id, name, agb, kinds, reminder_days, show_expected, feed_token, feed_token_hash, created_at, updated_at)
        VALUES (@id, @ownerKeyId, @name, @agb, @kinds, @reminderDays, @showExpected, @id, @id, @now, @now)`),
      update:
        db.prepare(`UPDATE providers SET name = @name, agb = @agb, kinds = @kinds, reminder_days = @reminderDays, show_expected = @showExpected, updated_at = @now
        WHERE id = @id`),
      delete: db.prepare<[string]>('DELETE FROM providers WHERE id = ?'),
      get: db.prepare<{ id: string; keyId: string; admin: number }, ProviderRow>(
        `SELECT p.* FROM providers p WHERE p.id = @id AND ${TENANT}`,
      ),
      byId: db.prepare<[string], ProviderRow>('SELECT p.* FROM providers p WHERE p.id = ?'),
      version: db.prepare<
        { id: string; keyId: string; admin: number },
        { feedVersion: number; feedNonce: string | null }
      >(`SELECT p.feed_version AS feedVersion,
        (SELECT t.nonce FROM secret_tokens t WHERE t.purpose = 'feed' AND t.subject = p.id AND t.nonce IS NOT NULL) AS feedNonce
        FROM providers p WHERE p.id = @id AND ${TENANT}`),
      byIds: db.prepare<[string], ProviderRow>(
        'SELECT p.* FROM providers p WHERE p.id IN (SELECT value FROM json_each(?))',
      ),
      touch: db.prepare('UPDATE providers SET updated_at = @now WHERE id = @id'),
      contactsWithoutToken: db.prepare<
        [string],
        { id: number }
      >(`SELECT id FROM contacts c WHERE provider_id = ? AND NOT EXISTS
        (SELECT 1 FROM secret_tokens t WHERE t.purpose = 'unsubscribe' AND t.subject = CAST(c.id AS TEXT) AND t.nonce IS NOT NULL)`),
      page: db.prepare<Record<string, unknown>, ProviderRow>(`SELECT p.* FROM providers p WHERE ${FILTERS}
        AND (@afterCreated IS NULL OR (p.created_at, p.id) > (@afterCreated, @afterId))
        ORDER BY p.created_at, p.id LIMIT @limit OFFSET @offset`),
      count: db.prepare<Record<string, unknown>, { total: number }>(
        `SELECT count(*) AS total FROM providers p WHERE ${FILTERS}`,
      ),
      ownedWithAgb: db.prepare<[string, string], ProviderRow>(
        'SELECT p.* FROM providers p WHERE owner_key_id = ? AND agb = ?',
      ),
      agbTaken: db.prepare<[string, string, string], { id: string }>(
        'SELECT id FROM providers WHERE owner_key_id = ? AND agb = ? AND id <> ?',
      ),
      deleteContracts: db.prepare<[string]>('DELETE FROM contracts WHERE provider_id = ?'),
      // Contacts that stay keep their row: their unsubscribe token and choice survive an update.
      deleteOtherContacts: db.prepare<[string, string]>(`DELETE FROM contacts WHERE provider_id = ?
        AND lower(email) NOT IN (SELECT lower(value) FROM json_each(?))`),
      insertContract: db.prepare(`INSERT INTO contracts (provider_id, insurer, year, status, runs_until, attributes)
        VALUES (@providerId, @insurer, @year, @status, @runsUntil, @attributes)`),
      insertContact: db.prepare(`INSERT INTO contacts (provider_id, position, email, name, language)
        VALUES (@providerId, @position, @email, @name, @language)
        ON CONFLICT (provider_id, email COLLATE NOCASE) DO UPDATE
        SET position = excluded.position, email = excluded.email, name = excluded.name, language = excluded.language`),
      contractsOf: db.prepare<
        [string],
        ContractRow
      >(`SELECT * FROM contracts WHERE provider_id IN (SELECT value FROM json_each(?))
        ORDER BY insurer, year`),
      contactsOf: db.prepare<
        [string],
        ContactRow
      >(`SELECT * FROM contacts WHERE provider_id IN (SELECT value FROM json_each(?))
        ORDER BY position`),
    };
  }

  create(ownerKeyId: string, input: ProviderInput): ProviderRecord {
    const id = randomUUID();
    this.db.transaction(() => {
      this.assertAgbFree(ownerKeyId, input.agb, id);
      this.statements.insert.run({ id, ownerKeyId, ...this.columns(input), now: nowIso() });
      this.tokens.issue('feed', id);
      this.writeChildren(id, ownerKeyId, input);
    })();
    return this.get(id, { keyId: ownerKeyId, admin: true }) as ProviderRecord;
  }

  get(id: string, tenant: Tenant): ProviderRecord | undefined {
    const row = this.statements.get.get({ id, keyId: tenant.keyId, admin: tenant.admin ? 1 : 0 });
    return row && this.withChildren([row])[0];
  }

  /**
   * What the provider's answers are built from, without reading its children: the feed counter (every write to
   * the provider row, its contracts or events moves it; contacts change only with the row) and the nonce of its
   * feed token (a new feed address). Undefined when the tenant may not see the provider. With the request's
   * `generation`, a version read at that same generation is answered without a statement.
   */
  versionOf(id: string, tenant: Tenant, generation?: string | null): string | undefined {
    // Read at this generation before: nothing in the database has changed since (src/store/generation.ts).
    const key = `${id}\n${tenant.keyId}\n${tenant.admin}`;
    const known = generation == null ? undefined : this.versions.get(key);
    if (known !== undefined && known.generation === generation) return known.version;
    const row = this.statements.version.get({ id, keyId: tenant.keyId, admin: tenant.admin ? 1 : 0 });
    if (!row) return undefined;
    const version = `${row.feedVersion}|${row.feedNonce}`;
    if (generation != null) this.versions.set(key, { version, generation });
    return version;
  }

  /** Every provider of these ids that exists, in the order given, read together (the reminder runner's pages). */
  getMany(ids: readonly string[]): ProviderRecord[] {
    if (ids.length === 0) return [];
    const byId = new Map(
      this.withChildren(this.statements.byIds.all(JSON.stringify(ids))).map((provider) => [provider.id, provider]),
    );
    return ids.flatMap((id) => byId.get(id) ?? []);
  }

  /** The provider this key registered with this AGB code (one at most: a key's AGB codes are unique). */
  ownedWithAgb(ownerKeyId: string, agb: string): ProviderRecord | undefined {
    const row = this.statements.ownedWithAgb.get(ownerKeyId, agb);
    return row && this.withChildren([row])[0];
  }

  /** For the feeds: the provider whose feed address carries `token`. */
  getByFeedToken(token: string): ProviderRecord | undefined {
    const id = this.tokens.find('feed', token);
    const row = id === undefined ? undefined : this.statements.byId.get(id);
    return row && this.withChildren([row])[0];
  }

  list(tenant: Tenant, filter: ProviderFilter): { items: ProviderRecord[]; total: number } {
    const params = {
      keyId: tenant.keyId,
      admin: tenant.admin ? 1 : 0,
      kind: filter.kind ?? null,
      insurer: filter.insurer ?? null,
      agb: filter.agb ?? null,
      changedSince: filter.changedSince ?? null,
    };
    const after = { afterCreated: filter.after?.createdAt ?? null, afterId: filter.after?.id ?? null };
    return this.db.transaction(() => ({
      items: this.withChildren(
        this.statements.page.all({ ...params, ...after, limit: filter.limit, offset: filter.offset }),
      ),
      total: (this.statements.count.get(params) as { total: number }).total,
    }))();
  }

  /** Replace every field of an existing provider (the caller merges a PATCH into the stored provider first). */
  update(existing: ProviderRecord, input: ProviderInput): ProviderRecord {
    this.db.transaction(() => {
      this.assertAgbFree(existing.ownerKeyId, input.agb, existing.id);
      this.statements.update.run({ id: existing.id, ...this.columns(input), now: nowIso() });
      this.statements.deleteContracts.run(existing.id);
      this.statements.deleteOtherContacts.run(
        existing.id,
        JSON.stringify(input.contacts.map((contact) => contact.email)),
      );
      this.writeChildren(existing.id, existing.ownerKeyId, input);
    })();
    return this.get(existing.id, { keyId: existing.ownerKeyId, admin: true }) as ProviderRecord;
  }

  /** A new feed token: the old feed and page addresses stop answering with the next request. */
  rotateFeedToken(existing: ProviderRecord): ProviderRecord {
    this.db.transaction(() => {
      this.tokens.issue('feed', existing.id);
      this.statements.touch.run({ id: existing.id, now: nowIso() });
    })();
    return this.get(existing.id, { keyId: existing.ownerKeyId, admin: true }) as ProviderRecord;
  }

  /** Deletes the provider with its contracts, contacts and events. */
  delete(id: string): boolean {
    return this.statements.delete.run(id).changes === 1;
  }

  private assertAgbFree(ownerKeyId: string, agb: string, id: string): void {
    const existing = this.statements.agbTaken.get(ownerKeyId, agb, id);
    if (existing) throw new DuplicateAgbError(`a provider with AGB code ${agb} already exists`, existing.id);
  }

  private columns(input: ProviderInput): {
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

  private writeChildren(providerId: string, ownerKeyId: string, input: ProviderInput): void {
    for (const contract of input.contracts) {
      this.statements.insertContract.run({
        providerId,
        insurer: contract.insurer,
        year: contract.year,
        status: contract.status,
        runsUntil: contract.runsUntil ?? null,
        attributes: JSON.stringify(contract.attributes ?? {}),
      });
    }
    input.contacts.forEach((contact, position) => {
      this.statements.insertContact.run({ providerId, position, ...contact });
    });
    // A contact that stays keeps its token (and its unsubscribe link); a new one gets its own.
    const added = this.statements.contactsWithoutToken.all(providerId);
    // A new address counts against the key's daily cap; past it, the whole write is rolled back.
    this.options.newContacts?.admit(ownerKeyId, added.length);
    for (const { id } of added) this.tokens.issue('unsubscribe', id);
  }

  private withChildren(rows: ProviderRow[]): ProviderRecord[] {
    if (rows.length === 0) return [];
    const ids = JSON.stringify(rows.map((row) => row.id));
    const contracts = groupBy(this.statements.contractsOf.all(ids), (row) => row.provider_id);
    const contacts = groupBy(this.statements.contactsOf.all(ids), (row) => row.provider_id);
    const feedTokens = this.tokens.currentOf(
      'feed',
      rows.map((row) => row.id),
    );
    return rows.map((row) => ({
      id: row.id,
      ownerKeyId: row.owner_key_id,
      name: row.name,
      agb: row.agb,
      kinds: JSON.parse(row.kinds) as ProviderKind[],
      contracts: (contracts.get(row.id) ?? []).map(toContract),
      contacts: (contacts.get(row.id) ?? []).map((c) => ({ email: c.email, name: c.name, language: c.language })),
      reminderDays: JSON.parse(row.reminder_days) as number[],
      showExpected: row.show_expected === 1,
      feedToken: feedTokens.get(row.id) ?? this.tokens.issue('feed', row.id),
      createdAt: row.created_at,
      updatedAt: row.updated_at,
    }));
  }
}

function toContract(row: ContractRow): Contract {
  const contract: Contract = { insurer: row.insurer, year: row.year, status: row.status };
  if (row.runs_until !== null) contract.runsUntil = row.runs_until;
  const attributes = JSON.parse(row.attributes) as Record<string, AttributeValue>;
  if (Object.keys(attributes).length > 0) contract.attributes = attributes;
  return contract;
}

function groupBy<T>(rows: T[], key: (row: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const row of rows) {
    const group = groups.get(key(row));
    if (group) group.push(row);
    else groups.set(key(row), [row]);
  }
  return groups;
}
