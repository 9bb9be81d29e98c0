import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import Database from 'better-sqlite3';
import { attachServerKey, serverKey } from './secrets.js';

export type Db = Database.Database;

/** Waits this long for another connection's write lock (the backup command, `npm run migrate`) before failing. */
const BUSY_TIMEOUT_MS = 5_000;

/**
 * Open (or create, with its folders) the SQLite file, set up for one writer process and concurrent readers,
 * with its server key: `secretKey` (SECRET_KEY), or the key file beside the database (src/store/secrets.ts).
 */
export function openDatabase(path: string, secretKey?: string): Db {
  if (path !== ':memory:') mkdirSync(dirname(resolve(path)), { recursive: true });
  const db = new Database(path, { timeout: BUSY_TIMEOUT_MS });
  db.pragma('journal_mode = WAL');
  db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
  db.pragma('foreign_keys = ON');
  // WAL with synchronous NORMAL can lose the last commits on power loss; FULL keeps every committed write.
  db.pragma('synchronous = FULL');
  // Deleted and overwritten content (a secret replaced by its hash, a sent mail's bytes) is zeroed in the file.
  db.pragma('secure_delete = ON');
  try {
    attachServerKey(db, serverKey(path, secretKey));
  } catch (error) {
    db.close();
    throw error;
  }
  return db;
}

export function nowIso(): string {
  return new Date().toISOString();
}
