import { CalendarSet } from '../domain/calendar-set.js';
import { shiftCalendarFile } from '../domain/expected.js';
import { computeTimeline } from '../domain/timeline.js';
import type { CalendarFile, TimelineItem } from '../domain/types.js';
import { archetypesOf, byId, dateOf, type DiffOptions, type ItemChange } from './diff.js';

/**
 * A newly encoded contract year against what providers saw of it until now: the dates expected from the insurer's
 * previous year (`previous`). Per item: expected → actual where the date moved, expected items the document does not
 * have, and the document's items nobody expected; with providers (their contracts carry forward), how many each
 * change affects.
 */
export function diffExpectedToActual(previous: CalendarFile, after: CalendarFile, options: DiffOptions): ItemChange[] {
  const beforeSet = new CalendarSet([previous], options.decreeDays);
  const afterSet = new CalendarSet([previous, after], options.decreeDays);
  const key = `${after.insurer}/${after.year}`;
  // Lines of the year before: their items were expected, or left out on purpose (undated, passed, dated by law).
  const moved = new CalendarSet([shiftCalendarFile(previous, after.year - previous.year)], options.decreeDays);
  const known = new Set(moved.get(after.insurer, after.year)?.lines.map((line) => line.itemId) ?? []);
  const ofYear = (items: readonly TimelineItem[]) =>
    byId(items.filter((item) => item.calendar === key && item.type !== 'statutory'));
  const changes = new Map<string, ItemChange>();
  const note = (item: string, aspect: ItemChange['aspect'], detail: string, provider = false): void => {
    const id = `${item}\u0000${aspect}`;
    const change = changes.get(id) ?? { item, aspect, details: [], ...(options.providers ? { affected: 0 } : {}) };
    if (provider) change.affected = (change.affected ?? 0) + 1;
    else if (!change.details.includes(detail)) change.details.push(detail);
    changes.set(id, change);
  };
  const compare = (was: Map<string, TimelineItem>, is: Map<string, TimelineItem>, name: string, provider: boolean) => {
    for (const id of new Set([...was.keys(), ...is.keys()])) {
      const old = was.get(id);
      const now = is.get(id);
      if (old && now && dateOf(old) !== dateOf(now))
        note(id, 'date', `${name}: expected ${dateOf(old)} → ${dateOf(now)}`, provider);
      else if (old && !now) note(id, 'applicability', `${name}: expected, not in the ${after.year} document`, provider);
      else if (!old && now && !known.has(id))
        note(id, 'applicability', `${name}: in the ${after.year} document, not expected`, provider);
    }
  };
  for (const archetype of archetypesOf([previous])) {
    const provider = { kinds: [archetype.kind], contracts: [archetype.contract] };
    compare(
      ofYear(computeTimeline(provider, beforeSet, [], options.asOf, { expected: true })),
      ofYear(computeTimeline(provider, afterSet, [], options.asOf, { expected: true })),
      archetype.name,
      false,
    );
  }
  for (const { provider, events } of options.providers ?? [])
    compare(
      ofYear(computeTimeline(provider, beforeSet, events, options.asOf, { expected: true })),
      ofYear(computeTimeline(provider, afterSet, events, options.asOf, { expected: true })),
      '',
      true,
    );
  return [...changes.values()]
    .filter((change) => change.details.length > 0)
    .sort((a, b) => a.item.localeCompare(b.item) || a.aspect.localeCompare(b.aspect));
}
