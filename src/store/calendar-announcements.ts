import { nowIso, type Db } from './database.js';

/** The calendar versions webhooks have announced, and who a calendar concerns (see migrations/010_webhooks.sql). */
export class CalendarAnnouncementStore {
  private readonly statements;

  constructor(db: Db) {
    this.statements = {
      all: db.prepare<[], { calendar: string; version: number }>(
        'SELECT calendar, version FROM webhook_calendar_versions',
      ),
      save: db.prepare<
        [string, number, string]
      >(`INSERT INTO webhook_calendar_versions (calendar, version, announced_at)
        VALUES (?, ?, ?) ON CONFLICT (calendar) DO UPDATE SET version = excluded.version, announced_at = excluded.announced_at`),
      affected: db.prepare<[string, string, number], string>(`SELECT DISTINCT p.id FROM providers p
        JOIN contracts c ON c.provider_id = p.id WHERE p.owner_key_id = ? AND c.insurer = ? AND c.year = ? ORDER BY p.id`),
    };
  }

  /** Calendar key (`cz-groep/2027`) → the version last announced. */
  known(): Map<string, number> {
    return new Map(this.statements.all.all().map((row) => [row.calendar, row.version]));
  }

  save(calendar: string, version: number): void {
    this.statements.save.run(calendar, version, nowIso());
  }

  /** The providers of `ownerKeyId` with a contract for this insurer and year. */
  affectedProviders(ownerKeyId: string, insurer: string, year: number): string[] {
    return this.statements.affected.pluck().all(ownerKeyId, insurer, year) as unknown as string[];
  }
}
