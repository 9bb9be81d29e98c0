import type { CalendarSet } from '../domain/calendar-set.js';
import { OWN_ITEM_PREFIX, type OwnItemInput } from '../domain/own-items.js';
import { isValidPlainDate } from '../domain/plain-date.js';
import type { IsoDate, TimelineItem } from '../domain/types.js';
import { singleLineProblem } from './text.js';

/** One refused field, in the API's words (the web page words it in her language by `kind`). */
export interface OwnDateProblem {
  field: string;
  kind: 'insurer' | 'text' | 'date' | 'window' | 'time' | 'done' | 'item' | 'same-date' | 'expected';
  message: string;
}

const INSURER_SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const TIME = /^(?:[01]\d|2[0-3]):[0-5]\d$/;

/**
 * Why `insurer` cannot be named on her own item, or null. For now: an insurer with an encoded calendar, or any
 * lower-case slug (an insurer without a document here). This is the one place to point at the insurer registry
 * (calendars/insurers.yaml) once it is merged.
 */
export function insurerProblem(insurer: string, calendars: CalendarSet): string | null {
  if (calendars.insurers().includes(insurer)) return null;
  if (insurer.length <= 64 && INSURER_SLUG.test(insurer)) return null;
  return `must be an insurer id: one with a calendar (${calendars.insurers().join(', ')}) or a lower-case slug like "vgz"`;
}

/** Every problem of an own item as it would be stored (after a PATCH: the whole item as it would become). */
export function ownItemProblems(item: OwnItemInput, calendars: CalendarSet, today: IsoDate): OwnDateProblem[] {
  const problems: OwnDateProblem[] = [];
  if (item.insurer !== null) {
    const message = insurerProblem(item.insurer, calendars);
    if (message !== null) problems.push({ field: 'insurer', kind: 'insurer', message });
  }
  for (const field of ['title', 'note'] as const) {
    const message = singleLineProblem(item[field]);
    if (message !== null) problems.push({ field, kind: 'text', message });
  }
  const realDue = isValidPlainDate(item.due);
  if (!realDue) problems.push({ field: 'due', kind: 'date', message: 'must be a real date YYYY-MM-DD' });
  if (item.from !== null) {
    if (!isValidPlainDate(item.from))
      problems.push({ field: 'from', kind: 'date', message: 'must be a real date YYYY-MM-DD' });
    else if (realDue && item.from > item.due)
      problems.push({ field: 'from', kind: 'window', message: `must not be after due (${item.due})` });
  }
  if (item.time !== null && !TIME.test(item.time))
    problems.push({ field: 'time', kind: 'time', message: 'must be a time of day HH:MM (Europe/Amsterdam)' });
  if (item.done !== null) {
    if (!isValidPlainDate(item.done))
      problems.push({ field: 'done', kind: 'date', message: 'must be a real date YYYY-MM-DD' });
    else if (item.done > today)
      problems.push({ field: 'done', kind: 'done', message: `must not be after today (${today}, Europe/Amsterdam)` });
  }
  return problems;
}

/**
 * Problems of a correction of `itemId` to `due` against her computed timeline (without corrections): the item must
 * be a dated calendar item of hers, the date real and not the computed one.
 */
export function correctionProblems(
  itemId: string,
  due: IsoDate,
  reason: string,
  computed: readonly TimelineItem[],
): OwnDateProblem[] {
  const problems: OwnDateProblem[] = [];
  const item = itemId.startsWith(OWN_ITEM_PREFIX) ? undefined : computed.find((entry) => entry.id === itemId);
  if (item === undefined)
    problems.push({ field: 'item', kind: 'item', message: "is not a calendar item of this provider's timeline" });
  else if (item.expected)
    problems.push({
      field: 'item',
      kind: 'expected',
      message:
        'is an expected date: the insurer has not published this year yet, so there is no date to correct; record your own date (…/own-items) if you know it',
    });
  else if (item.due === null)
    problems.push({
      field: 'item',
      kind: 'item',
      message: 'has no date yet to correct (it waits for an earlier step)',
    });
  if (!isValidPlainDate(due)) problems.push({ field: 'due', kind: 'date', message: 'must be a real date YYYY-MM-DD' });
  else if (item?.due === due)
    problems.push({ field: 'due', kind: 'same-date', message: `is the computed date already (${due})` });
  const message = singleLineProblem(reason);
  if (message !== null) problems.push({ field: 'reason', kind: 'text', message });
  return problems;
}
