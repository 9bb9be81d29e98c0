import { randomBytes } from 'node:crypto';
import Database from 'better-sqlite3';
import { createStores } from '../store/index.js';
import { attachServerKey } from '../store/secrets.js';
import type { ProviderTimelineInput } from './diff.js';

const PAGE = 500;

/**
 * Every provider with a contract for `insurer`, with its recorded events, read from the database
 * file read-only through the stores the service uses (nothing is written, not even a migration).
 */
export function* providersOf(databasePath: string, insurer: string): Generator<ProviderTimelineInput> {
  const db = new Database(databasePath, { readonly: true, fileMustExist: true });
  try {
    // The stores need a server key; a throwaway one suffices: the diff reads kinds, contracts and events, no token.
    attachServerKey(db, randomBytes(32).toString('hex'));
    // Made on first use: only the stores read here touch the (maybe older) database.
    const stores = createStores(db);
    const { providers, events } = stores;
    // A database from before migration 009 has no corrections to keep.
    const hasCorrections = db.prepare("SELECT 1 FROM sqlite_master WHERE name = 'corrections'").get() !== undefined;
    const ownDates = hasCorrections ? stores.ownDates : undefined;
    const everyone = { keyId: '', admin: true };
    for (let offset = 0; ; offset += PAGE) {
      const { items } = providers.list(everyone, { insurer, limit: PAGE, offset });
      for (const record of items) {
        yield {
          provider: { id: record.id, name: record.name, kinds: record.kinds, contracts: record.contracts },
          events: events.recordedEvents(record.id),
          corrected: new Set(ownDates?.corrections(record.id).map((correction) => correction.item) ?? []),
        };
      }
      if (items.length < PAGE) break;
    }
  } finally {
    db.close();
  }
}
