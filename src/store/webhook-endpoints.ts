import { randomUUID } from 'node:crypto';
import { nowIso, type Db } from './database.js';
import type { Tenant } from './providers.js';
import { derivedSecretBytes, randomToken } from './secrets.js';

/** A tenant's webhook endpoint; its secret is never stored (see migrations/010_webhooks.sql). */
export interface WebhookEndpoint {
  id: string;
  ownerKeyId: string;
  url: string;
  /** Event types it receives; null: all. */
  events: string[] | null;
  disabledAt: string | null;
  disabledReason: string | null;
  /** Until when the secret before the last rotation still signs; null when there is none. */
  previousSecretUntil: string | null;
  createdAt: string;
  updatedAt: string;
}

interface EndpointRow {
  id: string;
  owner_key_id: string;
  url: string;
  events: string | null;
  secret_nonce: string;
  previous_secret_nonce: string | null;
  previous_secret_until: string | null;
  disabled_at: string | null;
  disabled_reason: string | null;
  created_at: string;
  updated_at: string;
}

/** After a rotation the previous secret keeps signing this long, so a receiver can switch without losing one. */
export const PREVIOUS_SECRET_VALID_MS = 24 * 60 * 60 * 1000;

const TENANT = '(@admin = 1 OR owner_key_id = @keyId)';

