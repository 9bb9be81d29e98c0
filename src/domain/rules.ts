import { addDays, addMonths, addYears, endOf, firstDayOfMonth, startOf } from './plain-date.js';
import type { DateRule, IsoDate, Offset } from './types.js';
import type { WorkingDays } from './working-days.js';

/** The one place where a rule's wording becomes a date. */

export interface FixedDates {
  due: IsoDate;
  window: { from: IsoDate; to: IsoDate } | null;
}

/** Dates of a rule that needs no other line: `uiterlijk`, `vóór`, `eind`, `in 2028`, windows. */
export function fixedDates(rule: DateRule): FixedDates | null {
  if (rule.onOrBefore !== undefined) return { due: rule.onOrBefore, window: null };
  // vóór 1 september: strictly before, so the last day to act is 31 August.
  if (rule.before !== undefined) return { due: addDays(rule.before, -1), window: null };
  if (rule.endOfMonth !== undefined) return { due: endOf(rule.endOfMonth), window: null };
  if (rule.endOfYear !== undefined) return { due: `${rule.endOfYear}-12-31`, window: null };
  if (rule.window !== undefined) {
    const window = { from: startOf(rule.window.from), to: endOf(rule.window.to) };
    return { due: window.to, window };
  }
  return null;
}

/** The line a relative rule counts from, or undefined for a fixed rule. */
export function ruleRef(rule: DateRule): string | undefined {
  return rule.after?.ref ?? rule.firstOfMonth?.ref ?? rule.every?.ref;
}

/** The date of a relative rule, counted from `base` (the referenced line's recorded or computed date). */
export function relativeDate(rule: DateRule, base: IsoDate, asOf: IsoDate, workingDays: WorkingDays): IsoDate {
  if (rule.after !== undefined) return applyOffset(base, rule.after, workingDays);
  if (rule.firstOfMonth !== undefined) return firstDayOfMonth(base);
  if (rule.every !== undefined) return nextOccurrence(base, rule.every.years, asOf);
  throw new Error('relativeDate called on a fixed rule');
}

export function applyOffset(base: IsoDate, offset: Offset, workingDays: WorkingDays): IsoDate {
  if (offset.days !== undefined) return addDays(base, offset.days);
  if (offset.weeks !== undefined) return addDays(base, 7 * offset.weeks);
  if (offset.months !== undefined) return addMonths(base, offset.months);
  if (offset.years !== undefined) return addYears(base, offset.years);
  if (offset.workingDays !== undefined) return workingDays.addWorkingDays(base, offset.workingDays);
  throw new Error(`offset after ${offset.ref} has no amount`);
}

/** iedere N jaar: the first base + k·N years (k ≥ 1) that is on or after asOf. */
export function nextOccurrence(base: IsoDate, everyYears: number, asOf: IsoDate): IsoDate {
  let k = 1;
  let next = addYears(base, everyYears);
  while (next < asOf) next = addYears(base, everyYears * ++k);
  return next;
}
