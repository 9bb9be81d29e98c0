import { randomUUID } from 'node:crypto';
import type { IsoDate, RecordedEvent } from '../domain/types.js';
import { nowIso, type Db } from './database.js';

/** A provider's statement that a timeline item happened on a date, with who said so and when. */
export interface EventRecord {
  id: string;
  providerId: string;
  item: string;
  date: IsoDate;
  note: string | null;
  recordedBy: string;
  /** Through which door it was recorded; null for events from before the audit trail said. */
  recordedVia: RecordingVia | null;
  /** On the web: the address of the contact who recorded it (her page, or the digest link mailed to her). */
  recordedByContact: string | null;
  recordedAt: string;
  undoneAt: string | null;
  undoneBy: string | null;
  undoneVia: RecordingVia | null;
  undoneByContact: string | null;
}

interface EventRow {
  id: string;
  provider_id: string;
  item: string;
  date: string;
  note: string | null;
  recorded_by: string;
  recorded_via: RecordingVia | null;
  recorded_by_contact: string | null;
  recorded_at: string;
  deleted_at: string | null;
  deleted_by: string | null;
  undone_via: RecordingVia | null;
  undone_by_contact: string | null;
}

function toEvent(row: EventRow): EventRecord {
  return {
    id: row.id,
    providerId: row.provider_id,
    item: row.item,
    date: row.date,
    note: row.note,
    recordedBy: row.recorded_by,
    recordedVia: row.recorded_via,
    recordedByContact: row.recorded_by_contact,
    recordedAt: row.recorded_at,
    undoneAt: row.deleted_at,
    undoneBy: row.deleted_by,
    undoneVia: row.undone_via,
    undoneByContact: row.undone_by_contact,
  };
}

/** Where a recording came from: the API, or the web front door (her page, a digest's link). */
export type RecordingVia = 'api' | 'web';

/** A recorded or undone event, with the provider's live events before and after it. */
export interface EventChange {
  kind: 'recorded' | 'undone';
  providerId: string;
  event: EventRecord;
  via: RecordingVia;
  before: RecordedEvent[];
  after: RecordedEvent[];
}

export class EventStore {
  private readonly statements;
  private readonly observers: ((change: EventChange) => void)[] = [];

  constructor(private readonly db: Db) {
    this.statements = {
      insert: db.prepare(`INSERT INTO events (id, provider_id, item, date, note, recorded_by, recorded_via,
        recorded_by_contact, recorded_at)
        VALUES (@id, @providerId, @item, @date, @note, @recordedBy, @via, @contact, @recordedAt)`),
      get: db.prepare<[string, string], EventRow>('SELECT * FROM events WHERE id = ? AND provider_id = ?'),
      live: db.prepare<[string], EventRow>(
        'SELECT * FROM events WHERE provider_id = ? AND deleted_at IS NULL ORDER BY date, recorded_at, id',
      ),
      liveOf: db.prepare<
        [string],
        EventRow
      >(`SELECT * FROM events WHERE provider_id IN (SELECT value FROM json_each(?)) AND deleted_at IS NULL
        ORDER BY provider_id, date, recorded_at, id`),
      all: db.prepare<[string], EventRow>('SELECT * FROM events WHERE provider_id = ? ORDER BY date, recorded_at, id'),
      undo: db.prepare(
        `UPDATE events SET deleted_at = ?, deleted_by = ?, undone_via = ?, undone_by_contact = ?
          WHERE id = ? AND provider_id = ? AND deleted_at IS NULL`,
      ),
    };
  }

  /**
   * Called inside the transaction that records or undoes an event: what an observer writes (the webhook outbox)
   * commits with the change or not at all.
   */
  observe(observer: (change: EventChange) => void): void {
    this.observers.push(observer);
  }

  record(
    providerId: string,
    event: { item: string; date: IsoDate; note?: string | null },
    recordedBy: string,
    via: RecordingVia = 'api',
    contact: string | null = null,
  ): EventRecord {
    return this.db.transaction(() => {
      const before = this.observers.length > 0 ? this.recordedEvents(providerId) : [];
      const id = randomUUID();
      this.statements.insert.run({
        id,
        providerId,
        item: event.item,
        date: event.date,
        note: event.note ?? null,
        recordedBy,
        via,
        contact,
        recordedAt: nowIso(),
      });
      const recorded = this.get(providerId, id) as EventRecord;
      this.notify('recorded', recorded, via, before);
      return recorded;
    })();
  }

  get(providerId: string, id: string): EventRecord | undefined {
    const row = this.statements.get.get(id, providerId);
    return row && toEvent(row);
  }

  /** Live events, or with `includeUndone` the whole audit trail. */
  list(providerId: string, includeUndone = false): EventRecord[] {
    return (includeUndone ? this.statements.all : this.statements.live).all(providerId).map(toEvent);
  }

  /** What the timeline counts from: every live event of the provider. */
  recordedEvents(providerId: string): RecordedEvent[] {
    return this.statements.live.all(providerId).map((row) => ({ item: row.item, date: row.date }));
  }

  /** `recordedEvents` of several providers, read together; a provider without events is not in the map. */
  recordedEventsOf(providerIds: readonly string[]): Map<string, RecordedEvent[]> {
    const byProvider = new Map<string, RecordedEvent[]>();
    for (const row of this.statements.liveOf.all(JSON.stringify(providerIds))) {
      const event = { item: row.item, date: row.date };
      const list = byProvider.get(row.provider_id);
      if (list) list.push(event);
      else byProvider.set(row.provider_id, [event]);
    }
    return byProvider;
  }

  /** Live events of one item on one date: what her page shows as one "done". */
  liveOn(providerId: string, item: string, date: IsoDate): EventRecord[] {
    return this.list(providerId).filter((event) => event.item === item && event.date === date);
  }

  /** Undo keeps the row, marked with who undid it and when; undefined when there was no live event. */
  undo(
    providerId: string,
    id: string,
    undoneBy: string,
    via: RecordingVia = 'api',
    contact: string | null = null,
  ): EventRecord | undefined {
    return this.db.transaction(() => {
      const before = this.observers.length > 0 ? this.recordedEvents(providerId) : [];
      if (this.statements.undo.run(nowIso(), undoneBy, via, contact, id, providerId).changes !== 1) return undefined;
      const undone = this.get(providerId, id) as EventRecord;
      this.notify('undone', undone, via, before);
      return undone;
    })();
  }

  private notify(kind: EventChange['kind'], event: EventRecord, via: RecordingVia, before: RecordedEvent[]): void {
    if (this.observers.length === 0) return;
    const change = {
      kind,
      providerId: event.providerId,
      event,
      via,
      before,
      after: this.recordedEvents(event.providerId),
    };
    for (const observer of this.observers) observer(change);
  }
}
