/**
 * Every secret the service gives out (feed and page addresses, unsubscribe links, API keys) goes through
 * this module, so a copy of the database alone opens nothing:
 *
 * - The server key: SECRET_KEY, or `secret.key` beside the database (created with mode 0600 on a first
 *   start outside production; in production SECRET_KEY is required). It is never stored in the database.
 * - Tokens are derived, not stored: token = HMAC(server key, purpose, subject, nonce), where the nonce is a
 *   random value kept in the database. Mails and the API rebuild a feed or unsubscribe link whenever needed.
 * - The database keeps only keyed hashes (HMAC(server key, token)) in `secret_tokens`; a lookup hashes what
 *   was presented and compares hashes in the index.
 *
 * The API, for every kind of link (add a purpose for a new one, no migration needed):
 *   const tokens = new SecretTokens(db);
 *   tokens.issue('feed', providerId)      // a new token; every earlier one of that subject stops working
 *   tokens.current('feed', providerId)    // the token as it was issued, rebuilt from the key (undefined: none)
 *   tokens.find('feed', presented)        // the subject the presented token belongs to, or undefined
 *   tokens.forget('feed', providerId)     // no token of that subject works any more
 *   keyedHash(db, apiKey)                 // for secrets chosen elsewhere (API keys): what the database keeps
 */
import { createHmac, randomBytes, randomFillSync } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import type Database from 'better-sqlite3';

/** database.ts's Db, named here from better-sqlite3 itself: database.ts imports this module. */
type Db = Database.Database;

/** What a token opens. Each purpose is its own namespace: a feed token never works as an unsubscribe token. */
export type TokenPurpose = 'feed' | 'unsubscribe' | (string & {});

/** The file a first start creates beside the database when SECRET_KEY is not set. */
export const SECRET_KEY_FILE = 'secret.key';
/** A key shorter than this is too easy to guess for the one key behind every link. */
export const MIN_SECRET_KEY_LENGTH = 32;

/** 32 random bytes (256 bits), URL-safe: for API keys and nonces. */
export function randomToken(bytes = 32): string {
  return pooledRandomBytes(bytes).toString('base64url');
}

/**
 * Random bytes from the system's generator, drawn 4 KB at a time: a call into it costs tens of microseconds
 * here, and a reminder run makes a token per link. Bytes handed out are wiped from the pool.
 */
const POOL_BYTES = 4096;
let pool = Buffer.alloc(0);
let poolUsed = 0;

function pooledRandomBytes(bytes: number): Buffer {
  if (bytes > POOL_BYTES) return randomBytes(bytes);
  if (poolUsed + bytes > pool.length) {
    pool = randomFillSync(Buffer.alloc(POOL_BYTES));
    poolUsed = 0;
  }
  const taken = Buffer.from(pool.subarray(poolUsed, poolUsed + bytes));
  pool.fill(0, poolUsed, poolUsed + bytes);
  poolUsed += bytes;
  return taken;
}

/**
 * The server key for the database at `databasePath`: `configured` (SECRET_KEY) when given, else the key file
 * beside the database, created when missing unless `production`. ':memory:' databases get a key of their own.
 */
