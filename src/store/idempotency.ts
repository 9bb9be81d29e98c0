import { createHash } from 'node:crypto';
import { nowIso, type Db } from './database.js';

/** How long a key's first answer is kept for its retries (the IETF draft's suggested 24 hours). */
export const IDEMPOTENCY_WINDOW_MS = 24 * 60 * 60 * 1000;

/** What a key's first request created: where it lives now, and what the request said (to tell a retry from a reuse). */
export interface IdempotentCreation {
  fingerprint: string;
  location: string;
  createdAt: string;
}

/** A stable fingerprint of a request: method, route and body, the body's keys in order so layout does not count. */
export function requestFingerprint(method: string, route: string, body: unknown): string {
  return createHash('sha256')
    .update(`${method}\n${route}\n${canonicalJson(body)}`)
    .digest('base64url');
}

function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

interface Row {
  fingerprint: string;
  location: string;
  created_at: string;
}

/** Idempotency keys per API key: a creation and its key are written in one transaction (see `remember`). */
export class IdempotencyStore {
  private readonly statements;

  constructor(db: Db) {
    this.statements = {
      find: db.prepare<{ keyId: string; key: string; since: string }, Row>(
        `SELECT fingerprint, location, created_at FROM idempotency_keys
          WHERE api_key_id = @keyId AND idempotency_key = @key AND created_at >= @since`,
      ),
      upsert: db.prepare(`INSERT INTO idempotency_keys (api_key_id, idempotency_key, fingerprint, location, created_at)
        VALUES (@keyId, @key, @fingerprint, @location, @now)
        ON CONFLICT (api_key_id, idempotency_key) DO UPDATE
          SET fingerprint = excluded.fingerprint, location = excluded.location, created_at = excluded.created_at`),
      prune: db.prepare<[string]>('DELETE FROM idempotency_keys WHERE created_at < ?'),
    };
  }

  /** The live (younger than the window) creation this API key made with this Idempotency-Key, if any. */
  find(keyId: string, key: string, now = Date.now()): IdempotentCreation | undefined {
    const row = this.statements.find.get({ keyId, key, since: new Date(now - IDEMPOTENCY_WINDOW_MS).toISOString() });
    return row && { fingerprint: row.fingerprint, location: row.location, createdAt: row.created_at };
  }

  /** Call inside the creation's transaction: the key is stored exactly when what it created is. */
  remember(keyId: string, key: string, fingerprint: string, location: string): void {
    const now = nowIso();
    this.statements.prune.run(new Date(Date.parse(now) - IDEMPOTENCY_WINDOW_MS).toISOString());
    this.statements.upsert.run({ keyId, key, fingerprint, location, now });
  }
}
