/**
 * Where each line of one calendar falls for one provider: its date, window, cap and derivation, and its status.
 */
import type { CompiledCalendar, CompiledLine } from './calendar.js';
import type { CalendarSet } from './calendar-set.js';
import {
  capWords,
  dateWords,
  fixedWords,
  flagWords,
  joinDerivation,
  notStartedWords,
  relativeWords,
  waitingWords,
  type BaseKind,
} from './derivation.js';
import { minDate } from './plain-date.js';
import { relativeDate } from './rules.js';
import type { DateFlag, Derivation, IsoDate, ItemStatus, Text, TimelineItem } from './types.js';

export type Events = ReadonlyMap<string, IsoDate>;

/** The date later steps count from: what happened, what the insurer promised at the latest, or nothing yet. */
type Anchor =
  { date: IsoDate; kind: BaseKind; line: CompiledLine } | { date: null; waitsFor: string; line: CompiledLine };

interface Placed {
  due: IsoDate | null;
  window: { from: IsoDate; to: IsoDate } | null;
  projected: boolean;
  waitsFor: string | null;
  capped: TimelineItem['capped'];
  main: Text;
  capText: Text | null;
}

/**
 * Placements and derivations depend on the calendar line and the dates it counts from, never on the provider:
 * one object per line and base date (and cap date), shared by every timeline that has it, never changed.
 */
const fixedPlacements = new WeakMap<CompiledLine, Placed>();
const notStartedPlacements = new WeakMap<CompiledLine, Placed>();
const relativePlacements = new WeakMap<CompiledLine, Map<string, Placed>>();
const cappedPlacements = new WeakMap<Placed, Map<IsoDate, Placed>>();
/** Per placement: its derivation, and the one with the condition of an unmet request. */
const derivations = new WeakMap<Placed, { plain?: Derivation; conditional?: Derivation }>();
/** Every base date of five years per line; past that, placements are computed without being kept. */
const PLACEMENTS_PER_LINE = 2_000;

function remembered<K, V>(map: Map<K, V>, key: K, make: () => V): V {
  let value = map.get(key);
  if (value === undefined) {
    value = make();
    if (map.size < PLACEMENTS_PER_LINE) map.set(key, value);
  }
  return value;
}

/** Places the lines of one calendar for one provider, remembering each line's anchor for the lines after it. */
export class LinePlacer {
  private readonly anchors = new Map<string, Anchor>();
  private readonly placedLines = new Map<string, Placed>();
  /** Items done because a recorded later step concludes their round. */
  implied: ReadonlyMap<string, Implied> = new Map();

  constructor(
    private readonly calendar: CompiledCalendar,
    private readonly calendars: CalendarSet,
    private readonly events: Events,
    private readonly asOf: IsoDate,
    private readonly applicable: ReadonlySet<string>,
  ) {}

  item(line: CompiledLine, dueSoonUntil: IsoDate, routeTrigger: string | null = null): TimelineItem {
    const placed = this.placed(line);
    const recorded = this.events.get(line.itemId);
    const implied = recorded === undefined ? this.implied.get(line.itemId) : undefined;
    const done = recorded ?? implied?.date ?? null;
    const request = line.bindsWhen ?? routeTrigger;
    const bindsWhen = request === null ? null : { item: request, met: this.events.has(request) };
    // Weekend and holiday advice only where someone must act on the date, not on a computed start or an optional event.
    const flags =
      placed.due === null || line.type === 'info'
        ? []
        : line.fixed && placed.capped === null
          ? line.fixedFlags
          : this.calendars.workingDays.flagsFor(placed.due);
    const unmet = bindsWhen && !bindsWhen.met ? this.calendar.byItemId.get(bindsWhen.item) : undefined;
    return {
      id: line.itemId,
      calendar: this.calendar.key,
      calendarVersion: this.calendar.file.version ?? 1,
      insurer: this.calendar.file.insurer,
      title: line.title,
      actor: line.actor,
      type: line.type,
      due: placed.due,
      time: line.time,
      window: placed.window,
      status: statusOf(
        line,
        placed.due,
        done,
        bindsWhen?.met ?? true,
        this.asOf,
        dueSoonUntil,
        this.calendar.closes,
        `${this.calendar.file.year}-01-01`,
      ),
      chain: line.chain,
      done,
      projected: placed.projected,
      waitsFor: placed.waitsFor,
      capped: placed.capped,
      bindsWhen,
      optional: line.optional,
      impliedBy: implied?.by.itemId ?? null,
      derivation: implied
        ? impliedDerivation(this.derivationOf(line, placed, flags, unmet), implied)
        : this.derivationOf(line, placed, flags, unmet),
      flags,
      contact: line.contact,
      note: line.note,
      source: line.source,
    };
  }

