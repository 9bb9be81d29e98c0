import { fixedDates, ruleRef, type FixedDates } from './rules.js';
import { PROVIDER_KINDS, type ProviderKind } from './types.js';
import type {
  Actor,
  AppliesTo,
  CalendarFile,
  ChainStep,
  DateFlag,
  DateRule,
  IsoDate,
  Milestone,
  MilestoneType,
  Text,
  TimelineItem,
} from './types.js';
import type { WorkingDays } from './working-days.js';

/** One line of a calendar, ready to place on a provider's timeline. */
export interface CompiledLine {
  itemId: string;
  order: number;
  chain: { id: string; step: number } | null;
  trigger: boolean;
  /** Item id of a conditional chain's trigger: this step is on a timeline only once that is recorded. */
  awaits: string | null;
  appliesTo: AppliesTo;
  signing: boolean;
  rule: DateRule;
  /** Item id of the line a relative rule counts from. */
  refItemId: string | null;
  /** A trigger that may predate the document: the earliest date it can be recorded. */
  recordableFrom: IsoDate | null;
  /** Set when the date needs nothing but the rule: computed once per calendar. */
  fixed: FixedDates | null;
  fixedFlags: DateFlag[];
  title: Text;
  actor: Actor;
  type: MilestoneType;
  contact: string;
  note: string | null;
  time: string | null;
  source: TimelineItem['source'];
  /** Item id of the line this date may never pass, with why. */
  cap: { itemId: string; reason: Text } | null;
  /** Chain id of the route this line belongs to (a chain's own steps, or a milestone's `route`). */
  route: string | null;
  /** Item id of the request this line binds on. */
  bindsWhen: string | null;
  reading: Text | null;
  /** An act the provider may do, not must: never overdue. */
  optional: boolean;
  /** The trigger of a conditional chain: it may never happen, so it has no date until it is recorded. */
  mayStart: boolean;
  /** Concludes its round (signing): recorded, it implies the earlier items of the round done. */
  concludes: boolean;
  /** The legal rule this line is the insurer's own wording of. */
  statutory: string | null;
  /** Title of the chain, for a step. */
  chainTitle: Text | null;
}

export interface CompiledCalendar {
  /** `cz-groep/2027` */
  key: string;
  file: CalendarFile;
  /** In evaluation order: every line after the line it counts from. */
  lines: CompiledLine[];
  byItemId: Map<string, CompiledLine>;
  /** Chain id → the chain ids it excludes (its alternatives group, itself included). */
  alternatives: Map<string, string[]>;
  /** Chain id → its trigger's item id. */
  triggers: Map<string, string>;
  /** The round is closed from this day: its unrecorded dates before it are history (`not-recorded`). */
  closes: IsoDate;
  /** Item ids of route milestones a step of their own route caps: once the route is taken, that step carries the date. */
  carried: Set<string>;
}

export function calendarKey(insurer: string, year: number): string {
  return `${insurer}/${year}`;
}

/** The contract year of a calendar key: `cz-groep/2028` → 2028. */
export function calendarYear(key: string): number {
  return Number(key.slice(key.lastIndexOf('/') + 1));
}

