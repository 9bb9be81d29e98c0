import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { isMap, isScalar, isSeq, LineCounter, parseDocument, type Node } from 'yaml';
import { headingsOf, sectionAt, type Heading } from './document.js';
import {
  locateQuote,
  normaliseSource,
  normaliseText,
  type NormalisedSource,
  type QuoteMatch,
  type Repair,
} from './normalise.js';

/** One `source: { section, quote }` of a calendar file, wherever it stands (line, step, attribute, term). */
export interface Citation {
  /** Path into the file, e.g. `milestones/3/source`. */
  path: (string | number)[];
  /** Readable name: `milestone ondertekening`, `chain open-instroom step reactie`, `term 2`, `attribute organisatievorm`. */
  label: string;
  /** 1-based line of the quote in the calendar file. */
  line: number;
  section: string;
  quote: string;
}

/** What the source tooling needs of a calendar file: its text, where it came from, and its citations. */
export interface CalendarText {
  /** How messages name the file, e.g. `calendars/cz-groep/2027-geboortezorg.yaml`. */
  name: string;
  data: Record<string, unknown>;
  citations: Citation[];
  /** File name of the source text beside the calendar (`document.source`), if any. */
  sourceFile?: string;
  repairs: Repair[];
  /** What the PDF text shows for a list bullet at the start of a line (`document.bullets`). */
  bullets: string[];
  /** `uncited:` entries with their lines. */
  uncited: UncitedEntry[];
}

export interface UncitedEntry {
  text: string;
  reason: string;
  /** Which of several identical sentences is meant (1-based, in source order). */
  occurrence?: number;
  line: number;
}

/** Reads the parts of a calendar the source checks use; the full validation is load.ts's. */
export function readCalendarText(yamlText: string, name: string): CalendarText {
  const lineCounter = new LineCounter();
  const doc = parseDocument(yamlText, { lineCounter });
  if (doc.errors.length > 0) throw new Error(`${name}: ${doc.errors[0].message}`);
  const data = (doc.toJS() ?? {}) as Record<string, unknown>;
  const lineOfNode = (node: unknown): number =>
    node && typeof node === 'object' && 'range' in node && Array.isArray((node as Node).range)
      ? lineCounter.linePos((node as Node).range![0]).line
      : 1;

  const citations: Citation[] = [];
  const cite = (path: (string | number)[], label: string): void => {
    const source = doc.getIn(path, true);
    if (!isMap(source)) return;
    const quote = source.get('quote', true);
    const section = source.get('section');
    if (!isScalar(quote) || typeof quote.value !== 'string') return;
    citations.push({ path, label, line: lineOfNode(quote), section: String(section ?? ''), quote: quote.value });
  };

  const milestones = doc.get('milestones', true);
  if (isSeq(milestones)) {
    milestones.items.forEach((item, index) => {
      const id = isMap(item) ? String(item.get('id')) : String(index);
      cite(['milestones', index, 'source'], `milestone ${id}`);
    });
  }
  const chains = doc.get('chains', true);
  if (isSeq(chains)) {
    chains.items.forEach((chain, chainIndex) => {
      if (!isMap(chain)) return;
      const steps = chain.get('steps', true);
      if (!isSeq(steps)) return;
      steps.items.forEach((step, stepIndex) => {
        const id = isMap(step) ? String(step.get('id')) : String(stepIndex);
        cite(['chains', chainIndex, 'steps', stepIndex, 'source'], `chain ${String(chain.get('id'))} step ${id}`);
      });
    });
  }
  const attributes = doc.get('attributes', true);
  if (isMap(attributes)) {
    for (const pair of attributes.items) {
      const name = isScalar(pair.key) ? String(pair.key.value) : String(pair.key);
      cite(['attributes', name, 'source'], `attribute ${name}`);
    }
  }
  const terms = doc.get('terms', true);
  if (isSeq(terms)) terms.items.forEach((_term, index) => cite(['terms', index, 'source'], `term ${index + 1}`));

  const uncited: UncitedEntry[] = [];
  const uncitedNode = doc.get('uncited', true);
  if (isSeq(uncitedNode)) {
    for (const item of uncitedNode.items) {
      if (!isMap(item)) continue;
      const occurrence = item.get('occurrence');
      uncited.push({
        text: String(item.get('text') ?? ''),
        reason: String(item.get('reason') ?? ''),
        ...(typeof occurrence === 'number' ? { occurrence } : {}),
        line: lineOfNode(item),
      });
    }
  }

  const document = (data.document ?? {}) as { source?: string; repairs?: Repair[]; bullets?: string[] };
  return {
    name,
    data,
    citations,
    sourceFile: document.source,
    repairs: document.repairs ?? [],
    bullets: document.bullets ?? [],
    uncited,
  };
}

export interface SourceText {
  raw: string;
  normalised: NormalisedSource;
  headings: Heading[];
}

/** The source text named by `document.source`, normalised with the calendar's repairs. */
export function loadSource(calendar: CalendarText, calendarPath: string): SourceText {
  if (!calendar.sourceFile) throw new Error(`${calendar.name}: document.source names no source text`);
  return sourceTextOf(calendar, readFileSync(join(dirname(calendarPath), calendar.sourceFile), 'utf8'));
}

export function sourceTextOf(calendar: CalendarText, raw: string): SourceText {
  return { raw, normalised: normaliseSource(raw, calendar.repairs, calendar.bullets), headings: headingsOf(raw) };
}

export interface LocatedCitation extends Citation {
  match: QuoteMatch;
}

/** A quote that is not in the source: which calendar line, and which fragment was not found. */
export interface QuoteProblem {
  citation: Citation;
  missing: string;
  /** The longest start of the missing fragment that the source does contain: the difference follows it. */
  found: string;
}

function longestFoundPrefix(text: string, fragment: string): string {
  let low = 0;
  let high = fragment.length;
  while (low < high) {
    const middle = Math.ceil((low + high) / 2);
    if (text.includes(fragment.slice(0, middle))) low = middle;
    else high = middle - 1;
  }
  return fragment.slice(0, low);
}

/**
 * Every citation located in the source; the ones not found are problems. A quote that occurs more
 * than once (the same sentence in 3.3.2 and 3.3.3) is taken in the section the citation names.
 */
export function checkQuotes(
  calendar: CalendarText,
  source: SourceText,
): { located: LocatedCitation[]; problems: QuoteProblem[] } {
  const located: LocatedCitation[] = [];
  const problems: QuoteProblem[] = [];
  for (const citation of calendar.citations) {
    const wanted = citation.section.toLowerCase();
    const inSection = (offset: number): boolean => {
      const section = sectionAt(source.headings, source.normalised.lineOf[offset]).toLowerCase();
      return section === wanted || section.startsWith(`${wanted}.`);
    };
    const match = locateQuote(source.normalised, citation.quote, inSection);
    if ('missing' in match) {
      const missing = normaliseText(match.missing);
      problems.push({ citation, missing, found: longestFoundPrefix(source.normalised.text, missing) });
    } else located.push({ ...citation, match });
  }
  return { located, problems };
}

export function describeQuoteProblem(calendar: CalendarText, problem: QuoteProblem): string {
  const { citation, missing, found } = problem;
  const where =
    found.length > 0
      ? `; the source has "…${found.slice(-40)}" but then not "${missing.slice(found.length, found.length + 40)}…"`
      : '';
  return `${calendar.name}:${citation.line}: ${citation.label} (section ${citation.section}): quote not in ${calendar.sourceFile}: "${missing}"${where}`;
}
