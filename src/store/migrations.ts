import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { nowIso, type Db } from './database.js';

/** The repository's migrations/ folder, from src/store or dist/store alike. */
export const MIGRATIONS_DIR = fileURLToPath(new URL('../../migrations/', import.meta.url));

const MIGRATION_FILE = /^(\d+)_([\w-]+)\.sql$/;

export interface Migration {
  version: number;
  name: string;
  sql: string;
}

export function readMigrations(dir = MIGRATIONS_DIR): Migration[] {
  const migrations = readdirSync(dir)
    .map((file) => ({ file, match: MIGRATION_FILE.exec(file) }))
    .filter((entry): entry is { file: string; match: RegExpExecArray } => entry.match !== null)
    .map(({ file, match }) => ({
      version: Number(match[1]),
      name: match[2],
      sql: readFileSync(join(dir, file), 'utf8'),
    }))
    .sort((a, b) => a.version - b.version);
  migrations.forEach((migration, index) => {
    if (migration.version !== index + 1)
      throw new Error(
        `migrations must be numbered 1, 2, 3 …: expected ${index + 1}, found ${migration.version}_${migration.name}`,
      );
  });
  return migrations;
}

const MIGRATIONS_TABLE = `CREATE TABLE IF NOT EXISTS schema_migrations (
  version INTEGER PRIMARY KEY,
  name TEXT NOT NULL,
  applied_at TEXT NOT NULL
) STRICT`;

/** Versions applied to the database, oldest first (none for a new file). */
export function appliedVersions(db: Db): number[] {
  const exists = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'schema_migrations'").get();
  return exists ? (db.prepare('SELECT version FROM schema_migrations ORDER BY version').pluck().all() as number[]) : [];
}

/**
 * Apply every pending migration, all in one transaction with the bookkeeping: a failure leaves the database
 * exactly as it was. `upTo` stops at a given version (tests build older databases with it). Returns the versions applied.
 */
export function migrate(db: Db, migrations: Migration[] = readMigrations(), upTo = Infinity): number[] {
  // A migration that rebuilds a table (005: contacts) drops the old one: with foreign keys on, that would delete
  // the rows referring to it. They are off during migrations (SQLite's procedure) and checked before the commit.
  const foreignKeys = db.pragma('foreign_keys', { simple: true }) as number;
  db.pragma('foreign_keys = OFF');
  try {
    return migrateInTransaction(db, migrations, upTo);
  } finally {
    db.pragma(`foreign_keys = ${foreignKeys ? 'ON' : 'OFF'}`);
  }
}

function migrateInTransaction(db: Db, migrations: Migration[], upTo: number): number[] {
  return db.transaction(() => {
    db.exec(MIGRATIONS_TABLE);
    const applied = new Set(appliedVersions(db));
    const newest = Math.max(0, ...applied);
    if (newest > migrations.length) {
      throw new Error(
        `the database is at migration ${newest}, newer than this program knows (${migrations.length}): run a newer version`,
      );
    }
    const pending = migrations.filter((m) => !applied.has(m.version) && m.version <= upTo);
    const record = db.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)');
    for (const migration of pending) {
      try {
        db.exec(migration.sql);
      } catch (error) {
        throw new Error(`migration ${migration.version}_${migration.name} failed: ${(error as Error).message}`, {
          cause: error,
        });
      }
      record.run(migration.version, migration.name, nowIso());
    }
    // A migration that rebuilds a table can leave rows pointing nowhere; refuse to commit that.
    const broken = db.pragma('foreign_key_check') as unknown[];
    if (broken.length > 0) throw new Error(`migrations left ${broken.length} rows with broken foreign keys`);
    return pending.map((m) => m.version);
  })();
}
