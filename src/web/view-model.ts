import type { ItemGroup } from '../domain/groups.js';
import { bindsLikeDeadline } from '../domain/own-items.js';
import { daysBetween } from '../domain/plain-date.js';
import type { IsoDate, TimelineItem } from '../domain/types.js';
import type { Language } from '../domain/language.js';
import { wordsFor, writtenDate } from './words.js';

/** One timeline item as a page shows it: every text already in the reader's language, nothing left to decide in a template. */
export interface ItemView {
  id: string;
  anchor: string;
  heading: string;
  who: string;
  providerActs: boolean;
  when: string;
  daysLeft: string | null;
  urgent: boolean;
  flag: string | null;
  /** The status in the words every surface uses, where it is not plain from the date: late, hers to check, history. */
  status: string | null;
  /** How the date was worked out (the domain's derivation, with its reading where the document is ambiguous). */
  derivation: string;
  /** Advice the domain may attach to an item (issue 10), shown as it comes. */
  advice: string | null;
  source: string;
  /** `by`: who recorded it, as the audit trail says (which contact on the web, or the practice's software). */
  done: { text: string; note: string | null; eventId: string | null; by: string | null } | null;
  /** A form to record it: "Gedaan? Leg het vast" for her own steps, "Gebeurd?" for dates that start a chain. */
  record: { summary: string } | null;
}

export interface TimelineView {
  next: ItemView | null;
  /** Group `now` (overdue, due soon, hers to check, an open window of hers), her next action left out. */
  now: ItemView[];
  /** Group `next`, her next action left out. */
  coming: ItemView[];
  /** Group `expected`: the next contract year from the latest policy, not yet published. */
  expected: ItemView[];
  /** Group `history`, newest first. */
  passed: ItemView[];
}

export interface LiveEvent {
  id: string;
  item: string;
  date: IsoDate;
  note: string | null;
  recordedVia?: 'api' | 'web' | null;
  recordedByContact?: string | null;
}

export interface ItemViewOptions {
  language: Language;
  today: IsoDate;
  insurerName: (item: TimelineItem) => string;
  /** Her live events (own page); absent on the public situation page, which records nothing. */
  events?: readonly LiveEvent[];
}

export interface TimelineViewOptions extends ItemViewOptions {
  /** The group every surface files the item under (domain/groups.ts). */
  groupOf: (item: TimelineItem) => ItemGroup;
}

/** Advice another part of the service may attach to an item, shown as it comes. */
type LocalText = { nl?: string; en?: string } | string | null;
type ItemExtras = { advice?: LocalText };

function localText(text: LocalText | undefined, language: Language): string | null {
  return typeof text === 'string' ? text : (text?.[language] ?? null);
}

/** Days left from which a date is shown as urgent. */
const URGENT_DAYS = 14;