  /** The words follow from the line's placement (flags follow from its date) and an unmet request: computed once per placement. */
  private derivationOf(
    line: CompiledLine,
    placed: Placed,
    flags: DateFlag[],
    request: CompiledLine | undefined,
  ): Derivation {
    let kept = derivations.get(placed);
    if (!kept) derivations.set(placed, (kept = {}));
    const cached = request === undefined ? kept.plain : kept.conditional;
    if (cached) return cached;
    const derivation = {
      ...joinDerivation({
        type: line.type,
        main: placed.main,
        cap: placed.capText,
        flag: flagWords(flags, line.actor === 'provider'),
        condition: request
          ? {
              nl: `geldt alleen na: ${request.title.nl.toLowerCase()} (nog niet vastgelegd)`,
              en: `binds only after: ${request.title.en.toLowerCase()} (not recorded yet)`,
            }
          : null,
      }),
      reading: line.reading,
    };
    if (request === undefined) kept.plain = derivation;
    else kept.conditional = derivation;
    return derivation;
  }

  placed(line: CompiledLine): Placed {
    let placed = this.placedLines.get(line.itemId);
    if (placed) return placed;
    if (line.mayStart && line.fixed && !this.events.has(line.itemId)) {
      // It may never happen: no due date, no window on a calendar, the period it may happen in said in words.
      const { fixed } = line;
      placed = notStartedPlacements.get(line);
      if (!placed) {
        placed = {
          due: null,
          window: null,
          projected: false,
          waitsFor: null,
          capped: null,
          main: notStartedWords(fixed.window, fixed.due),
          capText: null,
        };
        notStartedPlacements.set(line, placed);
      }
      this.placedLines.set(line.itemId, placed);
      return placed;
    }
    if (line.fixed) {
      placed = fixedPlacements.get(line);
      if (!placed) {
        placed = {
          ...line.fixed,
          projected: false,
          waitsFor: null,
          capped: null,
          main: fixedWords(line.rule, line.fixed.due, line.fixed.window),
          capText: null,
        };
        fixedPlacements.set(line, placed);
      }
    } else {
      const base = this.anchorOf(line.refItemId as string);
      let byBase = relativePlacements.get(line);
      if (!byBase) relativePlacements.set(line, (byBase = new Map()));
      if (base.date === null) {
        const { waitsFor } = base;
        placed = remembered(byBase, waitsFor, () => ({
          due: null,
          window: null,
          projected: true,
          waitsFor,
          capped: null,
          main: waitingWords(line.rule, base.line.title),
          capText: null,
        }));
      } else {
        const { date, kind } = base;
        // Only "iedere N jaar" depends on the day it is computed on.
        const key = `${kind} ${date}${line.rule.every ? ` ${this.asOf}` : ''}`;
        placed = remembered(byBase, key, () => {
          const due = relativeDate(line.rule, date, this.asOf, this.calendars.workingDays);
          return {
            due,
            window: null,
            projected: kind !== 'recorded',
            waitsFor: null,
            capped: null,
            main: relativeWords(line.rule, { title: base.line.title, date, kind }, due),
            capText: null,
          };
        });
      }
    }
    placed = this.capOf(line, placed);
    this.placedLines.set(line.itemId, placed);
    return placed;
  }

  /** No later than the cap's date, when the cap's line applies to this provider; the item says so. */
  private capOf(line: CompiledLine, placed: Placed): Placed {
    if (line.cap === null || placed.due === null || !this.applicable.has(line.cap.itemId)) return placed;
    const capLine = this.calendar.byItemId.get(line.cap.itemId) as CompiledLine;
    const capDue = this.placed(capLine).due;
    if (capDue === null || placed.due <= capDue) return placed;
    // A route's own date (a carried milestone) that passed before she took the route cannot bind her; the close of a
    // round (any other cap) always does.
    const started =
      line.chain && this.calendar.carried.has(capLine.itemId)
        ? this.events.get(this.calendar.triggers.get(line.chain.id) ?? '')
        : undefined;
    if (started && capDue < started) return placed;
    let byCap = cappedPlacements.get(placed);
    if (!byCap) cappedPlacements.set(placed, (byCap = new Map()));
    const { reason } = line.cap;
    return remembered(byCap, capDue, () => ({
      ...placed,
      due: capDue,
      window: placed.window && { from: minDate(placed.window.from, capDue), to: capDue },
      capped: { item: capLine.itemId, due: capDue, reason },
      capText: capWords(capDue, reason),
    }));
  }

