import type { ItemStatus } from '../../domain/types.js';
import { MARK_ROOM_DAYS, type YearEntry, type YearPicture } from '../../domain/year-picture.js';

/** Where the year picture's parts go, in one unit for the SVG (px) and the PDF (pt): both draw the same layout. */
export const LABEL_WIDTH = 160;
/** A row label longer than this many characters is set smaller, so it stays in its column. */
export const LONG_LABEL = 18;
export const PLOT_WIDTH = 1000;
export const HEADER_HEIGHT = 34;
export const LANE_HEIGHT = 24;
export const ROW_PADDING = 8;
export const BAR_HEIGHT = 12;
export const MARK_SIZE = 11;

export interface RowPlace {
  top: number;
  height: number;
}

export interface YearGeometry {
  width: number;
  height: number;
  rows: RowPlace[];
  /** The x of the start of a day (0 = the first day of the round). */
  x: (day: number) => number;
  /** The y of an entry's middle in its row. */
  y: (row: number, entry: YearEntry) => number;
}

export function yearGeometry(picture: YearPicture): YearGeometry {
  const rows: RowPlace[] = [];
  let top = HEADER_HEIGHT;
  for (const row of picture.rows) {
    const height = row.lanes * LANE_HEIGHT + ROW_PADDING * 2;
    rows.push({ top, height });
    top += height;
  }
  const dayWidth = PLOT_WIDTH / picture.days;
  return {
    width: LABEL_WIDTH + PLOT_WIDTH + 12,
    height: top + 4,
    rows,
    x: (day) => LABEL_WIDTH + day * dayWidth,
    y: (row, entry) => rows[row].top + ROW_PADDING + entry.lane * LANE_HEIGHT + LANE_HEIGHT / 2,
  };
}

/** A colour per status, always with a sign beside it (STATUS_SIGN) and the words in the text alternative. */
export const STATUS_COLOUR: Record<ItemStatus, string> = {
  upcoming: '#1d4f91',
  'due-soon': '#b35900',
  overdue: '#d4351c',
  done: '#00703c',
  passed: '#6f777b',
  'not-recorded': '#6f777b',
  check: '#8a3b8f',
  waiting: '#6f777b',
  'not-started': '#6f777b',
};

/** The status as a sign beside the number, so it is not told by colour alone. */
export const STATUS_SIGN: Partial<Record<ItemStatus, string>> = {
  done: '✓',
  overdue: '!',
  check: '?',
  'due-soon': '→',
};

/** A mark in the year's last days has its number on its left, so it is not cut off at the edge. */
export function numberOnLeft(entry: YearEntry, days = 365): boolean {
  return entry.shape === 'mark' && entry.startDay > days - MARK_ROOM_DAYS;
}
