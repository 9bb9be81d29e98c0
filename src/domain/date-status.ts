import { addDays } from './plain-date.js';
import type { IsoDate, ItemStatus } from './types.js';

/** Items due within this many days of asOf are `due-soon`. */
export const DUE_SOON_DAYS = 14;

/** A dated item's status by its date alone: `late` once passed, due soon within DUE_SOON_DAYS, else upcoming. */
export function statusByDate(due: IsoDate, asOf: IsoDate, late: ItemStatus): ItemStatus {
  if (due < asOf) return late;
  return due <= addDays(asOf, DUE_SOON_DAYS) ? 'due-soon' : 'upcoming';
}
