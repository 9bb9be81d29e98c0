import { loadConfig } from '../config.js';
import { openDatabase } from '../store/database.js';
import { migrate } from '../store/migrations.js';
import { rotateAllTokens } from '../store/rotation.js';

/**
 * `npm run tokens:rotate`: after a suspected leak, new tokens for every feed and page address and every
 * unsubscribe link, one-time links ended; the old ones stop working at once (also in a running service: lookups go to the database).
 */
try {
  const config = loadConfig();
  const db = openDatabase(config.databasePath, config.secretKey);
  try {
    migrate(db);
    const { feeds, unsubscribeLinks, webPages, oneTimeLinks } = rotateAllTokens(db);
    console.log(
      `${config.databasePath}: new tokens for ${feeds} feed and page addresses and ${unsubscribeLinks} unsubscribe links, and ${webPages} web sign-ups' own pages; the old ones no longer work, and ${oneTimeLinks} one-time links (record, sign-in, address change, sign-up confirmation) have ended.`,
    );
    console.log(
      'Give each provider its new feed address (GET /api/v1/providers/{id} shows it); a web sign-up finds her new page link in her next mail (or asks /nieuwe-link); mails already queued carry the old links.',
    );
  } finally {
    db.close();
  }
} catch (error) {
  console.error(`tokens:rotate failed, nothing was changed: ${(error as Error).message}`);
  process.exit(1);
}
