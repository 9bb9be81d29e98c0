import type { IsoDate } from '../domain/types.js';
import type { Db } from './database.js';
import type { Language } from '../domain/language.js';
import { SecretTokens } from './secrets.js';

/** A contact that still wants reminders, with what its mails need. */
export interface ReminderContact {
  id: number;
  providerId: string;
  email: string;
  name: string | null;
  language: Language;
  /** Rebuilt from the server key for each mail (src/store/secrets.ts); only its keyed hash is stored. */
  unsubscribeToken: string;
  /** The day the first mail (a short notice) was planned; null: the next mail is that notice. */
  introducedOn: IsoDate | null;
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
  introduced_on: string | null;
}

/** What each contact has been told (notices, the dates mailed), the daily runs, and unsubscribing. */
export class ReminderStore {
  private readonly statements;
  private readonly tokens: SecretTokens;

  constructor(private readonly db: Db) {
    this.tokens = new SecretTokens(db);
    this.statements = {
      providerIds: db.prepare<[], { id: string }>('SELECT id FROM providers ORDER BY created_at, id'),
      // An address on the tenant's suppression list gets nothing, whichever contact row names it now.
      contactsOf: db.prepare<
        [string],
        ContactRow
      >(`SELECT c.id, c.provider_id, c.email, c.name, c.language, c.introduced_on
        FROM contacts c JOIN providers p ON p.id = c.provider_id
        WHERE c.provider_id IN (SELECT value FROM json_each(?)) AND c.unsubscribed_at IS NULL
          AND NOT EXISTS (SELECT 1 FROM mail_suppressions s WHERE s.owner_key_id = p.owner_key_id AND s.address_hash = secret_hash('address:' || lower(c.email)))
        ORDER BY c.provider_id, c.position`),
      introduce: db.prepare<[string, number]>(
        'UPDATE contacts SET introduced_on = ? WHERE id = ? AND introduced_on IS NULL',
      ),
      // A notice whose mail failed does not count as told: the next run says it again.
      told: db.prepare<
        [string],
        { contact_id: number; item: string; notice: string; due: string }
      >(`SELECT n.contact_id, n.item, n.notice, n.due
        FROM mail_notices n JOIN mail_outbox o ON o.id = n.outbox_id
        WHERE n.contact_id IN (SELECT value FROM json_each(?)) AND o.status <> 'failed'`),
      toldDue: db.prepare<
        [string],
        { contact_id: number; item: string; due: string }
      >(`SELECT contact_id, item, due FROM mail_item_dates
        WHERE contact_id IN (SELECT value FROM json_each(?))`),
      recordNotice:
        db.prepare(`INSERT INTO mail_notices (contact_id, item, notice, due, outbox_id) VALUES (@contactId, @item, @notice, @due, @outboxId)
        ON CONFLICT DO UPDATE SET outbox_id = excluded.outbox_id`),
      recordDue:
        db.prepare(`INSERT INTO mail_item_dates (contact_id, item, due, outbox_id) VALUES (@contactId, @item, @due, @outboxId)
        ON CONFLICT DO UPDATE SET due = excluded.due, outbox_id = excluded.outbox_id`),
      startRun: db.prepare(`INSERT INTO reminder_runs (day, since, started_at) VALUES (@day, @since, @now)
        ON CONFLICT DO UPDATE SET since = min(since, excluded.since), started_at = excluded.started_at, finished_at = NULL`),
      finishRun: db.prepare(
        `UPDATE reminder_runs SET finished_at = @now, planned = @planned, sent = @sent, failed = @failed WHERE day = @day`,
      ),
      lastFinished: db.prepare<[string], { day: string | null }>(
        'SELECT max(day) AS day FROM reminder_runs WHERE finished_at IS NOT NULL AND day <= ?',
      ),
      run: db.prepare<[string], Record<string, unknown>>('SELECT * FROM reminder_runs WHERE day = ?'),
      runs: db.prepare<[number], Record<string, unknown>>('SELECT * FROM reminder_runs ORDER BY day DESC LIMIT ?'),
      byId: db.prepare<
        [number],
        ContactRow & { unsubscribed_at: string | null; owner_key_id: string }
      >(`SELECT c.id, c.provider_id, c.email, c.name,
        c.language, c.introduced_on, c.unsubscribed_at, p.owner_key_id FROM contacts c JOIN providers p ON p.id = c.provider_id WHERE c.id = ?`),
      unsubscribe: db.prepare<[string, number]>(
        'UPDATE contacts SET unsubscribed_at = ? WHERE id = ? AND unsubscribed_at IS NULL',
      ),
      suppress: db.prepare<{
        owner: string;
        email: string;
        now: string;
      }>(`INSERT INTO mail_suppressions (owner_key_id, address_hash, suppressed_at)
        VALUES (@owner, secret_hash('address:' || lower(@email)), @now) ON CONFLICT DO NOTHING`),
      suppressed: db.prepare<{ owner: string; email: string }, { one: number }>(`SELECT 1 AS one FROM mail_suppressions
        WHERE owner_key_id = @owner AND address_hash = secret_hash('address:' || lower(@email))`),
      unsuppress: db.prepare<{ owner: string; email: string }>(`DELETE FROM mail_suppressions
        WHERE owner_key_id = @owner AND address_hash = secret_hash('address:' || lower(@email))`),
      resubscribe: db.prepare<[number]>('UPDATE contacts SET unsubscribed_at = NULL WHERE id = ?'),
    };
  }

