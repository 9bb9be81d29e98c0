import { sentencesOf, type Sentence } from './document.js';
import { applyRepairs, normaliseText } from './normalise.js';
import {
  checkQuotes,
  sourceTextOf,
  type CalendarText,
  type LocatedCitation,
  type SourceText,
  type UncitedEntry,
} from './sources.js';
import { findTerms, type TermMatch } from './wording.js';

/** A sentence of the source that carries a date or a term. */
export interface DatedSentence extends Sentence {
  terms: TermMatch[];
}

/** An `uncited:` entry that no longer does its job: it matches no dated sentence, several, or one a line cites. */
export interface StaleEntry {
  entry: UncitedEntry;
  problem: string;
}

export interface Coverage {
  calendar: string;
  sourceFile: string;
  dated: DatedSentence[];
  /** Dated sentences a line's quote covers. */
  cited: Map<DatedSentence, LocatedCitation[]>;
  /** Dated sentences listed under `uncited:`, with their entry. */
  listed: Map<DatedSentence, UncitedEntry>;
  /** Dated sentences neither cited nor listed: each one fails the check. */
  missing: DatedSentence[];
  stale: StaleEntry[];
}

/** The dated sentences of a source text, with the nearest heading of each. */
export function datedSentences(source: SourceText): DatedSentence[] {
  const sentences = sentencesOf(source.normalised, source.headings);
  // One pass over the whole text; each wording belongs to the sentence it starts in.
  const terms = findTerms(source.normalised.text);
  const dated: DatedSentence[] = [];
  let next = 0;
  for (const sentence of sentences) {
    while (next < terms.length && terms[next].start < sentence.start) next++;
    const own: TermMatch[] = [];
    for (let i = next; i < terms.length && terms[i].start < sentence.end; i++) own.push(terms[i]);
    if (own.length > 0) dated.push({ ...sentence, terms: own });
  }
  return dated;
}

/** A source text split into sentences: the part of coverage that does not depend on the quotes. */
export interface SourceReading {
  source: SourceText;
  sentences: Sentence[];
  dated: DatedSentence[];
}

export function readSourceText(calendar: CalendarText, raw: string): SourceReading {
  const source = sourceTextOf(calendar, raw);
  return { source, sentences: sentencesOf(source.normalised, source.headings), dated: datedSentences(source) };
}

/**
 * Every dated sentence of the source must be cited by a quote (a quote covers one of its date or term
 * wordings) or listed under `uncited:` with a reason.
 */
export function coverageOf(
  calendar: CalendarText,
  raw: string,
  read: SourceReading = readSourceText(calendar, raw),
): Coverage {
  const { source, sentences, dated } = read;
  const { located } = checkQuotes(calendar, source);

  const cited = new Map<DatedSentence, LocatedCitation[]>();
  for (const sentence of dated) {
    const by = located.filter((citation) =>
      citation.match.spans.some((span) =>
        sentence.terms.some((term) => span.start < term.end && term.start < span.end),
      ),
    );
    if (by.length > 0) cited.set(sentence, by);
  }

  const listed = new Map<DatedSentence, UncitedEntry>();
  const stale: StaleEntry[] = [];
  for (const entry of calendar.uncited) {
    const fragment = normaliseText(applyRepairs(entry.text, calendar.repairs));
    const containing = sentences.filter((sentence) => sentence.text.includes(fragment));
    const identical = containing.every((sentence) => sentence.text === containing[0].text);
    const meant =
      entry.occurrence !== undefined && identical
        ? containing[entry.occurrence - 1]
        : containing.length === 1
          ? containing[0]
          : undefined;
    if (!meant) {
      stale.push({
        entry,
        problem:
          containing.length === 0
            ? 'matches no sentence of the source'
            : entry.occurrence !== undefined
              ? `occurrence ${entry.occurrence} of ${containing.length} identical sentences does not exist`
              : identical
                ? `matches ${containing.length} identical sentences: say which with occurrence`
                : `matches ${containing.length} sentences: quote more of the one meant`,
      });
      continue;
    }
    const sentence = dated.find((candidate) => candidate.start === meant.start);
    if (!sentence) {
      stale.push({ entry, problem: 'the sentence it matches carries no date or term' });
    } else if (cited.has(sentence)) {
      const labels = (cited.get(sentence) ?? []).map((citation) => citation.label).join(', ');
      stale.push({ entry, problem: `the sentence is cited by ${labels}` });
    } else if (listed.has(sentence)) {
      stale.push({ entry, problem: `the sentence is already listed at line ${listed.get(sentence)?.line}` });
    } else {
      listed.set(sentence, entry);
    }
  }

  const missing = dated.filter((sentence) => !cited.has(sentence) && !listed.has(sentence));
  return { calendar: calendar.name, sourceFile: calendar.sourceFile ?? '', dated, cited, listed, missing, stale };
}

export function coveragePercent(coverage: Coverage): number {
  if (coverage.dated.length === 0) return 100;
  return (100 * (coverage.dated.length - coverage.missing.length)) / coverage.dated.length;
}

/** What the coverage command prints for a failing calendar, one problem a line. */
export function describeCoverageProblems(coverage: Coverage): string[] {
  const lines = coverage.missing.map((sentence) => {
    const where =
      sentence.heading && sentence.heading !== sentence.section
        ? `${sentence.section} › ${sentence.heading}`
        : sentence.section;
    const terms = [...new Set(sentence.terms.map((term) => term.text))].join(', ');
    return `${coverage.sourceFile}:${sentence.line} [${where}] uncited (${terms}): "${sentence.text}"`;
  });
  for (const { entry, problem } of coverage.stale)
    lines.push(`${coverage.calendar}:${entry.line}: stale uncited entry, ${problem}: "${entry.text}"`);
  return lines;
}
