import { loadConfig } from '../config.js';
import { openDatabase } from '../store/database.js';
import { appliedVersions, migrate } from '../store/migrations.js';

/** `npm run migrate`: bring DATABASE_PATH to the newest schema (the service also does this at start-up). */
try {
  const { databasePath, secretKey } = loadConfig();
  const db = openDatabase(databasePath, secretKey);
  try {
    const applied = migrate(db);
    const version = Math.max(0, ...appliedVersions(db));
    console.log(
      applied.length > 0
        ? `${databasePath}: applied migration ${applied.join(', ')}; now at version ${version}`
        : `${databasePath}: up to date at version ${version}`,
    );
  } finally {
    db.close();
  }
} catch (error) {
  console.error(`migrate failed, the database is unchanged: ${(error as Error).message}`);
  process.exit(1);
}
