import type { NormalisedSource } from './normalise.js';
import { MONTHS } from './wording.js';

/** A heading of the source text: `3.3.2` with its title, `bijlage 2`, or a named heading such as `Bezwaren`. */
export interface Heading {
  line: number;
  /** Section as calendars cite it: `4.1`, `bijlage 2`, or the name of an unnumbered front-matter heading. */
  section: string;
  title: string;
}

/** One sentence of the normalised source (a bullet, table cell or paragraph end also ends one). */
export interface Sentence {
  text: string;
  /** Offsets in the normalised text. */
  start: number;
  end: number;
  /** 1-based line in the source file where the sentence starts. */
  line: number;
  /** Nearest heading above it: the section number, and the nearest (sub)heading's title. */
  section: string;
  heading: string;
}

const NUMBERED = /^(\d[\d.]{0,10}) (\p{Lu}.{0,100})$/u;
const APPENDIX = /^(bijlage \d{1,2})\b ?(.{0,100})$/iu;
const NAMED = /^\p{Lu}[^.;:!?]{2,70}$/u;
/** A line ending in one of these words runs on into the next: not a heading. */
const RUNS_ON = new Set([
  'de',
  'het',
  'een',
  'van',
  'via',
  'en',
  'of',
  'voor',
  'met',
  'te',
  'om',
  'in',
  'op',
  'bij',
  'aan',
  'die',
  'dat',
  'door',
  'naar',
  'is',
  'zijn',
  'wordt',
]);

/**
 * Headings of the PDF text. A numbered line is a heading only where the numbering goes on
 * (chapter 3 is followed by 3.x or 4, so the numbered rows "1 De zorgaanbieder …" of a table are not);
 * a short unpunctuated line between a blank line and text is a named heading.
 */
export function headingsOf(raw: string): Heading[] {
  const lines = raw.split(/\r?\n/).map((line) => line.replace(/\s+/g, ' ').trim());
  const headings: Heading[] = [];
  let chapter = 0;
  let inAppendix = false;
  lines.forEach((line, index) => {
    const numbered = NUMBERED.exec(line);
    const parts = numbered ? numbered[1].replace(/\.$/, '').split('.') : [];
    if (numbered && !inAppendix && parts.every((part) => /^\d{1,2}$/.test(part))) {
      const number = parts.join('.');
      const first = Number(parts[0]);
      // A chapter title is short or a question; a numbered table row ("4 De zorgaanbieders ondertekenen …") is neither.
      const chapterLike = line.endsWith('?') || numbered[2].split(' ').length <= 6;
      const continues =
        parts.length === 1 ? first === chapter + 1 && chapterLike : first === chapter || first === chapter + 1;
      if (continues && !/[.;,]$/.test(line)) {
        chapter = first;
        headings.push({ line: index + 1, section: number, title: numbered[2] });
        return;
      }
    }
    const appendix = APPENDIX.exec(line);
    if (appendix) {
      inAppendix = true;
      headings.push({ line: index + 1, section: appendix[1].toLowerCase(), title: appendix[2] });
      return;
    }
    const previousBlank = index === 0 || lines[index - 1] === '';
    const nextText = index + 1 < lines.length && lines[index + 1] !== '';
    const lastWord = line.slice(line.lastIndexOf(' ') + 1).toLowerCase();
    if (NAMED.test(line) && previousBlank && nextText && !/\d/.test(line) && !RUNS_ON.has(lastWord)) {
      const section = headings.length > 0 ? headings[headings.length - 1].section : line;
      headings.push({ line: index + 1, section: chapter === 0 && !inAppendix ? line : section, title: line });
    }
  });
  return headings;
}

// A line that opens with a full date starts a row of a planning table ("12 november 2025 Informeren …").
const TABLE_ROW = new RegExp(`^\\d{1,2} (?:${MONTHS.join('|')}) 20\\d\\d`, 'i');

// A sentence ends at . ! ? ; : before a capital, a digit or an opening quote (not "a.s. aan", "N.V. en", "3.3.2 staat").
const SENTENCE_END = /[.!?;:](?= [\p{Lu}\d‘“"(])/gu;

/** The sentences of a normalised source, each with its line and the nearest heading. */
export function sentencesOf(source: NormalisedSource, headings: readonly Heading[]): Sentence[] {
  const boundaries = new Set<number>([0, source.text.length, ...source.breaks]);
  const headingLines = new Set(headings.map((heading) => heading.line));
  for (const [offset, line] of source.lineStarts) {
    if (headingLines.has(line) || headingLines.has(line - 1)) boundaries.add(offset);
    if (TABLE_ROW.test(source.text.slice(offset, offset + 20))) boundaries.add(offset);
  }
  for (const match of source.text.matchAll(SENTENCE_END)) boundaries.add(match.index + 1);
  const cuts = [...boundaries].sort((a, b) => a - b);

  const sentences: Sentence[] = [];
  let headingIndex = -1;
  let section = '';
  for (let i = 0; i + 1 < cuts.length; i++) {
    let start = cuts[i];
    let end = cuts[i + 1];
    while (start < end && source.text[start] === ' ') start++;
    while (end > start && source.text[end - 1] === ' ') end--;
    if (start === end) continue;
    const line = source.lineOf[start];
    while (headingIndex + 1 < headings.length && headings[headingIndex + 1].line <= line) {
      headingIndex++;
      section = headings[headingIndex].section;
    }
    const heading = headingIndex >= 0 ? headings[headingIndex].title : '';
    sentences.push({ text: source.text.slice(start, end), start, end, line, section, heading });
  }
  return sentences;
}

/** The section number of the nearest heading at or above a source line. */
export function sectionAt(headings: readonly Heading[], line: number): string {
  let section = '';
  for (const heading of headings) {
    if (heading.line > line) break;
    section = heading.section;
  }
  return section;
}
