import type { Db } from './database.js';

/**
 * The database's generation: it moves whenever the database may have changed, by a commit of any other
 * connection or process (`PRAGMA data_version`) or by any row this connection wrote (`total_changes()`, which
 * also counts rows of a transaction later rolled back: a move too many is safe, one too few is not).
 * Something read at one generation is still right while the generation stays, provided the generation was read
 * before it. Reading it is one read transaction with no table read (about a third of a key lookup by hash).
 */
export class DatabaseGeneration {
  private readonly dataVersion;
  private readonly totalChanges;

  constructor(db: Db) {
    this.dataVersion = db.prepare<[], number>('PRAGMA data_version').pluck();
    this.totalChanges = db.prepare<[], number>('SELECT total_changes()').pluck();
  }

  /** Read now; read it before what is to be trusted at it, never after. */
  current(): string {
    return `${this.dataVersion.get()!}.${this.totalChanges.get()!}`;
  }
}
