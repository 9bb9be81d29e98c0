/** Calendar dates are ISO strings `YYYY-MM-DD`: a plain date, no time zone. */
export type IsoDate = string;

/** A counted Dutch holiday: its date and date-holidays' name for it (dutch-holidays.ts). */
export type DutchHoliday = readonly [date: IsoDate, name: string];

export const PROVIDER_KINDS = [
  'verloskunde',
  'echoscopie',
  'kraamzorg',
  'geboortecentrum',
  'integrale-geboortezorg',
  'samenwerkingsverband',
  'vsv',
] as const;
export type ProviderKind = (typeof PROVIDER_KINDS)[number];

export const CONTRACT_STATUSES = ['existing', 'new'] as const;
export type ContractStatus = (typeof CONTRACT_STATUSES)[number];

export type Actor = 'provider' | 'insurer';
/** deadline: binds; info: a computed date or optional event, never late; advice: a date the document does not give. */
export type MilestoneType = 'deadline' | 'info' | 'advice';
export type AttributeValue = string | number | boolean;

export interface Text {
  nl: string;
  en: string;
}

export interface Source {
  section: string;
  quote: string;
}

export interface AppliesTo {
  kinds: ProviderKind[];
  status?: ContractStatus[];
  attributes?: Record<string, AttributeValue[]>;
  /** Kinds (with a status) left out although listed in `kinds`. */
  except?: { kinds: ProviderKind[]; status?: ContractStatus[] };
}

export type OffsetUnit = 'days' | 'weeks' | 'months' | 'years' | 'workingDays';

export interface Offset {
  ref: string;
  days?: number;
  weeks?: number;
  months?: number;
  years?: number;
  workingDays?: number;
}

/** One date rule as written in a calendar file: exactly one of the keys, plus an optional time. */
export interface DateRule {
  onOrBefore?: IsoDate;
  before?: IsoDate;
  endOfMonth?: string;
  endOfYear?: number;
  window?: { from: string; to: string };
  after?: Offset;
  firstOfMonth?: { ref: string };
  every?: { ref: string; years: number };
  time?: string;
}

interface LineFields {
  id: string;
  title: Text;
  actor: Actor;
  type?: MilestoneType;
  signing?: boolean;
  contact?: string;
  rule: DateRule;
  note?: string;
  /** No later than another line's date, when that line applies (`milestone`: the milestone of that id, not a step). */
  cap?: { ref: string; reason: Text; milestone?: boolean };
  /** Belongs to one route (a chain id) of an alternatives group. */
  route?: string;
  /** Binds only once this milestone (a request) is recorded. */
  bindsWhen?: string;
  /** The reading taken where the document is ambiguous, for providers. */
  reading?: Text;
  /** An act she may do ("u kunt", "wilt u …"): a window that closes; unused it has passed, never overdue. */
  optional?: boolean;
  /** The act that concludes its round (signing): recorded, it implies the earlier items of the round done. */
  concludes?: boolean;
  /** The rule of calendars/legal.yaml this line is the insurer's own wording of: it stands, the rule's item is not shown. */
  statutory?: string;
  source: Source;
}

export interface Milestone extends LineFields {
  appliesTo: AppliesTo;
}

export interface ChainStep extends LineFields {
  trigger?: boolean;
  /** A trigger that may predate the document (a grant under an earlier policy): the earliest date it can be recorded. */
  recordableFrom?: IsoDate;
}

export interface Chain {
  id: string;
  title: Text;
  appliesTo: AppliesTo;
  /** The chain may never start (an announcement that may not come, a question): its steps appear once the trigger is recorded. */
  conditional?: boolean;
  note?: string;
  steps: ChainStep[];
}

export interface ContractTerm {
  kinds: ProviderKind[];
  years: number;
  note?: string;
  source: Source;
}

/** One entry of a calendar's change log. */
export interface CalendarChange {
  version: number;
  date: IsoDate;
  what: string;
  why: string;
  checkedBy: string;
}

/** A calendar file as written: one insurer, one contract year. */
export interface CalendarFile {
  insurer: string;
  insurerName: string;
  year: number;
  sector: 'geboortezorg';
  /** Raised with every change a provider can see; items name it. Absent: 1. */
  version?: number;
  changes?: CalendarChange[];
  document: {
    title: string;
    publisher?: string;
    url?: string;
    obtained?: string;
    /** The document's text beside the calendar file. */
    source?: string;
    repairs?: { read: string; as: string }[];
    bullets?: string[];
    /** Publication date of the document: no event can be recorded before it. */
    published?: IsoDate;
  };
  contact: string;
  /** The day the purchasing round is closed from (absent: 1 January of the contract year), with its wording. */
  closes?: { date: IsoDate; source: Source };
  attributes?: Record<string, AttributeDeclaration>;
  terms?: ContractTerm[];
  milestones: Milestone[];
  chains?: Chain[];
  /** Dated sentences of the source no line cites, with the reason (checked by the coverage tool). */
  uncited?: { text: string; reason: string; occurrence?: number }[];
  /** Chains that exclude each other: a provider is on one route at a time. */
  alternatives?: { id: string; routes: string[]; note?: string; source: Source }[];
}

