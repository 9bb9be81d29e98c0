import { kindsCovered } from './contracted-kinds.js';
import type { CompiledCalendar, CompiledLine } from './calendar.js';
import type { CalendarSet } from './calendar-set.js';
import { applicableLines, idsOf } from './applicable.js';
import { carriedContracts } from './carried-contracts.js';
import { contractEndItems } from './contract-ends.js';
import { DUE_SOON_DAYS } from './date-status.js';
import { expectedCloses, expectedDerivation, publishedDerivation } from './expected.js';
import { impliedDone, LinePlacer, type Events } from './line-placer.js';
import { addDays } from './plain-date.js';
import { statutoryItems } from './statutory.js';
import type { Contract, IsoDate, Provider, RecordedEvent, TimelineItem } from './types.js';

export { DUE_SOON_DAYS } from './date-status.js';

export interface TimelineOptions {
  /** Keep the lines of a route whose window passed unused (so a late record of its trigger is still accepted). */
  keepPassedRoutes?: boolean;
  /**
   * Carry her contracts forward to the contract years ahead she did not register (status existing): the law's dates
   * of those years, and a year's document where one is encoded.
   */
  carried?: boolean;
  /**
   * Carry forward (as `carried`) and add the next contract year's expected items: for what a provider sees (her
   * timeline, feed, pages, the CLI); left out where only published dates count (recording, diffs, generic calendar
   * feeds, webhooks).
   */
  expected?: boolean;
}

/**
 * Every date that applies to a provider, across its contracts, sorted by due date (items without a date
 * yet after the step they wait for). Fixed dates come precompiled; only relative steps are computed here.
 */
export function computeTimeline(
  provider: Provider,
  calendars: CalendarSet,
  recordedEvents: readonly RecordedEvent[] | Events,
  asOf: IsoDate,
  options: TimelineOptions = {},
): TimelineItem[] {
  const events: Events =
    recordedEvents instanceof Map ? recordedEvents : eventsByItem(recordedEvents as readonly RecordedEvent[]);
  const items: TimelineItem[] = [];
  // What a provider sees of a year published since it was expected says what the document changed.
  const sees = options.carried === true || options.expected === true;
  const published = (held: TimelineItem[], calendar: CompiledCalendar | undefined, contract: Contract) =>
    sees && calendar ? withPublished(held, calendar, calendars, provider, contract, asOf, options) : held;
  for (const contract of provider.contracts) {
    const calendar = calendars.get(contract.insurer, contract.year);
    items.push(
      ...published(
        heldContractItems(calendar, calendars, provider, contract, events, asOf, options),
        calendar,
        contract,
      ),
    );
    if (calendar)
      items.push(
        ...contractEndItems(
          calendar,
          provider.kinds,
          contract,
          calendars.insurerName(contract.insurer),
          calendars.legal,
          asOf,
        ),
      );
  }
  const withExpected = options.expected === true && provider.showExpected !== false;
  if (options.carried === true || options.expected === true)
    for (const { contract, calendar, coverage } of carriedContracts(provider, calendars, asOf)) {
      if (calendar === null || calendar.rests === 'document') {
        const compiled = calendar?.compiled;
        const held = heldContractItems(compiled, calendars, provider, contract, events, asOf, options, coverage);
        items.push(...published(held, compiled, contract));
        continue;
      }
      // The law's dates of an expected year are known; its document's are not.
      items.push(...heldContractItems(undefined, calendars, provider, contract, events, asOf, options, coverage));
      if (!withExpected) continue;
      // Nothing can be recorded of a year not published; a date that has passed was never known, a date that counts
      // from an event of hers not recorded yet has none, and an act the law dates stands in the law's words.
      for (const item of contractItems(calendar.compiled, calendars, provider, contract, NO_EVENTS, asOf, options)) {
        if (item.due === null || item.due < asOf) continue;
        if ((calendar.compiled.byItemId.get(item.id)?.statutory ?? null) !== null) continue;
        items.push({ ...item, expected: true, derivation: expectedDerivation(item.derivation, calendar.baseYear) });
      }
    }
  return sortTimeline(items);
}

/**
 * One contract year's legal dates and its calendar's items. `coverage` is the calendar whose kinds say whether the
 * insurer buys her care at all (the year's own, or the one its dates are expected from).
 */
function heldContractItems(
  calendar: CompiledCalendar | undefined,
  calendars: CalendarSet,
  provider: Provider,
  contract: Contract,
  events: Events,
  asOf: IsoDate,
  options: TimelineOptions,
  coverage: CompiledCalendar | undefined = calendar,
): TimelineItem[] {
  const applicable = calendar ? applicableLines(calendar, provider, contract) : [];
  // The law's dates for every insurer and year; a line of the insurer's own for the same act stands instead.
  const standing = new Set(applicable.flatMap((line) => (line.statutory === null ? [] : [line.statutory])));
  const insurer = { id: contract.insurer, name: calendars.insurerName(contract.insurer) };
  // A document that buys none of her kinds that year (Z&Z 2026 and VSV) has no round for her: no legal dates either.
  const covered = coverage ? kindsCovered(coverage.file) : undefined;
  if (covered && !provider.kinds.some((kind) => covered.has(kind))) return [];
  const items = statutoryItems(calendars.legal, insurer, contract.year, standing, events, asOf, (due) =>
    calendars.workingDays.flagsFor(due),
  );
  if (calendar) items.push(...contractItems(calendar, calendars, provider, contract, events, asOf, options));
  return items;
}

const NO_EVENTS: Events = new Map();

