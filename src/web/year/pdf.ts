import PDFDocument from 'pdfkit';
import type { ItemStatus } from '../../domain/types.js';
import type { YearEntry, YearPicture, YearSource } from '../../domain/year-picture.js';
import {
  BAR_HEIGHT,
  HEADER_HEIGHT,
  LABEL_WIDTH,
  LONG_LABEL,
  MARK_SIZE,
  numberOnLeft,
  STATUS_COLOUR,
  yearGeometry,
} from './geometry.js';
import type { YearLine } from './view.js';
import type { YearWords } from './words.js';

/**
 * The year overview as a one-page A4 landscape PDF, drawn with pdfkit from the same layout model as the page's SVG:
 * a maintained pure-JS library, so a request never starts a browser (the image has none, and one per request would be
 * a lever for denial of service). The standard Helvetica needs no font file; its encoding has no ✓ or →, hence these signs.
 */
const PDF_SIGN: Partial<Record<ItemStatus, string>> = {
  done: ' (v)',
  overdue: ' (!)',
  check: ' (?)',
  'due-soon': ' (>)',
};
const PAGE = { width: 841.89, height: 595.28, margin: 28 };

export interface YearPdfContent {
  title: string;
  caption: string;
  picture: YearPicture;
  lines: YearLine[];
  undated: string | null;
  words: YearWords;
}

export async function yearPdf(content: YearPdfContent): Promise<Buffer> {
  const doc = new PDFDocument({
    size: 'A4',
    layout: 'landscape',
    margin: PAGE.margin,
    autoFirstPage: true,
    info: { Title: content.title, Creator: 'geboortezorg-deadlines' },
  });
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  const width = PAGE.width - PAGE.margin * 2;
  doc
    .font('Helvetica-Bold')
    .fontSize(14)
    .text(winAnsi(content.title), PAGE.margin, PAGE.margin, { width, lineBreak: false });
  doc
    .font('Helvetica')
    .fontSize(8)
    .text(winAnsi(content.caption), PAGE.margin, PAGE.margin + 18, { width, lineBreak: false });
  const legendY = PAGE.margin + 30;
  drawLegend(doc, content.words, PAGE.margin, legendY);
  const pictureTop = legendY + 16;
  const g = yearGeometry(content.picture);
  const scale = Math.min(width / g.width, (PAGE.height * 0.55) / g.height);
  doc.save().translate(PAGE.margin, pictureTop).scale(scale);
  drawPicture(doc, content.picture, content.words);
  doc.restore();
  const listTop = pictureTop + g.height * scale + 10;
  const listHeight = PAGE.height - PAGE.margin - listTop;
  const text = [
    ...content.lines.map(
      (line) =>
        `${line.number}. ${line.heading}: ${line.when}; ${line.status}${PDF_SIGN[lineStatus(content.picture, line)] ?? ''}; ${line.source}`,
    ),
    ...(content.undated ? [content.undated] : []),
  ].join('\n');
  // Smaller type for a long year rather than a second page: the overview is one sheet.
  const size = content.lines.length > 36 ? 6 : content.lines.length > 20 ? 7 : 8;
  doc.font('Helvetica').fontSize(size).fillColor('#0b0c0c').text(winAnsi(text), PAGE.margin, listTop, {
    width,
    height: listHeight,
    columns: 2,
    columnGap: 18,
    ellipsis: true,
  });
  doc.end();
  return done;
}

function lineStatus(picture: YearPicture, line: YearLine): ItemStatus {
  return picture.rows.flatMap((row) => row.entries).find((entry) => entry.number === line.number)!.status;
}

/** Helvetica's encoding (WinAnsi) has no typographic arrows or ticks: those become plain signs. */
function winAnsi(text: string): string {
  return text.replace(/[✓→]/g, (c) => (c === '✓' ? 'v' : '>')).replace(/[^\n\x20-\x7e\u00a0-\u00ff‘’“”–—…€]/g, '?');
}

function drawLegend(doc: PDFKit.PDFDocument, words: YearWords, x: number, y: number): void {
  doc
    .font('Helvetica')
    .fontSize(8)
    .fillColor('#0b0c0c')
    .text(`${words.legendTitle}:`, x, y + 2, { lineBreak: false });
  let at = x + doc.widthOfString(`${words.legendTitle}:`) + 8;
  for (const source of ['document', 'legal', 'expected', 'own'] as const) {
    drawBar(doc, source, STATUS_COLOUR.upcoming, at, y + 1, 22, 9);
    doc.fillColor('#0b0c0c').text(words.source[source], at + 26, y + 2, { lineBreak: false });
    at += 26 + doc.widthOfString(words.source[source]) + 14;
  }
}