export function itemView(item: TimelineItem, options: ItemViewOptions): ItemView {
  const { language, today } = options;
  const words = wordsFor(language);
  const insurer = options.insurerName(item);
  // A step waiting for the one before it has no date yet (issue 10): it is never urgent and tells what it waits for.
  const last = item.window?.to ?? item.due;
  const days =
    last === null
      ? null
      : daysBetween(today, item.window ? (item.window.from > today ? item.window.from : last) : last);
  const when = item.window
    ? words.window(writtenDate(item.window.from, language), writtenDate(item.window.to, language))
    : item.due === null
      ? item.status === 'not-started'
        ? words.notStarted
        : words.waiting
      : `${writtenDate(item.due, language)}${item.time ? ` ${words.at(item.time)}` : ''}`;
  const event =
    item.done !== null
      ? [...(options.events ?? [])]
          .reverse()
          .find((candidate) => candidate.item === item.id && candidate.date === item.done)
      : undefined;
  const extras = item as TimelineItem & ItemExtras;
  // How the date was worked out (the domain's derivation), with the reading taken where the document is ambiguous.
  const { reading } = item.derivation;
  const derivation = reading ? `${item.derivation[language]} ${reading[language]}` : item.derivation[language];
  const flag =
    item.flags.length === 0
      ? null
      : language === 'nl'
        ? `Valt op ${item.flags.map((f) => (f.code === 'weekend' ? f.day : f.name)).join(' en ')}${item.actor === 'provider' ? `: regel het uiterlijk ${writtenDate(item.flags[0].lastWorkingDay, language, false)}` : ''}.`
        : `Falls on a ${item.flags.map((f) => (f.code === 'weekend' ? (f.day === 'zaterdag' ? 'Saturday' : 'Sunday') : `public holiday (${f.name})`)).join(' and ')}${item.actor === 'provider' ? `: see to it by ${writtenDate(item.flags[0].lastWorkingDay, language, false)}` : ''}.`;
  const recordable =
    options.events !== undefined &&
    item.done === null &&
    item.type !== 'info' &&
    item.type !== 'own' &&
    (item.actor === 'provider' || item.chain !== null);
  return {
    id: item.id,
    anchor: `item-${item.id.replace(/[^A-Za-z0-9_-]/g, '-')}`,
    heading: insurer === '' ? item.title[language] : `${insurer}: ${item.title[language]}`,
    who:
      item.type === 'info'
        ? words.who.info
        : item.actor === 'provider'
          ? words.who.provider
          : words.who.insurer(insurer),
    providerActs: item.actor === 'provider' && item.type !== 'info',
    when,
    daysLeft:
      item.done === null && item.type !== 'info' && last !== null && days !== null && last >= today
        ? item.window === null || item.window === undefined
          ? words.daysLeft(days)
          : item.window.from > today
            ? words.opensIn(days)
            : words.openFor(days)
        : null,
    urgent:
      item.done === null &&
      !item.optional &&
      item.actor === 'provider' &&
      bindsLikeDeadline(item) &&
      last !== null &&
      days !== null &&
      last >= today &&
      days <= URGENT_DAYS,
    flag,
    status:
      item.status === 'overdue' || item.status === 'check' || item.status === 'not-recorded'
        ? words.status(item.status)
        : null,
    derivation,
    advice: localText(extras.advice, language) ?? (item.type === 'advice' ? words.adviceNote : null),
    source: `${item.source.document}, ${words.section} ${item.source.section}: “${item.source.quote}”`,
    done:
      item.done === null
        ? null
        : {
            text: words.done(writtenDate(item.done, language)),
            note: event?.note ?? null,
            eventId: event?.id ?? null,
            by: event ? words.doneBy(event.recordedVia ?? null, event.recordedByContact ?? null) : null,
          },
    record: recordable ? { summary: item.actor === 'provider' ? words.recordSummary : words.chainSummary } : null,
  };
}

/**
 * Her next action first (the nearest date she must act on and can still meet), then what is now and next (overdue
 * first), the expected year on its own, then what passed or is done,
 * folded away: a page that opens in April must not start with a screen of past items.
 */
export function timelineView(items: readonly TimelineItem[], options: TimelineViewOptions): TimelineView {
  const views = items.map((item) => ({ item, view: itemView(item, options), group: options.groupOf(item) }));
  const open = views.filter(({ group }) => group === 'now' || group === 'next');
  // The nearest date she can still meet; what is overdue stays in the list under it, marked late.
  const nextEntry =
    open.find(
      ({ item }) => item.actor === 'provider' && item.type !== 'info' && item.due !== null && item.status !== 'overdue',
    ) ?? null;
  return {
    next: nextEntry?.view ?? null,
    now: open.filter((entry) => entry !== nextEntry && entry.group === 'now').map(({ view }) => view),
    coming: open.filter((entry) => entry !== nextEntry && entry.group === 'next').map(({ view }) => view),
    expected: views.filter(({ group }) => group === 'expected').map(({ view }) => view),
    passed: views
      .filter(({ group }) => group === 'history')
      .map(({ view }) => view)
      .reverse(),
  };
}
