import { escapeHtml } from '../../html.js';
import type { YearEntry, YearPicture, YearSource } from '../../domain/year-picture.js';
import {
  BAR_HEIGHT,
  LONG_LABEL,
  numberOnLeft,
  HEADER_HEIGHT,
  LABEL_WIDTH,
  MARK_SIZE,
  STATUS_COLOUR,
  STATUS_SIGN,
  yearGeometry,
  type YearGeometry,
} from './geometry.js';
import type { YearWords } from './words.js';

export interface YearSvgOptions {
  /** Element ids on the page: the picture's title and the text alternative it is described by. */
  titleId: string;
  listId: string;
  caption: string;
  words: YearWords;
  /** What a person reads for an entry (the list's heading, date, status and source): each shape's tooltip. */
  labelOf: (entry: YearEntry) => string;
}

const FONT = 'system-ui, -apple-system, Segoe UI, Roboto, Arial, sans-serif';
const r = (n: number) => Math.round(n * 10) / 10;

/**
 * The year picture as SVG markup, every text escaped, no script and no style attribute (the pages' CSP allows none
 * inline): presentation attributes only. A role of img: the page's text alternative tells what it shows.
 */
export function yearSvg(picture: YearPicture, options: YearSvgOptions): string {
  const g = yearGeometry(picture);
  const esc = escapeHtml;
  const parts: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" class="year-svg" viewBox="0 0 ${g.width} ${g.height}" width="${g.width}" height="${g.height}" role="img" aria-labelledby="${esc(options.titleId)}" aria-describedby="${esc(options.listId)}" font-family="${FONT}" font-size="13">`,
    `<title id="${esc(options.titleId)}">${esc(options.caption)}</title>`,
    `<defs>${Object.entries(STATUS_COLOUR)
      .map(([status, colour]) => hatchPattern(`year-hatch-${status}`, colour))
      .join('')}</defs>`,
  ];
  picture.rows.forEach((row, index) => {
    const place = g.rows[index];
    if (index % 2 === 0)
      parts.push(`<rect x="0" y="${place.top}" width="${g.width}" height="${place.height}" fill="#f3f2f1"/>`);
    parts.push(
      `<text x="8" y="${r(place.top + place.height / 2 + 5)}" font-weight="600" fill="#0b0c0c"${row.label.length > LONG_LABEL ? ' font-size="11"' : ''}>${esc(row.label)}</text>`,
    );
    if (row.entries.length === 0)
      parts.push(
        `<text x="${LABEL_WIDTH + 8}" y="${r(place.top + place.height / 2 + 5)}" fill="#505a5f" font-style="italic">${esc(options.words.noDates)}</text>`,
      );
  });
  for (const month of picture.months) {
    const x = r(g.x(month.startDay));
    parts.push(`<line x1="${x}" y1="${HEADER_HEIGHT - 8}" x2="${x}" y2="${g.height - 4}" stroke="#b1b4b6"/>`);
    parts.push(
      `<text x="${r(g.x(month.startDay + month.days / 2))}" y="${HEADER_HEIGHT - 14}" text-anchor="middle" fill="#0b0c0c">${esc(options.words.months[month.month - 1])}</text>`,
    );
  }
  parts.push(
    `<line x1="${r(g.x(picture.days))}" y1="${HEADER_HEIGHT - 8}" x2="${r(g.x(picture.days))}" y2="${g.height - 4}" stroke="#b1b4b6"/>`,
  );
  picture.rows.forEach((row, index) => {
    for (const entry of row.entries) parts.push(entrySvg(entry, index, g, options));
  });
  if (picture.todayDay !== null) {
    const x = r(g.x(picture.todayDay + 0.5));
    parts.push(
      `<g class="year-today"><line x1="${x}" y1="${HEADER_HEIGHT - 6}" x2="${x}" y2="${g.height - 4}" stroke="#d4351c" stroke-width="2" stroke-dasharray="6 3"/>` +
        `<text x="${x}" y="10" text-anchor="middle" font-size="11" font-weight="700" fill="#d4351c">${esc(options.words.today)}</text></g>`,
    );
  }
  parts.push('</svg>');
  return parts.join('\n');
}