function toEndpoint(row: EndpointRow): WebhookEndpoint {
  return {
    id: row.id,
    ownerKeyId: row.owner_key_id,
    url: row.url,
    events: row.events === null ? null : (JSON.parse(row.events) as string[]),
    disabledAt: row.disabled_at,
    disabledReason: row.disabled_reason,
    previousSecretUntil: row.previous_secret_until,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

/** The Standard Webhooks form of 32 secret bytes: `whsec_` + base64. */
function whsec(bytes: Buffer): string {
  return `whsec_${bytes.toString('base64')}`;
}

export class WebhookEndpointStore {
  private readonly statements;

  constructor(private readonly db: Db) {
    const tenant = (sql: string) => db.prepare(sql.replace('@tenant', TENANT));
    this.statements = {
      insert:
        db.prepare(`INSERT INTO webhook_endpoints (id, owner_key_id, url, events, secret_nonce, created_at, updated_at)
        VALUES (@id, @ownerKeyId, @url, @events, @nonce, @now, @now)`),
      get: tenant('SELECT * FROM webhook_endpoints WHERE id = @id AND @tenant'),
      byId: db.prepare<[string], EndpointRow>('SELECT * FROM webhook_endpoints WHERE id = ?'),
      list: tenant('SELECT * FROM webhook_endpoints WHERE @tenant ORDER BY created_at, id'),
      update: tenant(`UPDATE webhook_endpoints SET url = @url, events = @events, disabled_at = @disabledAt,
        disabled_reason = @disabledReason, updated_at = @now WHERE id = @id AND @tenant`),
      remove: tenant('DELETE FROM webhook_endpoints WHERE id = @id AND @tenant'),
      rotate: tenant(`UPDATE webhook_endpoints SET previous_secret_nonce = secret_nonce, previous_secret_until = @until,
        secret_nonce = @nonce, updated_at = @now WHERE id = @id AND @tenant`),
      subscribers: db.prepare<[string, string], EndpointRow>(`SELECT * FROM webhook_endpoints
        WHERE owner_key_id = ? AND owner_key_id IN (SELECT id FROM api_keys WHERE revoked_at IS NULL)
          AND (events IS NULL OR EXISTS (SELECT 1 FROM json_each(events) WHERE value = ?))
        ORDER BY created_at, id`),
      subscribersOfType: db.prepare<[string], EndpointRow>(`SELECT * FROM webhook_endpoints
        WHERE owner_key_id IN (SELECT id FROM api_keys WHERE revoked_at IS NULL)
          AND (events IS NULL OR EXISTS (SELECT 1 FROM json_each(events) WHERE value = ?))
        ORDER BY owner_key_id, created_at, id`),
      disable: db.prepare<[string, string, string, string]>(
        'UPDATE webhook_endpoints SET disabled_at = ?, disabled_reason = ?, updated_at = ? WHERE id = ? AND disabled_at IS NULL',
      ),
    };
  }

  create(
    ownerKeyId: string,
    input: { url: string; events: string[] | null },
  ): { endpoint: WebhookEndpoint; secret: string } {
    const id = randomUUID();
    const nonce = randomToken(16);
    this.statements.insert.run({
      id,
      ownerKeyId,
      url: input.url,
      events: input.events === null ? null : JSON.stringify(input.events),
      nonce,
      now: nowIso(),
    });
    return { endpoint: toEndpoint(this.row(id)), secret: this.secretOf(id, nonce) };
  }

  get(id: string, tenant: Tenant): WebhookEndpoint | undefined {
    const row = this.statements.get.get({ id, ...scope(tenant) }) as EndpointRow | undefined;
    return row && toEndpoint(row);
  }

  /** The endpoint with its current secret: what a retried registration (same Idempotency-Key) answers. */
  withSecret(id: string, tenant: Tenant): { endpoint: WebhookEndpoint; secret: string } | undefined {
    const endpoint = this.get(id, tenant);
    return endpoint && { endpoint, secret: this.secretOf(id, this.row(id).secret_nonce) };
  }

  list(tenant: Tenant): WebhookEndpoint[] {
    return (this.statements.list.all(scope(tenant)) as EndpointRow[]).map(toEndpoint);
  }

  /** Changes url, events or enabled; enabling clears the reason it was disabled. */
  update(
    id: string,
    tenant: Tenant,
    change: { url?: string; events?: string[] | null; enabled?: boolean },
  ): WebhookEndpoint | undefined {
    const current = this.get(id, tenant);
    if (!current) return undefined;
    const events = change.events === undefined ? current.events : change.events;
    const now = nowIso();
    const disabled =
      change.enabled === undefined
        ? { disabledAt: current.disabledAt, disabledReason: current.disabledReason }
        : change.enabled
          ? { disabledAt: null, disabledReason: null }
          : {
              disabledAt: current.disabledAt ?? now,
              disabledReason: current.disabledReason ?? 'disabled by the tenant',
            };
    this.statements.update.run({
      id,
      ...scope(tenant),
      url: change.url ?? current.url,
      events: events === null ? null : JSON.stringify(events),
      ...disabled,
      now,
    });
    return this.get(id, tenant);
  }

  remove(id: string, tenant: Tenant): boolean {
    return this.statements.remove.run({ id, ...scope(tenant) }).changes === 1;
  }

  /** A new secret; the one before keeps signing for PREVIOUS_SECRET_VALID_MS. Undefined when not the tenant's. */
  rotate(id: string, tenant: Tenant): { endpoint: WebhookEndpoint; secret: string } | undefined {
    const nonce = randomToken(16);
    const until = new Date(Date.now() + PREVIOUS_SECRET_VALID_MS).toISOString();
    if (this.statements.rotate.run({ id, ...scope(tenant), nonce, until, now: nowIso() }).changes !== 1)
      return undefined;
    return { endpoint: toEndpoint(this.row(id)), secret: this.secretOf(id, nonce) };
  }

  /** The secrets a delivery is signed with now: the current one, and the previous while it is still valid. */
  signingSecrets(id: string, now = new Date()): string[] {
    const row = this.statements.byId.get(id);
    if (!row) return [];
    const secrets = [this.secretOf(id, row.secret_nonce)];
    if (
      row.previous_secret_nonce !== null &&
      row.previous_secret_until !== null &&
      row.previous_secret_until > now.toISOString()
    )
      secrets.push(this.secretOf(id, row.previous_secret_nonce));
    return secrets;
  }

  /**
   * The endpoints of `ownerKeyId` that receive `type`; a disabled one too, so it misses nothing while paused.
   * None once the key is revoked: whoever held it is told nothing more.
   */
  subscribers(ownerKeyId: string, type: string): WebhookEndpoint[] {
    return this.statements.subscribers.all(ownerKeyId, type).map(toEndpoint);
  }

  /** `subscribers` of every live key. */
  subscribersOfType(type: string): WebhookEndpoint[] {
    return this.statements.subscribersOfType.all(type).map(toEndpoint);
  }

  byId(id: string): WebhookEndpoint | undefined {
    const row = this.statements.byId.get(id);
    return row && toEndpoint(row);
  }

  /** Stops deliveries to the endpoint (retries ran out); the reason is on the endpoint for the tenant to read. */
  disable(id: string, reason: string): void {
    const now = nowIso();
    this.statements.disable.run(now, reason, now, id);
  }

  private row(id: string): EndpointRow {
    return this.statements.byId.get(id) as EndpointRow;
  }

  private secretOf(id: string, nonce: string): string {
    return whsec(derivedSecretBytes(this.db, 'webhook', id, nonce));
  }
}

function scope(tenant: Tenant): { keyId: string; admin: number } {
  return { keyId: tenant.keyId, admin: tenant.admin ? 1 : 0 };
}
