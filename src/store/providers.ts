import { randomUUID } from 'node:crypto';
import { LRUCache } from 'lru-cache';
import { nowIso, type Db } from './database.js';
import type { NewContactLedger } from './new-contacts.js';
import {
  contractColumns,
  groupBy,
  providerColumns,
  toProviderRecord,
  type ProviderInput,
  type ProviderRecord,
  type ProviderRow,
  type Tenant,
  type ProviderFilter,
} from './provider-rows.js';
import { prepareProviderStatements, type ProviderStatements } from './provider-statements.js';
import { SecretTokens } from './secrets.js';

export type { Contact, ProviderFilter, ProviderInput, ProviderRecord, Tenant } from './provider-rows.js';

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

/**
 * Providers with their contracts and contacts, each read and written whole, and their feed tokens. Its SQL is
 * provider-statements.ts; how its rows read as a provider, provider-rows.ts.
 */
export class ProviderStore {
  private readonly statements: ProviderStatements;
  private readonly tokens: SecretTokens;
  /** Versions read per provider and tenant with the generation they were read at; bounded, least recently used first. */
  private readonly versions = new LRUCache<string, { version: string; generation: string }>({ max: 10_000 });

  /** `newContacts`: the per-key daily cap on new contact addresses (the API's store); without it, none. */
  constructor(
    private readonly db: Db,
    private readonly options: { newContacts?: NewContactLedger } = {},
  ) {
    this.tokens = new SecretTokens(db);
    this.statements = prepareProviderStatements(db);
  }

  create(ownerKeyId: string, input: ProviderInput): ProviderRecord {
    const id = randomUUID();
    this.db.transaction(() => {
      this.assertAgbFree(ownerKeyId, input.agb, id);
      this.statements.insert.run({ id, ownerKeyId, ...providerColumns(input), now: nowIso() });
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
      this.statements.update.run({ id: existing.id, ...providerColumns(input), now: nowIso() });
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

  private writeChildren(providerId: string, ownerKeyId: string, input: ProviderInput): void {
    for (const contract of input.contracts) {
      this.statements.insertContract.run(contractColumns(providerId, contract));
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
    return rows.map((row) =>
      toProviderRecord(
        row,
        contracts.get(row.id) ?? [],
        contacts.get(row.id) ?? [],
        feedTokens.get(row.id) ?? this.tokens.issue('feed', row.id),
      ),
    );
  }
}