/**
 * A year encoded since it was expected from the year before, while its round is open: each of its dates that the
 * document moved from the expected one, or that was not expected, says so (derivation and `published`). The expected
 * dates are computed as they were shown: without her events (nothing could be recorded of an unpublished year).
 */
function withPublished(
  items: TimelineItem[],
  calendar: CompiledCalendar,
  calendars: CalendarSet,
  provider: Provider,
  contract: Contract,
  asOf: IsoDate,
  options: TimelineOptions,
): TimelineItem[] {
  const { insurer, year } = calendar.file;
  const before = provider.showExpected === false ? undefined : calendars.wasExpected(insurer, year);
  if (!before || asOf >= expectedCloses(calendar.file, year)) return items;
  const expectedDue = new Map(
    contractItems(before, calendars, provider, contract, NO_EVENTS, asOf, options).map((item) => [item.id, item.due]),
  );
  return items.map((item) => {
    // The law's dates are the law's either way; an act the law dates was shown in the law's words while expected,
    // so the document's own line for it is no change.
    if (item.calendar !== calendar.key || item.type === 'statutory' || item.due === null || item.due < asOf)
      return item;
    if ((calendar.byItemId.get(item.id)?.statutory ?? null) !== null) return item;
    const expected = expectedDue.has(item.id) ? expectedDue.get(item.id)! : null;
    // Undated then (it counted from a step of hers), or where it was expected: nothing moved.
    if ((expectedDue.has(item.id) && expected === null) || expected === item.due) return item;
    const basis = year - 1;
    return {
      ...item,
      published: { expected, basis },
      derivation: publishedDerivation(item.derivation, year, expected, basis),
    };
  });
}

/** The items of one contract's calendar. */
function contractItems(
  calendar: CompiledCalendar,
  calendars: CalendarSet,
  provider: Provider,
  contract: Contract,
  events: Events,
  asOf: IsoDate,
  options: TimelineOptions,
): TimelineItem[] {
  const dueSoonUntil = addDays(asOf, DUE_SOON_DAYS);
  const items: TimelineItem[] = [];
  const applicable = applicableLines(calendar, provider, contract);
  const placer = new LinePlacer(calendar, calendars, events, asOf, idsOf(applicable));
  const live = liveRoutes(calendar, applicable, events, asOf, placer, options.keepPassedRoutes === true);
  placer.implied = impliedDone(applicable, events, placer);
  for (const line of applicable) {
    if (line.awaits !== null && !events.has(line.awaits)) continue;
    if (line.route !== null && live.has(line.route) && !live.get(line.route)) continue;
    // A route milestone binds a provider on that route only once she takes it (records its request); a step of
    // the route that the milestone caps then carries the date, so there is one item, not two.
    const routeTrigger =
      line.chain === null && line.route !== null && live.has(line.route) ? calendar.triggers.get(line.route)! : null;
    if (routeTrigger !== null && events.has(routeTrigger) && calendar.carried.has(line.itemId)) continue;
    items.push(placer.item(line, dueSoonUntil, routeTrigger));
  }
  return items;
}

/** The latest recorded date per item (a later record corrects an earlier one). */
export function eventsByItem(events: readonly RecordedEvent[]): Map<string, IsoDate> {
  const byItem = new Map<string, IsoDate>();
  for (const event of events) {
    const known = byItem.get(event.item);
    if (known === undefined || event.date > known) byItem.set(event.item, event.date);
  }
  return byItem;
}

/**
 * Per route (chain of an alternatives group that applies to the provider): is it live? A recorded trigger takes
 * its route and closes the others; with none taken, a route whose trigger date has passed is closed.
 */
function liveRoutes(
  calendar: CompiledCalendar,
  applicable: readonly CompiledLine[],
  events: Events,
  asOf: IsoDate,
  placer: LinePlacer,
  keepPassed: boolean,
): Map<string, boolean> {
  const live = new Map<string, boolean>();
  const applicableChains = new Set(
    applicable.filter((line) => line.trigger && line.chain).map((line) => line.chain!.id),
  );
  for (const [route, group] of calendar.alternatives) {
    if (!applicableChains.has(route)) continue;
    const routes = group.filter((chain) => applicableChains.has(chain));
    const taken = routes.filter((chain) => events.has(calendar.triggers.get(chain)!));
    if (taken.length > 0) live.set(route, taken.includes(route));
    else {
      const due = placer.placed(calendar.byItemId.get(calendar.triggers.get(route)!)!).due;
      live.set(route, keepPassed || due === null || due >= asOf);
    }
  }
  return live;
}
/** By due date (and time); an item without a date comes right after the step it waits for, in chain order. */
export function sortTimeline(items: TimelineItem[]): TimelineItem[] {
  const dueOf = new Map(items.map((item) => [item.id, item.due]));
  const anchorOf = (item: TimelineItem): string =>
    item.due === null && item.waitsFor !== null ? item.waitsFor : item.id;
  const dueKey = (item: TimelineItem): string => item.due ?? dueOf.get(anchorOf(item)) ?? '9999-12-31';
  return items.sort((a, b) => {
    const keyA = dueKey(a);
    const keyB = dueKey(b);
    if (keyA !== keyB) return keyA < keyB ? -1 : 1;
    const timeA = a.time ?? '';
    const timeB = b.time ?? '';
    if (timeA !== timeB) return timeA < timeB ? -1 : 1;
    const anchorA = anchorOf(a);
    const anchorB = anchorOf(b);
    if (anchorA !== anchorB) return anchorA < anchorB ? -1 : 1;
    if (a.chain && b.chain && a.chain.id === b.chain.id) return a.chain.step - b.chain.step;
    return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
  });
}