/** Compile a validated calendar file: fixed dates and their flags are computed here, once. */
export function compileCalendar(file: CalendarFile, workingDays: WorkingDays): CompiledCalendar {
  const key = calendarKey(file.insurer, file.year);
  const lines: CompiledLine[] = [];
  const stepIdsOf = new Map(
    (file.chains ?? []).map((chain) => [chain.id, new Set(chain.steps.map((step) => step.id))]),
  );
  const compileLine = (
    line: Milestone | ChainStep,
    itemId: string,
    appliesTo: AppliesTo,
    chain: CompiledLine['chain'],
    refItemId: string | null,
    awaits: string | null = null,
    chainTitle: Text | null = null,
  ): void => {
    const resolve = (ref: string): string =>
      chain && stepIdsOf.get(chain.id)?.has(ref) ? `${key}/${chain.id}/${ref}` : milestoneItemId(ref);
    const fixed = fixedDates(line.rule);
    lines.push({
      itemId,
      order: lines.length,
      chain,
      trigger: 'trigger' in line && line.trigger === true,
      awaits: 'trigger' in line && line.trigger === true ? null : awaits,
      appliesTo,
      signing: line.signing === true,
      rule: line.rule,
      refItemId,
      recordableFrom: ('recordableFrom' in line ? line.recordableFrom : undefined) ?? null,
      fixed,
      fixedFlags: fixed ? workingDays.flagsFor(fixed.due) : [],
      title: line.title,
      actor: line.actor,
      type: line.type ?? 'deadline',
      contact: line.contact ?? file.contact,
      note: line.note ?? null,
      time: line.rule.time ?? null,
      source: { document: file.document.title, section: line.source.section, quote: line.source.quote },
      cap: line.cap
        ? {
            itemId: line.cap.milestone ? milestoneItemId(line.cap.ref) : resolve(line.cap.ref),
            reason: line.cap.reason,
          }
        : null,
      route: chain ? chain.id : (line.route ?? null),
      bindsWhen: line.bindsWhen ? milestoneItemId(line.bindsWhen) : null,
      reading: line.reading ?? null,
      optional: line.optional === true,
      concludes: line.concludes === true,
      statutory: line.statutory ?? null,
      mayStart: awaits !== null && 'trigger' in line && line.trigger === true,
      chainTitle,
    });
  };

  const milestoneItemId = (id: string): string => `${key}/${id}`;
  for (const milestone of milestonesInDependencyOrder(file.milestones)) {
    const ref = ruleRef(milestone.rule);
    compileLine(milestone, milestoneItemId(milestone.id), milestone.appliesTo, null, ref ? milestoneItemId(ref) : null);
  }
  for (const chain of file.chains ?? []) {
    const stepIds = new Set(chain.steps.map((step) => step.id));
    const trigger = chain.steps.find((step) => step.trigger);
    const awaits = chain.conditional && trigger ? `${key}/${chain.id}/${trigger.id}` : null;
    chain.steps.forEach((step, index) => {
      const ref = ruleRef(step.rule);
      const refItemId =
        ref === undefined ? null : stepIds.has(ref) ? `${key}/${chain.id}/${ref}` : milestoneItemId(ref);
      compileLine(
        step,
        `${key}/${chain.id}/${step.id}`,
        chain.appliesTo,
        { id: chain.id, step: index + 1 },
        refItemId,
        awaits,
        chain.title,
      );
    });
  }
  const alternatives = new Map<string, string[]>();
  for (const group of file.alternatives ?? []) for (const route of group.routes) alternatives.set(route, group.routes);
  const triggers = new Map<string, string>();
  for (const line of lines) if (line.trigger && line.chain) triggers.set(line.chain.id, line.itemId);
  const byItemId = new Map(lines.map((line) => [line.itemId, line]));
  const carried = new Set<string>();
  for (const line of lines) {
    const capLine = line.cap && line.chain ? byItemId.get(line.cap.itemId) : undefined;
    if (capLine && capLine.chain === null && capLine.route === line.chain!.id) carried.add(capLine.itemId);
  }
  const closes = file.closes?.date ?? `${file.year}-01-01`;
  return { key, file, lines, byItemId, alternatives, triggers, carried, closes };
}

/** Milestones may count from other milestones: order them so each comes after its reference. */
function milestonesInDependencyOrder(milestones: Milestone[]): Milestone[] {
  const byId = new Map(milestones.map((m) => [m.id, m]));
  const ordered: Milestone[] = [];
  const state = new Map<string, 'visiting' | 'done'>();
  const visit = (milestone: Milestone): void => {
    const seen = state.get(milestone.id);
    if (seen === 'done') return;
    if (seen === 'visiting') throw new Error(`milestone ${milestone.id} refers to itself through its references`);
    state.set(milestone.id, 'visiting');
    const ref = ruleRef(milestone.rule);
    const target = ref === undefined ? undefined : byId.get(ref);
    if (target) visit(target);
    state.set(milestone.id, 'done');
    ordered.push(milestone);
  };
  milestones.forEach(visit);
  return ordered;
}

/** The provider kinds a calendar has lines for. */
export function kindsOf(calendar: CompiledCalendar): ProviderKind[] {
  return PROVIDER_KINDS.filter((kind) => calendar.lines.some((line) => line.appliesTo.kinds.includes(kind)));
}
