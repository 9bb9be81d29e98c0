import { createHash, randomUUID } from 'node:crypto';
import { nowIso, type Db } from './database.js';
import { DatabaseGeneration } from './generation.js';
import { keyedHash, randomToken } from './secrets.js';

/** A tenant: whoever holds the key sees and changes only the providers it created; an admin sees all. */
export interface ApiKey {
  id: string;
  name: string;
  admin: boolean;
  createdAt: string;
  revokedAt: string | null;
}

interface ApiKeyRow {
  id: string;
  name: string;
  admin: number;
  created_at: string;
  revoked_at: string | null;
}

const KEY_PREFIX = 'gzd_';
/** Presented keys remembered with their keyed hash (the oldest goes first); a server has a handful of clients. */
const REMEMBERED_KEYS = 256;

/** A presented key: its keyed hash, and the live key it was found to be with the generation read before that lookup. */
interface PresentedKey {
  hash: string;
  live?: { apiKey: ApiKey; generation: string };
}

function toApiKey(row: ApiKeyRow): ApiKey {
  return { id: row.id, name: row.name, admin: row.admin === 1, createdAt: row.created_at, revokedAt: row.revoked_at };
}

export class ApiKeyStore {
  private readonly insert;
  private readonly byHash;
  private readonly byId;
  private readonly all;
  private readonly revokeStatement;
  private readonly restoreStatement;
  private readonly rehash;
  private readonly liveAdmins;
  private readonly generation;
  private readonly presented = new Map<string, PresentedKey>();

  constructor(private readonly db: Db) {
    this.insert = db.prepare('INSERT INTO api_keys (id, name, key_hash, admin, created_at) VALUES (?, ?, ?, ?, ?)');
    this.byHash = db.prepare<[string], ApiKeyRow>('SELECT * FROM api_keys WHERE key_hash = ?');
    this.byId = db.prepare<[string], ApiKeyRow>('SELECT * FROM api_keys WHERE id = ?');
    this.all = db.prepare<[], ApiKeyRow>('SELECT * FROM api_keys ORDER BY created_at, id');
    this.revokeStatement = db.prepare('UPDATE api_keys SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL');
    this.restoreStatement = db.prepare('UPDATE api_keys SET revoked_at = NULL, admin = 1 WHERE id = ?');
    this.rehash = db.prepare('UPDATE api_keys SET key_hash = ? WHERE id = ? AND key_hash = ?');
    this.liveAdmins = db
      .prepare<[], number>('SELECT count(*) FROM api_keys WHERE admin = 1 AND revoked_at IS NULL')
      .pluck();
    this.generation = new DatabaseGeneration(db);
  }

  /** A new key; the key itself is returned once and only its keyed hash (HMAC under the server key) is stored. */
  create(name: string, admin = false, key = `${KEY_PREFIX}${randomToken()}`): { apiKey: ApiKey; key: string } {
    const id = randomUUID();
    this.insert.run(id, name, keyedHash(this.db, key), admin ? 1 : 0, nowIso());
    return { apiKey: this.get(id) as ApiKey, key };
  }

  /** The live (not revoked) key whose secret is `key`. */
  authenticate(key: string): ApiKey | undefined {
    return this.authenticateAt(key)?.apiKey;
  }

  /**
   * The live key whose secret is `key`, with the database generation read just before (src/store/generation.ts):
   * what a request reads after it is right at that generation. A key found live is trusted again only while the
   * generation stays: any commit of another process or connection (a revocation from the CLI or another server)
   * or any write of this one moves it, and the key is looked up again. So a revoked key stops with the next
   * request, whichever process revoked it, and the per-request cost is reading the generation.
   */
  authenticateAt(key: string): { apiKey: ApiKey; generation: string } | undefined {
    // Read before the key: a commit after this read moves the next request's generation, so nothing stale is trusted.
    const generation = this.generation.current();
    const presented = this.remembered(key);
    if (presented.live?.generation === generation) return { apiKey: presented.live.apiKey, generation };
    const row = this.find(key, presented.hash);
    if (!row || row.revoked_at !== null) {
      presented.live = undefined;
      return undefined;
    }
    const apiKey = Object.freeze(toApiKey(row));
    presented.live = { apiKey, generation };
    return { apiKey, generation };
  }

  /** By keyed hash; a key stored by an older version as plain SHA-256 (migration 005 marked it) is rehashed on its first use. */
  private find(key: string, hash = this.remembered(key).hash): ApiKeyRow | undefined {
    const row = this.byHash.get(hash);
    if (row) return row;
    const legacy = `sha256:${createHash('sha256').update(key, 'utf8').digest('hex')}`;
    const old = this.byHash.get(legacy);
    if (old) {
      this.rehash.run(hash, old.id, legacy);
      return this.byHash.get(hash);
    }
    return old;
  }

  /** The presented key's entry; its keyed hash is a pure function of it and the server key, so the last few are remembered. */
  private remembered(key: string): PresentedKey {
    let presented = this.presented.get(key);
    if (presented === undefined) {
      presented = { hash: keyedHash(this.db, key) };
      if (this.presented.size >= REMEMBERED_KEYS) this.presented.delete(this.presented.keys().next().value as string);
      this.presented.set(key, presented);
    }
    return presented;
  }

  get(id: string): ApiKey | undefined {
    const row = this.byId.get(id);
    return row && toApiKey(row);
  }

  list(): ApiKey[] {
    return this.all.all().map(toApiKey);
  }

  /** Revoked keys stay (events name who recorded them); false when there was no live key with this id. */
  revoke(id: string): boolean {
    return this.revokeStatement.run(nowIso(), id).changes === 1;
  }

  /** Like `revoke`, but never the last live admin key: without one nobody could manage keys. One transaction, so two admins cannot revoke each other at once. */
  revokeKeepingAnAdmin(id: string): 'revoked' | 'not-found' | 'last-admin' {
    return this.db
      .transaction(() => {
        const row = this.byId.get(id);
        if (!row || row.revoked_at !== null) return 'not-found';
        if (row.admin === 1 && this.liveAdmins.get()! <= 1) return 'last-admin';
        this.revokeStatement.run(nowIso(), id);
        return 'revoked';
      })
      .immediate();
  }

  /** The bootstrap admin key from the environment: created when new, made a live admin key when it exists. */
  ensureAdmin(key: string, name = 'bootstrap admin (ADMIN_API_KEY)'): { apiKey: ApiKey; created: boolean } {
    return this.db.transaction(() => {
      const row = this.find(key);
      if (!row) return { apiKey: this.create(name, true, key).apiKey, created: true };
      this.restoreStatement.run(row.id);
      return { apiKey: this.get(row.id) as ApiKey, created: false };
    })();
  }
}