  /**
   * A referenced line need not apply to the provider itself (it is computed all the same). An unrecorded trigger
   * the insurer promises by a latest date anchors at that date (stable, never sliding); one the provider starts
   * herself anchors nothing: what follows has no date until she records it.
   */
  private anchorOf(itemId: string): Anchor {
    let anchor = this.anchors.get(itemId);
    if (anchor) return anchor;
    const recorded = this.events.get(itemId);
    const line = this.calendar.byItemId.get(itemId) as CompiledLine;
    if (recorded !== undefined) {
      anchor = { date: recorded, kind: 'recorded', line };
    } else if (line.trigger && line.actor === 'provider') {
      anchor = { date: null, waitsFor: itemId, line };
    } else {
      const placed = this.placed(line);
      // An insurer's step counted from another (not a promise with a date of its own) that is late and not recorded
      // has not happened as far as we know: what counts from it waits for it (her questionnaire was never sent).
      const late = !line.trigger && line.actor === 'insurer' && line.type === 'deadline' && placed.due !== null;
      anchor =
        placed.due === null
          ? { date: null, waitsFor: placed.waitsFor ?? itemId, line }
          : late && line.fixed === null && placed.due < this.asOf
            ? { date: null, waitsFor: itemId, line }
            : { date: placed.due, kind: line.trigger ? 'promise' : placed.projected ? 'projected' : 'computed', line };
    }
    this.anchors.set(itemId, anchor);
    return anchor;
  }
}

interface Implied {
  by: CompiledLine;
  date: IsoDate;
}

/**
 * A recorded step that concludes its round (she signed) implies the earlier ones done: a chain's signing step the
 * earlier steps of its chain; the round's signing milestone every other signing line of the round due by then
 * (questionnaire, offer, reaction), outside chains that may never start.
 */
export function impliedDone(
  applicable: readonly CompiledLine[],
  events: Events,
  placer: LinePlacer,
): Map<string, Implied> {
  const implied = new Map<string, Implied>();
  for (const by of applicable) {
    const date = events.get(by.itemId);
    if (!by.concludes || date === undefined) continue;
    const byDue = placer.placed(by).due;
    for (const line of applicable) {
      if (line === by || events.has(line.itemId) || implied.has(line.itemId)) continue;
      const earlier = by.chain
        ? line.chain?.id === by.chain.id && line.chain.step < by.chain.step
        : line.signing &&
          line.awaits === null &&
          !line.mayStart &&
          !line.concludes &&
          (() => {
            const due = placer.placed(line).due;
            return due !== null && byDue !== null && due <= byDue;
          })();
      if (earlier) implied.set(line.itemId, { by, date });
    }
  }
  return implied;
}

/** `…; gedaan: volgt uit overeenkomst 2027 ondertekenen (vastgelegd op 20 oktober 2026)`. */
function impliedDerivation(derivation: Derivation, implied: Implied): Derivation {
  const title = implied.by.title;
  return {
    nl: `${derivation.nl}; gedaan: volgt uit ${title.nl.charAt(0).toLowerCase()}${title.nl.slice(1)} (vastgelegd op ${dateWords(implied.date, 'nl')})`,
    en: `${derivation.en}; done: follows from ${title.en.charAt(0).toLowerCase()}${title.en.slice(1)} (recorded on ${dateWords(implied.date, 'en')})`,
    reading: derivation.reading,
  };
}

function statusOf(
  line: CompiledLine,
  due: IsoDate | null,
  done: IsoDate | null,
  binds: boolean,
  asOf: IsoDate,
  dueSoonUntil: IsoDate,
  closes: IsoDate,
  yearStarts: IsoDate,
): ItemStatus {
  if (done !== null) return 'done';
  if (due === null) return line.mayStart ? 'not-started' : 'waiting';
  if (due < asOf) {
    // Once the round has closed, what it asked and promised with nothing recorded is history, not late; so is what
    // came after its close (the 12 November publication) once the contract year has begun.
    const over = (asOf >= closes && due < closes) || (asOf >= yearStarts && due < yearStarts);
    if (over && line.type !== 'info') return 'not-recorded';
    // Only a binding deadline can be late; a passed informational date, advice, unrequested line or an act she
    // may do (a window that closed unused) has simply passed. An insurer's act that is late is hers to check.
    if (line.type !== 'deadline' || !binds || line.optional) return 'passed';
    return line.actor === 'provider' ? 'overdue' : 'check';
  }
  if (due <= dueSoonUntil) return 'due-soon';
  return 'upcoming';
}
