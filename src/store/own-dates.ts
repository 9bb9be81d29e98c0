import { randomUUID } from 'node:crypto';
import type { Correction, OwnDates, OwnItem, OwnItemInput } from '../domain/own-items.js';
import type { IsoDate } from '../domain/types.js';
import { nowIso, type Db } from './database.js';
import {
  correctionValues,
  itemValues,
  toCorrection,
  toOwnItem,
  type ChangeRow,
  type CorrectionRecord,
  type OwnDateChange,
  type OwnItemRecord,
  type CorrectionRow,
  type OwnItemRow,
} from './own-date-rows.js';

export type { CorrectionRecord, OwnDateChange, OwnItemRecord } from './own-date-rows.js';

type Subject = 'own-item' | 'correction';

/** Her own items and corrections, each write with its history row in one transaction; removal keeps the row. */
export class OwnDateStore {
  private readonly statements;

  constructor(private readonly db: Db) {
    this.statements = {
      insertItem:
        db.prepare(`INSERT INTO own_items (id, provider_id, insurer, title, due, window_from, time, note, done,
          recorded_by, recorded_at, updated_by, updated_at)
        VALUES (@id, @providerId, @insurer, @title, @due, @from, @time, @note, @done, @by, @at, @by, @at)`),
      getItem: db.prepare<[string, string], OwnItemRow>(
        'SELECT * FROM own_items WHERE id = ? AND provider_id = ? AND deleted_at IS NULL',
      ),
      items: db.prepare<[string], OwnItemRow>(
        'SELECT * FROM own_items WHERE provider_id = ? AND deleted_at IS NULL ORDER BY due, recorded_at, id',
      ),
      itemsOf: db.prepare<[string], OwnItemRow>(
        `SELECT * FROM own_items WHERE provider_id IN (SELECT value FROM json_each(?)) AND deleted_at IS NULL
          ORDER BY provider_id, due, recorded_at, id`,
      ),
      updateItem: db.prepare(`UPDATE own_items SET insurer = @insurer, title = @title, due = @due, window_from = @from,
          time = @time, note = @note, done = @done, revision = revision + 1, updated_by = @by, updated_at = @at
        WHERE id = @id AND provider_id = @providerId AND deleted_at IS NULL`),
      removeItem: db.prepare(
        'UPDATE own_items SET deleted_at = ?, deleted_by = ? WHERE id = ? AND provider_id = ? AND deleted_at IS NULL',
      ),
      insertCorrection:
        db.prepare(`INSERT INTO corrections (id, provider_id, item, due, original, reason, recorded_by, recorded_at)
        VALUES (@id, @providerId, @item, @due, @original, @reason, @by, @at)`),
      updateCorrection: db.prepare(`UPDATE corrections SET due = @due, original = @original, reason = @reason,
          recorded_by = @by, recorded_at = @at WHERE id = @id`),
      getCorrection: db.prepare<[string, string], CorrectionRow>(
        'SELECT * FROM corrections WHERE id = ? AND provider_id = ? AND deleted_at IS NULL',
      ),
      correctionOfItem: db.prepare<[string, string], CorrectionRow>(
        'SELECT * FROM corrections WHERE provider_id = ? AND item = ? AND deleted_at IS NULL',
      ),
      corrections: db.prepare<[string], CorrectionRow>(
        'SELECT * FROM corrections WHERE provider_id = ? AND deleted_at IS NULL ORDER BY item',
      ),
      correctionsOf: db.prepare<[string], CorrectionRow>(
        `SELECT * FROM corrections WHERE provider_id IN (SELECT value FROM json_each(?)) AND deleted_at IS NULL
          ORDER BY provider_id, item`,
      ),
      removeCorrection: db.prepare(
        'UPDATE corrections SET deleted_at = ?, deleted_by = ? WHERE id = ? AND provider_id = ? AND deleted_at IS NULL',
      ),
      insertChange:
        db.prepare(`INSERT INTO own_date_changes (provider_id, subject, subject_id, action, old, new, changed_by, changed_at)
        VALUES (@providerId, @subject, @subjectId, @action, @old, @new, @by, @at)`),
      changes: db.prepare<[string, Subject, string], ChangeRow>(
        'SELECT * FROM own_date_changes WHERE provider_id = ? AND subject = ? AND subject_id = ? ORDER BY seq',
      ),
    };
  }

  private change(
    providerId: string,
    subject: Subject,
    subjectId: string,
    change: Omit<OwnDateChange, 'at'> & { at: string },
  ): void {
    this.statements.insertChange.run({
      providerId,
      subject,
      subjectId,
      action: change.action,
      old: change.old === null ? null : JSON.stringify(change.old),
      new: change.new === null ? null : JSON.stringify(change.new),
      by: change.by,
      at: change.at,
    });
  }