export function serverKey(
  databasePath: string,
  configured?: string,
  production = process.env.NODE_ENV === 'production',
): string {
  if (configured !== undefined) return configured;
  if (databasePath === ':memory:') return randomToken();
  const file = join(dirname(resolve(databasePath)), SECRET_KEY_FILE);
  if (existsSync(file)) {
    const key = readFileSync(file, 'utf8').trim();
    if (key.length < MIN_SECRET_KEY_LENGTH)
      throw new Error(`${file} holds no key of at least ${MIN_SECRET_KEY_LENGTH} characters`);
    return key;
  }
  if (production)
    throw new Error(
      `SECRET_KEY is not set and ${file} does not exist: set SECRET_KEY (NODE_ENV=production never creates a key by itself)`,
    );
  mkdirSync(dirname(file), { recursive: true });
  // 'wx': two processes starting at once never overwrite each other's key.
  try {
    writeFileSync(file, `${randomToken()}\n`, { mode: 0o600, flag: 'wx' });
    chmodSync(file, 0o600);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
  return readFileSync(file, 'utf8').trim();
}

const keys = new WeakMap<Db, string>();

/**
 * Gives the connection its server key, and the SQL functions migrations use to hash what older versions kept
 * in plain text: `secret_hash(token)` and `secret_token(purpose, subject, nonce)`.
 */
export function attachServerKey(db: Db, key: string): void {
  keys.set(db, key);
  db.function('secret_hash', { deterministic: true }, (value: unknown) => hmac(key, String(value)));
  db.function('secret_token', { deterministic: true }, (purpose: unknown, subject: unknown, nonce: unknown) =>
    deriveToken(key, String(purpose), String(subject), String(nonce)),
  );
}

function keyOf(db: Db): string {
  const key = keys.get(db);
  if (key === undefined) throw new Error('this database connection has no server key: open it with openDatabase');
  return key;
}

function hmac(key: string, value: string): string {
  return createHmac('sha256', key).update(value, 'utf8').digest('hex');
}

function deriveToken(key: string, purpose: string, subject: string, nonce: string): string {
  // Unit separators keep the fields apart: no (purpose, subject) pair can be spelt as another.
  return createHmac('sha256', key)
    .update(`token\u001f${purpose}\u001f${subject}\u001f${nonce}`, 'utf8')
    .digest('base64url');
}

/** 32 secret bytes rebuilt from a nonce: a signing key the database need not keep (a webhook's secret). */
export function derivedSecretBytes(db: Db, purpose: TokenPurpose, subject: string, nonce: string): Buffer {
  return Buffer.from(deriveToken(keyOf(db), purpose, subject, nonce), 'base64url');
}

/** What the database keeps instead of a secret: HMAC-SHA256 under the server key, hex. */
export function keyedHash(db: Db, value: string): string {
  return hmac(keyOf(db), value);
}

/** Issued tokens by purpose and subject; see the header of this file. */
export class SecretTokens {
  private readonly statements;

  constructor(private readonly db: Db) {
    keyOf(db);
    this.statements = {
      forget: db.prepare<[string, string]>('DELETE FROM secret_tokens WHERE purpose = ? AND subject = ?'),
      insert: db.prepare(
        'INSERT INTO secret_tokens (hash, purpose, subject, nonce, created_at) VALUES (@hash, @purpose, @subject, @nonce, @now)',
      ),
      nonce: db.prepare<[string, string], { nonce: string }>(
        'SELECT nonce FROM secret_tokens WHERE purpose = ? AND subject = ? AND nonce IS NOT NULL',
      ),
      nonces: db.prepare<[string, string], { subject: string; nonce: string }>(`SELECT subject, nonce FROM secret_tokens
        WHERE purpose = ? AND nonce IS NOT NULL AND subject IN (SELECT value FROM json_each(?))`),
      find: db.prepare<[string, string], { subject: string }>(
        'SELECT subject FROM secret_tokens WHERE hash = ? AND purpose = ?',
      ),
    };
  }

  /** A new token for the subject; every earlier one (also one migrated from plain text) stops working. */
  issue(purpose: TokenPurpose, subject: string | number): string {
    const { token, save } = this.prepare(purpose, subject);
    save();
    return token;
  }

  /** `issue` in two steps: the token now (to put in a mail), stored by `save` in the transaction that uses it. */
  prepare(purpose: TokenPurpose, subject: string | number): { token: string; save: () => void } {
    const key = keyOf(this.db);
    const id = String(subject);
    const nonce = randomToken(16);
    const token = deriveToken(key, purpose, id, nonce);
    const save = () =>
      this.db.transaction(() => {
        this.statements.forget.run(purpose, id);
        this.statements.insert.run({
          hash: hmac(key, token),
          purpose,
          subject: id,
          nonce,
          now: new Date().toISOString(),
        });
      })();
    return { token, save };
  }

  /** The subject's token as issued, rebuilt from the server key; undefined when it has none. */
  current(purpose: TokenPurpose, subject: string | number): string | undefined {
    const row = this.statements.nonce.get(purpose, String(subject));
    return row && deriveToken(keyOf(this.db), purpose, String(subject), row.nonce);
  }

  /** `current` for many subjects in one query. */
  currentOf(purpose: TokenPurpose, subjects: readonly (string | number)[]): Map<string, string> {
    const key = keyOf(this.db);
    const rows = this.statements.nonces.all(purpose, JSON.stringify(subjects.map(String)));
    return new Map(rows.map((row) => [row.subject, deriveToken(key, purpose, row.subject, row.nonce)]));
  }

  /** The subject whose token `presented` is, or undefined. */
  find(purpose: TokenPurpose, presented: string): string | undefined {
    return this.statements.find.get(hmac(keyOf(this.db), presented), purpose)?.subject;
  }

  forget(purpose: TokenPurpose, subject: string | number): void {
    this.statements.forget.run(purpose, String(subject));
  }
}
