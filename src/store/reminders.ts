import type { IsoDate } from '../domain/types.js';
import type { Db } from './database.js';
import type { Language } from './providers.js';

/** A contact that still wants reminders, with what its mails need. */
export interface ReminderContact {
  id: number;
  providerId: string;
  email: string;
  name: string | null;
  language: Language;
  unsubscribeToken: string;
}

export interface ToldNotice {
  item: string;
  notice: string;
  due: IsoDate;
}

export interface RunRecord {
  day: IsoDate;
  since: IsoDate;
  startedAt: string;
  finishedAt: string | null;
  planned: number;
  sent: number;
  failed: number;
}

interface ContactRow {
  id: number;
  provider_id: string;
  email: string;
  name: string | null;
  language: Language;
  unsubscribe_token: string;
}

/** What each contact has been told (notices, the dates mailed), the daily runs, and unsubscribing. */
export class ReminderStore {
  private readonly statements;

  constructor(private readonly db: Db) {
    this.statements = {
      providerIds: db.prepare<[], { id: string }>('SELECT id FROM providers ORDER BY created_at, id'),
      contactsOf: db.prepare<[string], ContactRow>(`SELECT id, provider_id, email, name, language, unsubscribe_token FROM contacts
        WHERE provider_id IN (SELECT value FROM json_each(?)) AND unsubscribed_at IS NULL AND unsubscribe_token IS NOT NULL
        ORDER BY provider_id, position`),
      // A notice whose mail failed does not count as told: the next run says it again.
      told: db.prepare<[number], { item: string; notice: string; due: string }>(`SELECT n.item, n.notice, n.due FROM mail_notices n
        JOIN mail_outbox o ON o.id = n.outbox_id WHERE n.contact_id = ? AND o.status <> 'failed'`),
      toldDue: db.prepare<[number], { item: string; due: string }>('SELECT item, due FROM mail_item_dates WHERE contact_id = ?'),
      recordNotice: db.prepare(`INSERT INTO mail_notices (contact_id, item, notice, due, outbox_id) VALUES (@contactId, @item, @notice, @due, @outboxId)
        ON CONFLICT DO UPDATE SET outbox_id = excluded.outbox_id`),
      recordDue: db.prepare(`INSERT INTO mail_item_dates (contact_id, item, due, outbox_id) VALUES (@contactId, @item, @due, @outboxId)
        ON CONFLICT DO UPDATE SET due = excluded.due, outbox_id = excluded.outbox_id`),
      startRun: db.prepare(`INSERT INTO reminder_runs (day, since, started_at) VALUES (@day, @since, @now)
        ON CONFLICT DO UPDATE SET since = min(since, excluded.since), started_at = excluded.started_at, finished_at = NULL`),
      finishRun: db.prepare(`UPDATE reminder_runs SET finished_at = @now, planned = @planned, sent = @sent, failed = @failed WHERE day = @day`),
      lastFinished: db.prepare<[string], { day: string | null }>('SELECT max(day) AS day FROM reminder_runs WHERE finished_at IS NOT NULL AND day <= ?'),
      run: db.prepare<[string], Record<string, unknown>>('SELECT * FROM reminder_runs WHERE day = ?'),
      runs: db.prepare<[number], Record<string, unknown>>('SELECT * FROM reminder_runs ORDER BY day DESC LIMIT ?'),
      byToken: db.prepare<[string], ContactRow & { unsubscribed_at: string | null }>(`SELECT id, provider_id, email, name, language, unsubscribe_token, unsubscribed_at
        FROM contacts WHERE unsubscribe_token = ?`),
      unsubscribe: db.prepare<[string, number]>('UPDATE contacts SET unsubscribed_at = ? WHERE id = ? AND unsubscribed_at IS NULL'),
    };
  }

  /** Every provider, oldest first: a run works through this list, so providers added or deleted meanwhile shift nothing. */
  providerIds(): string[] {
    return this.statements.providerIds.all().map((row) => row.id);
  }

  /** The subscribed contacts of these providers, by provider. */
  contactsOf(providerIds: string[]): Map<string, ReminderContact[]> {
    const byProvider = new Map<string, ReminderContact[]>();
    for (const row of this.statements.contactsOf.all(JSON.stringify(providerIds))) {
      const contact = { id: row.id, providerId: row.provider_id, email: row.email, name: row.name, language: row.language, unsubscribeToken: row.unsubscribe_token };
      const list = byProvider.get(row.provider_id);
      if (list) list.push(contact);
      else byProvider.set(row.provider_id, [contact]);
    }
    return byProvider;
  }

  told(contactId: number): ToldNotice[] {
    return this.statements.told.all(contactId);
  }

  toldDue(contactId: number): Map<string, IsoDate> {
    return new Map(this.statements.toldDue.all(contactId).map((row) => [row.item, row.due]));
  }

  /** Call inside the transaction that stores the mail. */
  recordTold(contactId: number, outboxId: string, notices: ToldNotice[]): void {
    for (const notice of notices) {
      this.statements.recordNotice.run({ contactId, outboxId, ...notice });
      this.statements.recordDue.run({ contactId, outboxId, item: notice.item, due: notice.due });
    }
  }

  startRun(day: IsoDate, since: IsoDate, now: string): void {
    this.statements.startRun.run({ day, since, now });
  }

  finishRun(day: IsoDate, counts: { planned: number; sent: number; failed: number }, now: string): void {
    this.statements.finishRun.run({ day, now, ...counts });
  }

  /** The last finished run up to `today` (a hand-started run of a later day does not count). */
  lastFinishedDay(today: IsoDate): IsoDate | null {
    return (this.statements.lastFinished.get(today) as { day: string | null }).day;
  }

  run(day: IsoDate): RunRecord | undefined {
    const row = this.statements.run.get(day);
    return row && toRunRecord(row);
  }

  recentRuns(limit = 10): RunRecord[] {
    return this.statements.runs.all(limit).map(toRunRecord);
  }

  contactByToken(token: string): (ReminderContact & { unsubscribedAt: string | null }) | undefined {
    const row = this.statements.byToken.get(token);
    return row && { id: row.id, providerId: row.provider_id, email: row.email, name: row.name, language: row.language, unsubscribeToken: row.unsubscribe_token, unsubscribedAt: row.unsubscribed_at };
  }

  /** Idempotent: true only the first time. */
  unsubscribe(contactId: number, now: string): boolean {
    return this.statements.unsubscribe.run(now, contactId).changes === 1;
  }

  transaction<T>(work: () => T): T {
    return this.db.transaction(work).immediate();
  }
}

function toRunRecord(row: Record<string, unknown>): RunRecord {
  return {
    day: row.day as string,
    since: row.since as string,
    startedAt: row.started_at as string,
    finishedAt: row.finished_at as string | null,
    planned: row.planned as number,
    sent: row.sent as number,
    failed: row.failed as number,
  };
}
