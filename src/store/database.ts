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
  let db: Db;
  try {
    if (path !== ':memory:') mkdirSync(dirname(resolve(path)), { recursive: true });
    db = new Database(path, { timeout: BUSY_TIMEOUT_MS });
  } catch (error) {
    throw new Error(cannotOpen(path, error));
  }
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

/** SQLite's own message ("unable to open database file") names neither the file nor the fix. */
function cannotOpen(path: string, error: unknown): string {
  const file = resolve(path);
  const uid = process.getuid?.();
  return (
    `cannot open the database file ${file} (DATABASE_PATH): ${(error as Error).message}. ` +
    `The folder ${dirname(file)} must exist or be creatable, and be writable by the service's user${uid === undefined ? '' : ` (uid ${uid})`}; ` +
    'the Docker image runs as uid 1000, so give a bind-mounted /data to it: `chown -R 1000:1000 <host folder>`'
  );
}

export function nowIso(): string {
  return new Date().toISOString();
}

/**
 * A transaction whose commit does not wait for the disk (synchronous NORMAL in WAL mode): a crash of the process
 * keeps it, a power loss may undo it. Only for writes that are redone when lost and that nothing acts on before a
 * later commit with FULL, which syncs the log up to and including them. Inside another transaction: part of that one.
 */
export function unsyncedTransaction<T>(db: Db, work: () => T): T {
  if (db.inTransaction) return work();
  db.pragma('synchronous = NORMAL');
  try {
    return db.transaction(work).immediate();
  } finally {
    db.pragma('synchronous = FULL');
  }
}
