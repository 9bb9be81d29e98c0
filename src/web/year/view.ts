import type { CalendarSet } from '../../domain/calendar-set.js';
import type { IsoDate, TimelineItem } from '../../domain/types.js';
import {
  YEAR_SOURCES,
  yearChoices,
  yearEntries,
  yearPicture,
  type YearEntry,
  type YearPicture,
  type YearSource,
} from '../../domain/year-picture.js';
import { itemView, type ItemViewOptions } from '../view-model.js';
import type { Language } from '../../domain/language.js';
import { STATUS_SIGN } from './geometry.js';
import { legendSwatch, yearSvg } from './svg.js';
import { yearWordsFor } from './words.js';

/** One line of the text alternative: the list's heading and date, the status and what the date rests on. */
export interface YearLine {
  number: number;
  sign: string;
  heading: string;
  when: string;
  status: string;
  source: string;
}

/** The year picture as a page shows it (src/web/year/year.eta): everything worked out, nothing left to the template. */
export interface YearView {
  heading: string;
  caption: string;
  chooseLabel: string;
  choices: { href: string; label: string; current: boolean }[];
  region: string;
  svg: string;
  legendTitle: string;
  legend: { swatch: string; label: string }[];
  listSummary: string;
  lines: YearLine[];
  empty: string;
  undated: string | null;
  pdf: { href: string; label: string } | null;
}

export interface YearViewOptions {
  calendars: CalendarSet;
  contractYear: number;
  today: IsoDate;
  /** Her insurers in the order of her contracts. */
  insurers: readonly string[];
  /** The list's options: the picture's words for an item are the list's (heading, date). */
  timeline: ItemViewOptions;
  /** The same page for another contract year. */
  hrefFor: (contractYear: number) => string;
  pdfHref?: string;
}

/** The picture's model for her items (shared by the page and the PDF). */
export function pictureOf(items: readonly TimelineItem[], options: YearViewOptions, language: Language): YearPicture {
  return yearPicture(items, {
    contractYear: options.contractYear,
    today: options.today,
    insurers: options.insurers,
    insurerName: (insurer) => options.calendars.insurerName(insurer),
    ownLabel: yearWordsFor(language).ownRow,
  });
}

/** The text alternative's lines, in the picture's number order. */
export function yearLines(picture: YearPicture, items: readonly TimelineItem[], timeline: ItemViewOptions): YearLine[] {
  const words = yearWordsFor(timeline.language);
  const byId = new Map(items.map((item) => [item.id, item]));
  return yearEntries(picture).map((entry) => {
    const view = itemView(byId.get(entry.item)!, timeline);
    return {
      number: entry.number,
      sign: STATUS_SIGN[entry.status] ?? '',
      heading: view.heading,
      when: view.when,
      status: entry.statusWords[timeline.language],
      source: words.source[entry.source],
    };
  });
}

export function yearView(items: readonly TimelineItem[], options: YearViewOptions): YearView {
  const { language } = options.timeline;
  const words = yearWordsFor(language);
  const picture = pictureOf(items, options, language);
  const lines = yearLines(picture, items, options.timeline);
  const byNumber = new Map(lines.map((line) => [line.number, line]));
  const labelOf = (entry: YearEntry) => {
    const line = byNumber.get(entry.number)!;
    return `${line.number}. ${line.heading}: ${line.when}; ${line.status}; ${line.source}`;
  };
  const caption = words.caption(picture.contractYear, picture.roundYear);
  return {
    heading: words.title,
    caption,
    chooseLabel: words.choose,
    choices: yearChoices(options.today).map((year) => ({
      href: options.hrefFor(year),
      label: words.choice(year, year - 1),
      current: year === picture.contractYear,
    })),
    region: words.region(picture.contractYear),
    svg: yearSvg(picture, { titleId: 'jaar-beeld-titel', listId: 'jaar-lijst', caption, words, labelOf }),
    legendTitle: words.legendTitle,
    legend: YEAR_SOURCES.map((source: YearSource) => ({ swatch: legendSwatch(source), label: words.source[source] })),
    listSummary: words.listSummary(lines.length),
    lines,
    empty: words.empty,
    undated: picture.undated > 0 ? words.undated(picture.undated) : null,
    pdf: options.pdfHref ? { href: options.pdfHref, label: words.pdf } : null,
  };
}