  createItem(providerId: string, input: OwnItemInput, by: string): OwnItemRecord {
    const id = randomUUID();
    const at = nowIso();
    this.db.transaction(() => {
      this.statements.insertItem.run({ id, providerId, ...input, by, at });
      this.change(providerId, 'own-item', id, { action: 'created', by, at, old: null, new: itemValues(input) });
    })();
    return this.item(providerId, id) as OwnItemRecord;
  }

  item(providerId: string, id: string): OwnItemRecord | undefined {
    const row = this.statements.getItem.get(id, providerId);
    return row && toOwnItem(row);
  }

  items(providerId: string): OwnItemRecord[] {
    return this.statements.items.all(providerId).map(toOwnItem);
  }

  /** The whole item after the change, or undefined when she has no such (live) item. */
  updateItem(providerId: string, id: string, input: OwnItemInput, by: string): OwnItemRecord | undefined {
    return this.db.transaction(() => {
      const old = this.item(providerId, id);
      if (!old) return undefined;
      const at = nowIso();
      this.statements.updateItem.run({ id, providerId, ...input, by, at });
      this.change(providerId, 'own-item', id, {
        action: 'changed',
        by,
        at,
        old: itemValues(old),
        new: itemValues(input),
      });
      return this.item(providerId, id);
    })();
  }

  removeItem(providerId: string, id: string, by: string): boolean {
    return this.db.transaction(() => {
      const old = this.item(providerId, id);
      if (!old) return false;
      const at = nowIso();
      this.statements.removeItem.run(at, by, id, providerId);
      this.change(providerId, 'own-item', id, { action: 'removed', by, at, old: itemValues(old), new: null });
      return true;
    })();
  }

  /** Corrects an item; a live correction of the same item is changed (its history says from what). */
  correct(
    providerId: string,
    input: { item: string; due: IsoDate; original: IsoDate; reason: string },
    by: string,
  ): { correction: CorrectionRecord; created: boolean } {
    return this.db.transaction(() => {
      const at = nowIso();
      const old = this.statements.correctionOfItem.get(providerId, input.item);
      // The same correction again (a retried request) changes nothing and leaves no history row.
      if (old && old.due === input.due && old.original === input.original && old.reason === input.reason)
        return { correction: toCorrection(old), created: false };
      // A change keeps the id she already has, so DELETE …/corrections/{id} keeps undoing the item's correction.
      const id = old ? old.id : randomUUID();
      if (old) this.statements.updateCorrection.run({ id, ...input, by, at });
      else this.statements.insertCorrection.run({ id, providerId, ...input, by, at });
      this.change(providerId, 'correction', id, {
        action: old ? 'changed' : 'created',
        by,
        at,
        old: old ? correctionValues(old) : null,
        new: correctionValues(input),
      });
      return { correction: this.correction(providerId, id) as CorrectionRecord, created: !old };
    })();
  }

  correction(providerId: string, id: string): CorrectionRecord | undefined {
    const row = this.statements.getCorrection.get(id, providerId);
    return row && toCorrection(row);
  }

  corrections(providerId: string): CorrectionRecord[] {
    return this.statements.corrections.all(providerId).map(toCorrection);
  }

  /** Undoes a correction: the item is on its computed date again; the history keeps what it was. */
  removeCorrection(providerId: string, id: string, by: string): boolean {
    return this.db.transaction(() => {
      const old = this.correction(providerId, id);
      if (!old) return false;
      const at = nowIso();
      this.statements.removeCorrection.run(at, by, id, providerId);
      this.change(providerId, 'correction', id, { action: 'removed', by, at, old: correctionValues(old), new: null });
      return true;
    })();
  }

  /** Every change of one own item or correction, oldest first; empty when it never was hers. */
  history(providerId: string, subject: Subject, id: string): OwnDateChange[] {
    return this.statements.changes.all(providerId, subject, id).map((row) => ({
      action: row.action,
      by: row.changed_by,
      at: row.changed_at,
      old: row.old === null ? null : (JSON.parse(row.old) as Record<string, unknown>),
      new: row.new === null ? null : (JSON.parse(row.new) as Record<string, unknown>),
    }));
  }

  /** What the timeline merges in: her live own items and corrections. */
  ownDates(providerId: string): OwnDates {
    return {
      items: this.statements.items.all(providerId).map(toOwnItem),
      corrections: this.statements.corrections.all(providerId).map(toCorrection),
    };
  }

  /** `ownDates` of several providers, read together; a provider with none is not in the map. */
  ownDatesOf(providerIds: readonly string[]): Map<string, OwnDates> {
    const json = JSON.stringify(providerIds);
    const byProvider = new Map<string, { items: OwnItem[]; corrections: Correction[] }>();
    const of = (id: string) => {
      let dates = byProvider.get(id);
      if (!dates) byProvider.set(id, (dates = { items: [], corrections: [] }));
      return dates;
    };
    for (const row of this.statements.itemsOf.all(json)) of(row.provider_id).items.push(toOwnItem(row));
    for (const row of this.statements.correctionsOf.all(json)) of(row.provider_id).corrections.push(toCorrection(row));
    return byProvider;
  }
}
