import { existsSync, mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import Database from 'better-sqlite3';
import { loadConfig } from '../config.js';

/**
 * `npm run backup -- FILE`: a consistent copy of DATABASE_PATH made with SQLite's online backup,
 * safe while the service runs. Restore: stop the service and put FILE in DATABASE_PATH's place (docs/operations.md).
 */
async function main(): Promise<void> {
  const target = process.argv[2];
  if (!target) throw new Error('usage: npm run backup -- FILE');
  if (existsSync(target)) throw new Error(`${target} exists; choose a new file name`);
  const { databasePath } = loadConfig();
  const source = new Database(databasePath, { readonly: true, fileMustExist: true });
  mkdirSync(dirname(resolve(target)), { recursive: true });
  try {
    let progress = { totalPages: 0, remainingPages: 0 };
    await source.backup(target, { progress: (info) => ((progress = info), 1000) });
    const copy = new Database(target, { readonly: true });
    const check = copy.pragma('integrity_check', { simple: true });
    const providers = copy.prepare('SELECT count(*) FROM providers').pluck().get();
    copy.close();
    if (check !== 'ok') throw new Error(`the backup failed its integrity check: ${String(check)}`);
    console.log(
      `${databasePath} → ${target}: ${progress.totalPages} pages, ${String(providers)} providers, integrity ok`,
    );
  } finally {
    source.close();
  }
}

main().catch((error: unknown) => {
  console.error(`backup failed: ${(error as Error).message}`);
  process.exit(1);
});
