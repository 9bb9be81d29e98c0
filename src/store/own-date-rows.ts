import type { Correction, OwnItem, OwnItemInput } from '../domain/own-items.js';

// How the rows of migration 009's tables read as her own items and corrections, and what their history keeps.

export interface OwnItemRecord extends OwnItem {
  updatedBy: string;
  updatedAt: string;
}

export type CorrectionRecord = Correction;

/** One change of an own item or a correction: who, when, the values before and after (null when created/removed). */
export interface OwnDateChange {
  action: 'created' | 'changed' | 'removed';
  by: string;
  at: string;
  old: Record<string, unknown> | null;
  new: Record<string, unknown> | null;
}

export interface OwnItemRow {
  id: string;
  provider_id: string;
  insurer: string | null;
  title: string;
  due: string;
  window_from: string | null;
  time: string | null;
  note: string;
  done: string | null;
  revision: number;
  recorded_by: string;
  recorded_at: string;
  updated_by: string;
  updated_at: string;
}

export interface CorrectionRow {
  id: string;
  provider_id: string;
  item: string;
  due: string;
  original: string;
  reason: string;
  recorded_by: string;
  recorded_at: string;
}

export interface ChangeRow {
  action: OwnDateChange['action'];
  old: string | null;
  new: string | null;
  changed_by: string;
  changed_at: string;
}

export function toOwnItem(row: OwnItemRow): OwnItemRecord {
  return {
    id: row.id,
    insurer: row.insurer,
    title: row.title,
    due: row.due,
    from: row.window_from,
    time: row.time,
    note: row.note,
    done: row.done,
    revision: row.revision,
    recordedBy: row.recorded_by,
    recordedAt: row.recorded_at,
    updatedBy: row.updated_by,
    updatedAt: row.updated_at,
  };
}

export function toCorrection(row: CorrectionRow): CorrectionRecord {
  return {
    id: row.id,
    item: row.item,
    due: row.due,
    original: row.original,
    reason: row.reason,
    recordedBy: row.recorded_by,
    recordedAt: row.recorded_at,
  };
}

/** The values of an own item its history shows. */
export function itemValues(item: OwnItemInput): Record<string, unknown> {
  const { insurer, title, due, from, time, note, done } = item;
  return { insurer, title, due, from, time, note, done };
}

export function correctionValues(
  correction: Pick<Correction, 'item' | 'due' | 'original' | 'reason'>,
): Record<string, unknown> {
  const { item, due, original, reason } = correction;
  return { item, due, original, reason };
}
