import { CalendarSet } from '../domain/calendar-set.js';
import type { CompiledCalendar, CompiledLine } from '../domain/calendar.js';
import { computeTimeline } from '../domain/timeline.js';
import type {
  CalendarFile,
  Contract,
  IsoDate,
  Provider,
  ProviderKind,
  RecordedEvent,
  TimelineItem,
} from '../domain/types.js';
import type { DecreeDay } from '../domain/working-days.js';

/** What a change does to one item: its date, to whom it applies, or its words. */
export type ChangeAspect = 'date' | 'applicability' | 'wording';

export interface ItemChange {
  item: string;
  aspect: ChangeAspect;
  /** Readable, e.g. `verloskunde/existing: 2026-11-01 → 2026-10-30`. */
  details: string[];
  /** With providers: how many of them see this item change in this aspect. */
  affected?: number;
  /** Of those whose date moves: how many corrected it (their date stands; their next digest asks them to check). */
  corrected?: number;
}

/** A provider as the diff needs it: its kinds, contracts and recorded events. */
export interface ProviderTimelineInput {
  provider: Provider;
  events: RecordedEvent[];
  /** The items she corrected (src/domain/own-items.ts): a calendar change does not overwrite them. */
  corrected?: ReadonlySet<string>;
}

export interface DiffOptions {
  asOf: IsoDate;
  decreeDays?: readonly DecreeDay[];
  /** Every provider to count; omitted: no counts. */
  providers?: Iterable<ProviderTimelineInput>;
}

/**
 * Per item, what changes between two versions of one calendar (either may be absent: a new or a
 * dropped calendar): the due date for each archetype (kind × status × attribute value × running
 * agreement), applicability and wording; with providers, how many each change affects.
 */
export function diffCalendars(
  before: CalendarFile | null,
  after: CalendarFile | null,
  options: DiffOptions,
): ItemChange[] {
  const beforeSet = new CalendarSet(before ? [before] : [], options.decreeDays);
  const afterSet = new CalendarSet(after ? [after] : [], options.decreeDays);
  const file = (after ?? before) as CalendarFile;
  const beforeCalendar = beforeSet.get(file.insurer, file.year);
  const afterCalendar = afterSet.get(file.insurer, file.year);

  const changes = new Map<string, ItemChange>();
  const note = (item: string, aspect: ChangeAspect, detail: string): void => {
    const key = `${item}\u0000${aspect}`;
    const change = changes.get(key) ?? { item, aspect, details: [] };
    if (!change.details.includes(detail)) change.details.push(detail);
    changes.set(key, change);
  };

  const ids = new Set([...linesOf(beforeCalendar).keys(), ...linesOf(afterCalendar).keys()]);
  for (const id of ids) {
    const old = linesOf(beforeCalendar).get(id);
    const now = linesOf(afterCalendar).get(id);
    if (!old) note(id, 'applicability', 'new line');
    else if (!now) note(id, 'applicability', 'line removed');
    else {
      for (const detail of applicabilityChanges(old, now)) note(id, 'applicability', detail);
      for (const detail of wordingChanges(old, now)) note(id, 'wording', detail);
    }
  }

  // Archetypes whose date moves the same way are named together on one line.
  const moves = new Map<string, Map<string, string[]>>();
  for (const archetype of archetypesOf([before, after])) {
    const provider: Provider = { kinds: [archetype.kind], contracts: [archetype.contract] };
    const was = byId(computeTimeline(provider, beforeSet, [], options.asOf));
    const is = byId(computeTimeline(provider, afterSet, [], options.asOf));
    for (const id of new Set([...was.keys(), ...is.keys()])) {
      const old = was.get(id);
      const now = is.get(id);
      if (old && now && dateOf(old) !== dateOf(now)) {
        const byMove = moves.get(id) ?? new Map<string, string[]>();
        const move = `${dateOf(old)} → ${dateOf(now)}`;
        byMove.set(move, [...(byMove.get(move) ?? []), archetype.name]);
        moves.set(id, byMove);
      } else if (!old !== !now && linesOf(beforeCalendar).has(id) && linesOf(afterCalendar).has(id)) {
        note(id, 'applicability', `${archetype.name}: ${old ? 'no longer applies' : 'now applies'}`);
      }
    }
  }

  for (const [id, byMove] of moves)
    for (const [move, names] of byMove) note(id, 'date', `${names.join(', ')}: ${move}`);

  const result = [...changes.values()].sort((a, b) => a.item.localeCompare(b.item) || a.aspect.localeCompare(b.aspect));
  if (options.providers) countAffected(result, beforeSet, afterSet, options.providers, options.asOf);
  return result;
}

/** For each change, the providers whose own timeline shows it (recorded events included). */
function countAffected(
  changes: ItemChange[],
  beforeSet: CalendarSet,
  afterSet: CalendarSet,
  providers: Iterable<ProviderTimelineInput>,
  asOf: IsoDate,
): void {
  const counts = new Map<string, number>();
  const corrected = new Map<string, number>();
  for (const { provider, events, corrected: hers } of providers) {
    const was = byId(computeTimeline(provider, beforeSet, events, asOf));
    const is = byId(computeTimeline(provider, afterSet, events, asOf));
    for (const id of new Set([...was.keys(), ...is.keys()])) {
      const old = was.get(id);
      const now = is.get(id);
      const aspects: ChangeAspect[] = [];
      if (!old !== !now) aspects.push('applicability');
      else if (old && now) {
        if (dateOf(old) !== dateOf(now)) {
          aspects.push('date');
          if (hers?.has(id)) corrected.set(id, (corrected.get(id) ?? 0) + 1);
        }
        if (wordsOf(old) !== wordsOf(now)) aspects.push('wording');
      }
      for (const aspect of aspects) counts.set(`${id}\u0000${aspect}`, (counts.get(`${id}\u0000${aspect}`) ?? 0) + 1);
    }
  }
  for (const change of changes) {
    change.affected = counts.get(`${change.item}\u0000${change.aspect}`) ?? 0;
    if (change.aspect === 'date' && corrected.has(change.item)) change.corrected = corrected.get(change.item);
  }
}

