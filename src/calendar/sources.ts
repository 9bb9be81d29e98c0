import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { isMap, isScalar, isSeq, LineCounter, parseDocument, type Node } from 'yaml';
import { locateQuote, normaliseSource, type NormalisedSource, type QuoteMatch, type Repair } from './normalise.js';

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
      uncited.push({ text: String(item.get('text') ?? ''), reason: String(item.get('reason') ?? ''), line: lineOfNode(item) });
    }
  }

  const document = (data.document ?? {}) as { source?: string; repairs?: Repair[]; bullets?: string[] };
  return { name, data, citations, sourceFile: document.source, repairs: document.repairs ?? [], bullets: document.bullets ?? [], uncited };
}

/** The source text named by `document.source`, normalised with the calendar's repairs. */
export function loadSource(calendar: CalendarText, calendarPath: string): { raw: string; normalised: NormalisedSource } {
  if (!calendar.sourceFile) throw new Error(`${calendar.name}: document.source names no source text`);
  const raw = readFileSync(join(dirname(calendarPath), calendar.sourceFile), 'utf8');
  return { raw, normalised: normaliseSource(raw, calendar.repairs, calendar.bullets) };
}

export interface LocatedCitation extends Citation {
  match: QuoteMatch;
}

/** A quote that is not in the source: which calendar line, and which fragment was not found. */
export interface QuoteProblem {
  citation: Citation;
  missing: string;
}

/** Every citation located in the source; the ones not found are problems. */
export function checkQuotes(calendar: CalendarText, source: NormalisedSource): { located: LocatedCitation[]; problems: QuoteProblem[] } {
  const located: LocatedCitation[] = [];
  const problems: QuoteProblem[] = [];
  for (const citation of calendar.citations) {
    const match = locateQuote(source, citation.quote);
    if ('missing' in match) problems.push({ citation, missing: match.missing });
    else located.push({ ...citation, match });
  }
  return { located, problems };
}

export function describeQuoteProblem(calendar: CalendarText, problem: QuoteProblem): string {
  const { citation, missing } = problem;
  return `${calendar.name}:${citation.line}: ${citation.label} (section ${citation.section}): quote not in ${calendar.sourceFile}: "${missing}"`;
}