/** A provider attribute a calendar distinguishes: what it means (for maintainers), its values, where the document says so. */
export interface AttributeDeclaration {
  description: string;
  values: AttributeValue[];
  source?: Source;
  /** How the web form asks for it, per language; without it the form falls back to the name and the description. */
  form?: { nl: AttributeForm; en: AttributeForm };
}

/** One language's label, hint and value labels (keyed by the value as text) for the web form. */
export interface AttributeForm {
  label: string;
  hint: string;
  values: Record<string, string>;
}

export interface Contract {
  insurer: string;
  year: number;
  status: ContractStatus;
  /** Last year covered by an agreement that already runs (a multi-year contract); no signing round up to it. */
  runsUntil?: number;
  attributes?: Record<string, AttributeValue>;
}

export interface Provider {
  id?: string;
  name?: string;
  kinds: ProviderKind[];
  contracts: Contract[];
  /** Show the next contract year's expected dates (absent: yes). */
  showExpected?: boolean;
}

/** A recorded event: the provider says timeline item `item` happened on `date`. */
export interface RecordedEvent {
  item: string;
  date: IsoDate;
}

/**
 * done: recorded; passed: an informational, advisory, optional or not-yet-binding date that passed with nothing
 * recorded; waiting: no date yet, it counts from a step not recorded; not-started: the start of a chain that may
 * never happen (an announcement, a grant, a question), no date until it is recorded; not-recorded: a date of a round
 * that has closed, nothing recorded: history; check: an insurer's date passed with nothing recorded, for her to check
 * (VECOZO, or ask the insurer), not her failure.
 */
export const ITEM_STATUSES = [
  'upcoming',
  'due-soon',
  'overdue',
  'done',
  'passed',
  'waiting',
  'not-started',
  'not-recorded',
  'check',
] as const;
export type ItemStatus = (typeof ITEM_STATUSES)[number];

/** How a date came about, in words and arithmetic; `reading` where the document is ambiguous. */
export interface Derivation {
  nl: string;
  en: string;
  reading: Text | null;
}

export type DateFlag =
  | { code: 'weekend'; day: 'zaterdag' | 'zondag'; lastWorkingDay: IsoDate }
  | { code: 'holiday'; name: string; lastWorkingDay: IsoDate };

export interface TimelineItem {
  id: string;
  calendar: string;
  /** Version of the calendar the item was computed from. */
  calendarVersion: number;
  insurer: string;
  title: Text;
  actor: Actor;
  /** `statutory`: a date the law (an NZa rule, src/domain/statutory.ts) gives every insurer, never overdue. */
  /** `own`: a date she recorded herself (src/domain/own-items.ts), binding her like a deadline. */
  type: MilestoneType | 'own' | 'statutory';
  /** Null while the date counts from a step not recorded yet (see `waitsFor`). */
  due: IsoDate | null;
  time: string | null;
  window: { from: IsoDate; to: IsoDate } | null;
  status: ItemStatus;
  chain: { id: string; step: number } | null;
  done: IsoDate | null;
  projected: boolean;
  /** Item id of the unrecorded step this item's date will count from, when it has no date yet. */
  waitsFor: string | null;
  /** Set when the date was capped by another line (no later than it). */
  capped: { item: string; due: IsoDate; reason: Text } | null;
  /** Set for a line that binds only on a request: the request's item id and whether it is recorded. */
  bindsWhen: { item: string; met: boolean } | null;
  /** An act she may do (an objection, a question, a request): unused, its window has passed; never overdue. */
  optional: boolean;
  /** Done because a later step that concludes the round is recorded (she signed, so the offer came): that item. */
  impliedBy: string | null;
  derivation: Derivation;
  flags: DateFlag[];
  contact: string;
  note: string | null;
  source: { document: string; section: string; quote: string };
  /** A date of the next contract year expected from the latest encoded year (issue 20 §3): never overdue, no reminders. */
  expected?: true;
  /** Her own item only: who recorded it, when, and its revision (one up with every change). */
  recorded?: { by: string; at: string; revision: number };
  /** A computed item she corrected: the corrected date, the computed one she corrected, her reason, who and when. */
  correction?: ItemCorrection;
  /** A date of a year published since it was expected, where the document moved it or added it. */
  published?: PublishedChange;
}

/**
 * What the document changed of what was expected from the year before (`basis`): the date expected, or null for a
 * line that was not expected. Set only while the year's round is open.
 */
export interface PublishedChange {
  expected: IsoDate | null;
  basis: number;
}

/** `calendarNow`: the date the calendar computes now when it is not the one she corrected (she should check). */
export interface ItemCorrection {
  id: string;
  due: IsoDate;
  original: IsoDate;
  reason: string;
  by: string;
  at: string;
  calendarNow: IsoDate | null;
}