function linesOf(calendar: CompiledCalendar | undefined): Map<string, CompiledLine> {
  return calendar?.byItemId ?? new Map();
}

export function byId(items: readonly TimelineItem[]): Map<string, TimelineItem> {
  return new Map(items.map((item) => [item.id, item]));
}

export function dateOf(item: TimelineItem): string {
  const window = item.window ? ` (window ${item.window.from}–${item.window.to})` : '';
  return `${item.due}${item.time ? ` ${item.time}` : ''}${window}`;
}

function wordsOf(item: TimelineItem): string {
  return JSON.stringify([
    item.title,
    item.source.section,
    item.source.quote,
    item.note,
    item.actor,
    item.type,
    item.contact,
  ]);
}

function applicabilityChanges(old: CompiledLine, now: CompiledLine): string[] {
  const details: string[] = [];
  const show = (value: unknown): string => JSON.stringify(value ?? null);
  if (show(old.appliesTo.kinds) !== show(now.appliesTo.kinds))
    details.push(`kinds ${show(old.appliesTo.kinds)} → ${show(now.appliesTo.kinds)}`);
  if (show(old.appliesTo.status) !== show(now.appliesTo.status))
    details.push(`status ${show(old.appliesTo.status)} → ${show(now.appliesTo.status)}`);
  if (show(old.appliesTo.attributes) !== show(now.appliesTo.attributes))
    details.push(`attributes ${show(old.appliesTo.attributes)} → ${show(now.appliesTo.attributes)}`);
  if (old.signing !== now.signing) details.push(`signing ${old.signing} → ${now.signing}`);
  if (old.awaits !== now.awaits)
    details.push(now.awaits ? 'now waits for its conditional trigger' : 'no longer waits for a trigger');
  return details;
}

function wordingChanges(old: CompiledLine, now: CompiledLine): string[] {
  const details: string[] = [];
  const fields: [string, unknown, unknown][] = [
    ['title', old.title, now.title],
    ['section', old.source.section, now.source.section],
    ['quote', old.source.quote, now.source.quote],
    ['note', old.note, now.note],
    ['actor', old.actor, now.actor],
    ['type', old.type, now.type],
    ['contact', old.contact, now.contact],
  ];
  for (const [name, was, is] of fields) {
    if (JSON.stringify(was) !== JSON.stringify(is))
      details.push(`${name}: ${JSON.stringify(was)} → ${JSON.stringify(is)}`);
  }
  return details;
}

export interface Archetype {
  name: string;
  kind: ProviderKind;
  contract: Contract;
}

/** Every kind the calendar names × status × (no attribute, or each attribute value) × (agreement runs or not). */
export function archetypesOf(files: (CalendarFile | null)[]): Archetype[] {
  const present = files.filter((file): file is CalendarFile => file !== null);
  const { insurer, year } = present[0];
  const kinds = new Set<ProviderKind>();
  const declared = new Map<string, Set<string | number | boolean>>();
  // An attribute makes archetypes only for the kinds whose lines select on it (organisatievorm: kraamzorg).
  const selectingOn = new Map<ProviderKind, Set<string>>();
  for (const file of present) {
    for (const line of [...file.milestones, ...(file.chains ?? [])]) {
      for (const kind of line.appliesTo.kinds) {
        kinds.add(kind);
        const names = selectingOn.get(kind) ?? new Set<string>();
        Object.keys(line.appliesTo.attributes ?? {}).forEach((name) => names.add(name));
        selectingOn.set(kind, names);
      }
    }
    for (const [name, attribute] of Object.entries(file.attributes ?? {})) {
      const values = declared.get(name) ?? new Set();
      attribute.values.forEach((value) => values.add(value));
      declared.set(name, values);
    }
  }
  const archetypes: Archetype[] = [];
  for (const kind of [...kinds].sort()) {
    const variants: { suffix: string; attributes?: Contract['attributes'] }[] = [{ suffix: '' }];
    for (const name of selectingOn.get(kind) ?? []) {
      for (const value of declared.get(name) ?? [])
        variants.push({ suffix: `/${name}=${value}`, attributes: { [name]: value } });
    }
    for (const status of ['existing', 'new'] as const) {
      for (const variant of variants) {
        for (const runs of [false, true]) {
          if (runs && status === 'new') continue;
          const contract: Contract = {
            insurer,
            year,
            status,
            ...(variant.attributes ? { attributes: variant.attributes } : {}),
            ...(runs ? { runsUntil: year } : {}),
          };
          archetypes.push({
            name: `${kind}/${status}${variant.suffix}${runs ? '/agreement-runs' : ''}`,
            kind,
            contract,
          });
        }
      }
    }
  }
  return archetypes;
}

/** The report the diff command prints, one line per change. */
export function describeChanges(key: string, changes: ItemChange[]): string[] {
  if (changes.length === 0) return [`${key}: no change a provider can see`];
  return changes.map((change) => {
    const corrected =
      change.corrected === undefined
        ? ''
        : `, ${change.corrected} with a correction kept: her digest asks her to check`;
    const affected =
      change.affected === undefined
        ? ''
        : `  [${change.affected} provider${change.affected === 1 ? '' : 's'}${corrected}]`;
    return `${change.item}  ${change.aspect}${affected}\n    ${change.details.join('\n    ')}`;
  });
}