/** One bar or mark: its shape says what it rests on (solid document, hatched law, dashed expected, dotted own). */
function entrySvg(entry: YearEntry, row: number, g: YearGeometry, options: YearSvgOptions): string {
  const colour = STATUS_COLOUR[entry.status];
  const y = g.y(row, entry);
  const tip = `<title>${escapeHtml(options.labelOf(entry))}</title>`;
  const label = `${entry.number}${STATUS_SIGN[entry.status] ?? ''}`;
  const attributes = `class="year-entry" data-number="${entry.number}" data-source="${entry.source}" data-status="${entry.status}"`;
  if (entry.shape === 'bar') {
    const x = r(g.x(entry.startDay));
    const width = r(Math.max(4, g.x(entry.endDay + 1) - g.x(entry.startDay)));
    const top = r(y - BAR_HEIGHT / 2);
    return (
      `<g ${attributes}>${tip}<rect x="${x}" y="${top}" width="${width}" height="${BAR_HEIGHT}" rx="2" ${barPaint(entry.source, colour, `year-hatch-${entry.status}`)}/>` +
      numberSvg(label, x + 3, y + 4, 'start') +
      '</g>'
    );
  }
  const x = g.x(entry.startDay + 0.5);
  // Near the year's end the number goes left of the mark, inside the picture.
  const number = numberOnLeft(entry)
    ? numberSvg(label, x - MARK_SIZE / 2 - 3, y + 4, 'end')
    : numberSvg(label, x + MARK_SIZE / 2 + 3, y + 4, 'start');
  return `<g ${attributes}>${tip}${markShape(entry.source, x, y, colour, `year-hatch-${entry.status}`)}${number}</g>`;
}

/** A bar's fill and outline per source: solid for the document, hatched for the law, dashed expected, dotted own. */
function barPaint(source: YearSource, colour: string, hatch: string): string {
  const fill = source === 'document' ? colour : source === 'legal' ? `url(#${hatch})` : '#fff';
  const outline =
    source === 'expected'
      ? 'stroke-width="2" stroke-dasharray="6 3"'
      : source === 'own'
        ? 'stroke-width="3" stroke-dasharray="0.5 4" stroke-linecap="round"'
        : 'stroke-width="2"';
  return `fill="${fill}" stroke="${colour}" ${outline}`;
}

function hatchPattern(id: string, colour: string): string {
  return `<pattern id="${id}" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)"><rect width="6" height="6" fill="#fff"/><line x1="1.5" y1="0" x2="1.5" y2="6" stroke="${colour}" stroke-width="2.5"/></pattern>`;
}

/** A mark's shape per source: a filled circle (document), a hatched diamond (law), a dashed ring (expected), a triangle (own). */
function markShape(source: YearSource, x: number, y: number, colour: string, hatch: string): string {
  const s = MARK_SIZE / 2;
  switch (source) {
    case 'document':
      return `<circle cx="${r(x)}" cy="${r(y)}" r="${s}" fill="${colour}" stroke="#0b0c0c" stroke-width="1"/>`;
    case 'legal':
      return `<rect x="${r(x - s)}" y="${r(y - s)}" width="${MARK_SIZE}" height="${MARK_SIZE}" transform="rotate(45 ${r(x)} ${r(y)})" fill="url(#${hatch})" stroke="${colour}" stroke-width="2"/>`;
    case 'expected':
      return `<circle cx="${r(x)}" cy="${r(y)}" r="${s}" fill="#fff" stroke="${colour}" stroke-width="2" stroke-dasharray="3 2"/>`;
    case 'own':
      return `<path d="M${r(x)} ${r(y - s - 1)} L${r(x + s + 1)} ${r(y + s)} L${r(x - s - 1)} ${r(y + s)} Z" fill="#fff" stroke="${colour}" stroke-width="2"/>`;
  }
}

/** The entry's number, on a white halo so it stays readable over lines and bars. */
function numberSvg(label: string, x: number, y: number, anchor: 'start' | 'end'): string {
  return `<text x="${r(x)}" y="${r(y)}" text-anchor="${anchor}" font-size="11" font-weight="700" fill="#0b0c0c" stroke="#fff" stroke-width="3" paint-order="stroke">${escapeHtml(label)}</text>`;
}

/** A small drawing of one source's bar and mark, for the legend beside the picture. */
export function legendSwatch(source: YearSource): string {
  const colour = STATUS_COLOUR.upcoming;
  const hatch = `year-hatch-legend-${source}`;
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" class="year-swatch" viewBox="0 0 56 20" width="56" height="20" aria-hidden="true" focusable="false">` +
    `<defs>${hatchPattern(hatch, colour)}</defs>` +
    `<rect x="2" y="4" width="30" height="${BAR_HEIGHT}" rx="2" ${barPaint(source, colour, hatch)}/>` +
    markShape(source, 46, 10, colour, hatch) +
    '</svg>'
  );
}