function drawPicture(doc: PDFKit.PDFDocument, picture: YearPicture, words: YearWords): void {
  const g = yearGeometry(picture);
  picture.rows.forEach((row, index) => {
    const place = g.rows[index];
    if (index % 2 === 0) doc.rect(0, place.top, g.width, place.height).fill('#f3f2f1');
    doc
      .font('Helvetica-Bold')
      .fontSize(row.label.length > LONG_LABEL ? 11 : 13)
      .fillColor('#0b0c0c')
      .text(winAnsi(row.label), 8, place.top + place.height / 2 - 7, { width: LABEL_WIDTH - 12, lineBreak: false });
    if (row.entries.length === 0)
      doc
        .font('Helvetica-Oblique')
        .fontSize(12)
        .fillColor('#505a5f')
        .text(words.noDates, LABEL_WIDTH + 8, place.top + place.height / 2 - 6, { lineBreak: false });
  });
  doc.font('Helvetica').fontSize(13).fillColor('#0b0c0c');
  for (const month of picture.months) {
    doc
      .moveTo(g.x(month.startDay), HEADER_HEIGHT - 8)
      .lineTo(g.x(month.startDay), g.height - 4)
      .lineWidth(1)
      .stroke('#b1b4b6');
    const label = words.months[month.month - 1];
    doc
      .fillColor('#0b0c0c')
      .text(label, g.x(month.startDay + month.days / 2) - doc.widthOfString(label) / 2, HEADER_HEIGHT - 26, {
        lineBreak: false,
      });
  }
  picture.rows.forEach((row, index) => {
    for (const entry of row.entries)
      drawEntry(doc, entry, g.y(index, entry), g.x(entry.startDay), g.x(entry.endDay + 1));
  });
  if (picture.todayDay !== null) {
    const x = g.x(picture.todayDay + 0.5);
    doc
      .moveTo(x, HEADER_HEIGHT - 6)
      .lineTo(x, g.height - 4)
      .lineWidth(2)
      .dash(6, { space: 3 })
      .stroke('#d4351c');
    doc.undash();
    doc.font('Helvetica-Bold').fontSize(11).fillColor('#d4351c');
    doc.text(words.today, x - doc.widthOfString(words.today) / 2, 0, { lineBreak: false });
  }
}

function drawEntry(doc: PDFKit.PDFDocument, entry: YearEntry, y: number, x: number, xEnd: number): void {
  const colour = STATUS_COLOUR[entry.status];
  const label = `${entry.number}${PDF_SIGN[entry.status]?.trim().replace(/[()]/g, '') ?? ''}`;
  doc.font('Helvetica-Bold').fontSize(11);
  if (entry.shape === 'bar') {
    drawBar(doc, entry.source, colour, x, y - BAR_HEIGHT / 2, Math.max(4, xEnd - x), BAR_HEIGHT);
    halo(doc, label, x + 3, y - 4);
    return;
  }
  const cx = (x + xEnd) / 2;
  drawMark(doc, entry.source, colour, cx, y);
  const left = numberOnLeft(entry);
  halo(doc, label, left ? cx - MARK_SIZE / 2 - 3 - doc.widthOfString(label) : cx + MARK_SIZE / 2 + 3, y - 4);
}

function halo(doc: PDFKit.PDFDocument, label: string, x: number, y: number): void {
  const w = doc.widthOfString(label);
  doc.rect(x - 1, y - 1, w + 2, 10).fill('#ffffff');
  doc.fillColor('#0b0c0c').text(label, x, y, { lineBreak: false });
}

function drawBar(
  doc: PDFKit.PDFDocument,
  source: YearSource,
  colour: string,
  x: number,
  y: number,
  w: number,
  h: number,
) {
  doc.save();
  if (source === 'document') doc.rect(x, y, w, h).fill(colour);
  else {
    doc.rect(x, y, w, h).fill('#ffffff');
    if (source === 'legal') hatch(doc, colour, x, y, w, h);
  }
  doc.rect(x, y, w, h).lineWidth(source === 'own' ? 2.5 : 2);
  if (source === 'expected') doc.dash(6, { space: 3 });
  if (source === 'own') doc.dash(1, { space: 3 });
  doc.stroke(colour).undash().restore();
}

function drawMark(doc: PDFKit.PDFDocument, source: YearSource, colour: string, x: number, y: number) {
  const s = MARK_SIZE / 2;
  doc.save();
  if (source === 'document') doc.circle(x, y, s).lineWidth(1).fillAndStroke(colour, '#0b0c0c');
  else if (source === 'legal') {
    doc.polygon([x, y - s - 1.5], [x + s + 1.5, y], [x, y + s + 1.5], [x - s - 1.5, y]).fill('#ffffff');
    hatch(doc, colour, x - s, y - s, MARK_SIZE, MARK_SIZE);
    doc
      .polygon([x, y - s - 1.5], [x + s + 1.5, y], [x, y + s + 1.5], [x - s - 1.5, y])
      .lineWidth(2)
      .stroke(colour);
  } else if (source === 'expected')
    doc.circle(x, y, s).lineWidth(2).dash(3, { space: 2 }).fillAndStroke('#ffffff', colour);
  else
    doc
      .polygon([x, y - s - 1], [x + s + 1, y + s], [x - s - 1, y + s])
      .lineWidth(2)
      .fillAndStroke('#ffffff', colour);
  doc.undash().restore();
}

/** Diagonal lines clipped to a box: the law's hatching. */
function hatch(doc: PDFKit.PDFDocument, colour: string, x: number, y: number, w: number, h: number) {
  doc.save().rect(x, y, w, h).clip();
  for (let at = x - h; at < x + w; at += 6) doc.moveTo(at, y + h).lineTo(at + h, y);
  doc.lineWidth(2).stroke(colour).restore();
}