  /** Every provider, oldest first: a run works through this list, so providers added or deleted meanwhile shift nothing. */
  providerIds(): string[] {
    return this.statements.providerIds.all().map((row) => row.id);
  }

  /** The subscribed contacts of these providers, by provider. */
  contactsOf(providerIds: string[]): Map<string, ReminderContact[]> {
    const byProvider = new Map<string, ReminderContact[]>();
    const rows = this.statements.contactsOf.all(JSON.stringify(providerIds));
    const tokens = this.tokens.currentOf(
      'unsubscribe',
      rows.map((row) => row.id),
    );
    for (const row of rows) {
      const contact = this.toContact(row, tokens.get(String(row.id)) ?? this.tokens.issue('unsubscribe', row.id));
      const list = byProvider.get(row.provider_id);
      if (list) list.push(contact);
      else byProvider.set(row.provider_id, [contact]);
    }
    return byProvider;
  }

  /** Per contact: what it was told (in mails that did not fail), and the due date last mailed per item. */
  historiesOf(contactIds: readonly number[]): Map<number, { told: ToldNotice[]; toldDue: Map<string, IsoDate> }> {
    const histories = new Map(
      contactIds.map((id) => [id, { told: [] as ToldNotice[], toldDue: new Map<string, IsoDate>() }]),
    );
    const ids = JSON.stringify(contactIds);
    for (const row of this.statements.told.all(ids))
      histories.get(row.contact_id)?.told.push({ item: row.item, notice: row.notice, due: row.due });
    for (const row of this.statements.toldDue.all(ids)) histories.get(row.contact_id)?.toldDue.set(row.item, row.due);
    return histories;
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

  /** The contact an unsubscribe link belongs to; `unsubscribed` also when the address is on the tenant's suppression list. */
  contactByToken(token: string): (ReminderContact & { unsubscribed: boolean }) | undefined {
    const id = this.tokens.find('unsubscribe', token);
    const row = id === undefined ? undefined : this.statements.byId.get(Number(id));
    if (!row) return undefined;
    const suppressed = this.statements.suppressed.get({ owner: row.owner_key_id, email: row.email }) !== undefined;
    return { ...this.toContact(row, token), unsubscribed: row.unsubscribed_at !== null || suppressed };
  }

  /** Marks the first mail to a contact as planned (call in the transaction that stores it). */
  introduce(contactId: number, day: IsoDate): void {
    this.statements.introduce.run(day, contactId);
  }

  /**
   * Stops mail to this contact and puts its address on the tenant's suppression list, which outlives the contact:
   * deleting it and adding it again sends nothing. Idempotent: true only the first time.
   */
  unsubscribe(contactId: number, now: string): boolean {
    return this.db.transaction(() => {
      const row = this.statements.byId.get(contactId);
      if (!row) return false;
      const suppressed = this.statements.suppress.run({ owner: row.owner_key_id, email: row.email, now }).changes === 1;
      return this.statements.unsubscribe.run(now, contactId).changes === 1 || suppressed;
    })();
  }

  /** The person herself opts in again (from her own link): the address leaves the tenant's suppression list. */
  resubscribe(contactId: number): void {
    this.db.transaction(() => {
      const row = this.statements.byId.get(contactId);
      if (!row) return;
      this.statements.unsuppress.run({ owner: row.owner_key_id, email: row.email });
      this.statements.resubscribe.run(contactId);
    })();
  }

  private toContact(row: ContactRow, unsubscribeToken: string): ReminderContact {
    return {
      id: row.id,
      providerId: row.provider_id,
      email: row.email,
      name: row.name,
      language: row.language,
      unsubscribeToken,
      introducedOn: row.introduced_on,
    };
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
