import { daysBetween } from './plain-date.js';
import { STATUS_WORDS } from './status-words.js';
import type { IsoDate, ItemStatus, Text, TimelineItem } from './types.js';

/**
 * The year at a glance (issue 25): one row per insurer and one for her own dates, the months of one round across,
 * windows as bars and single dates as marks. Pure layout: the web page draws it as SVG, the PDF route with pdfkit.
 */

/** What a date rests on, drawn differently (pattern and outline, not colour alone): the document, the law, last year's pattern, or herself. */
export type YearSource = 'document' | 'legal' | 'expected' | 'own';
export const YEAR_SOURCES: readonly YearSource[] = ['document', 'legal', 'expected', 'own'];

export interface YearEntry {
  /** 1, 2, … in date order across the picture: the number drawn beside it and in the text alternative. */
  number: number;
  item: string;
  title: Text;
  /** A window (opens..due) is a bar; a single date a mark (from = to). */
  shape: 'bar' | 'mark';
  from: IsoDate;
  to: IsoDate;
  /** Days from the first day of the picture, clipped to it; a bar cut off at an edge says so. */
  startDay: number;
  endDay: number;
  clipped: { start: boolean; end: boolean };
  status: ItemStatus;
  /** The status in the words every surface uses (src/domain/status-words.ts). */
  statusWords: Text;
  source: YearSource;
  /** The line within its row, so that nearby dates do not cover each other. */
  lane: number;
}

export interface YearRow {
  /** The insurer's id, or null for her own dates. */
  insurer: string | null;
  label: string;
  lanes: number;
  entries: YearEntry[];
}

export interface YearMonth {
  month: number;
  startDay: number;
  days: number;
}

export interface YearPicture {
  contractYear: number;
  /** The round for contract year Y runs in Y-1. */
  roundYear: number;
  from: IsoDate;
  to: IsoDate;
  days: number;
  months: YearMonth[];
  today: IsoDate;
  /** Where today falls, or null when today is outside the round. */
  todayDay: number | null;
  rows: YearRow[];
  /** Items with no date yet (waiting on a step, not started): in the list, not in the picture. */
  undated: number;
}

export interface YearPictureOptions {
  contractYear: number;
  today: IsoDate;
  /** Her insurers in the order she gave them; an insurer that appears only in items follows. */
  insurers: readonly string[];
  insurerName: (insurer: string) => string;
  ownLabel: string;
}

/** Two dates closer than this many days share no lane: a mark and its number need about that much room. */
export const MARK_ROOM_DAYS = 12;

/** The contract years she may choose from on a day: the one whose round runs this year, and the next. */
export function yearChoices(today: IsoDate): [number, number] {
  const year = Number(today.slice(0, 4)) + 1;
  return [year, year + 1];
}

/** The contract year asked for (`?jaar=2027`), the current one when none is asked, or null for one she cannot choose. */
export function chosenContractYear(asked: string | undefined, today: IsoDate): number | null {
  const choices = yearChoices(today);
  if (asked === undefined || asked === '') return choices[0];
  return choices.map(String).includes(asked) ? Number(asked) : null;
}

/** What an item's date rests on; `expected` is the type (or flag) of dates derived from last year's policy. */
export function yearSourceOf(item: TimelineItem): YearSource {
  if (item.type === 'own' || item.correction !== undefined) return 'own';
  const loose = item as TimelineItem & { expected?: boolean };
  if ((item.type as string) === 'expected' || loose.expected === true) return 'expected';
  if (item.type === 'statutory') return 'legal';
  return 'document';
}

export function yearPicture(items: readonly TimelineItem[], options: YearPictureOptions): YearPicture {
  const roundYear = options.contractYear - 1;
  const from = `${roundYear}-01-01`;
  const to = `${roundYear}-12-31`;
  const days = daysBetween(from, to) + 1;
  const months: YearMonth[] = Array.from({ length: 12 }, (_, index) => {
    const start = `${roundYear}-${String(index + 1).padStart(2, '0')}-01`;
    const next = index === 11 ? `${roundYear + 1}-01-01` : `${roundYear}-${String(index + 2).padStart(2, '0')}-01`;
    return { month: index + 1, startDay: daysBetween(from, start), days: daysBetween(start, next) };
  });
  const shown = items
    .map((item) => ({ item, span: spanOf(item) }))
    .filter((entry): entry is { item: TimelineItem; span: { from: IsoDate; to: IsoDate } } => entry.span !== null)
    .filter(({ span }) => span.to >= from && span.from <= to)
    .sort((a, b) => a.span.from.localeCompare(b.span.from) || a.span.to.localeCompare(b.span.to));
  const rowKeys = [...options.insurers];
  for (const { item } of shown) if (item.type !== 'own' && !rowKeys.includes(item.insurer)) rowKeys.push(item.insurer);
  const rows: YearRow[] = [
    ...rowKeys.map((insurer) => ({ insurer, label: options.insurerName(insurer), lanes: 1, entries: [] })),
    { insurer: null, label: options.ownLabel, lanes: 1, entries: [] },
  ];
  shown.forEach(({ item, span }, index) => {
    const row = item.type === 'own' ? rows[rows.length - 1] : rows[rowKeys.indexOf(item.insurer)];
    row.entries.push({
      number: index + 1,
      item: item.id,
      title: item.title,
      shape: span.from === span.to ? 'mark' : 'bar',
      from: span.from,
      to: span.to,
      startDay: Math.max(0, daysBetween(from, span.from)),
      endDay: Math.min(days - 1, daysBetween(from, span.to)),
      clipped: { start: span.from < from, end: span.to > to },
      status: item.status,
      statusWords: STATUS_WORDS[item.status],
      source: yearSourceOf(item),
      lane: 0,
    });
  });
  for (const row of rows) row.lanes = assignLanes(row.entries);
  const todayDay = options.today >= from && options.today <= to ? daysBetween(from, options.today) : null;
  const undated = items.filter((item) => spanOf(item) === null).length;
  return {
    contractYear: options.contractYear,
    roundYear,
    from,
    to,
    days,
    months,
    today: options.today,
    todayDay,
    rows,
    undated,
  };
}

/** Every entry of the picture in date order: the order of its numbers and of the text alternative. */
export function yearEntries(picture: YearPicture): YearEntry[] {
  return picture.rows.flatMap((row) => row.entries).sort((a, b) => a.number - b.number);
}

/** An item's days: its window, or its one date; null while it has no date. */
function spanOf(item: TimelineItem): { from: IsoDate; to: IsoDate } | null {
  if (item.window !== null && item.window.from < item.window.to) return { ...item.window };
  const date = item.due ?? item.window?.to ?? null;
  return date === null ? null : { from: date, to: date };
}

/** Greedy interval lanes: each entry takes the first lane free from its start on; the row's number of lanes. */
function assignLanes(entries: YearEntry[]): number {
  const laneEnds: number[] = [];
  for (const entry of entries) {
    const end = entry.shape === 'mark' ? entry.startDay + MARK_ROOM_DAYS : entry.endDay + MARK_ROOM_DAYS / 2;
    const lane = laneEnds.findIndex((laneEnd) => laneEnd <= entry.startDay);
    entry.lane = lane === -1 ? laneEnds.length : lane;
    laneEnds[entry.lane] = end;
  }
  return Math.max(1, laneEnds.length);
}
