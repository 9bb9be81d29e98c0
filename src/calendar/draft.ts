import { stringify } from 'yaml';
import type { DateRule } from '../domain/types.js';
import { datedSentences } from './coverage.js';
import { headingsOf } from './document.js';
import { normaliseSource, type Repair } from './normalise.js';
import { readRule } from './rule-reading.js';

/** One candidate line of a draft calendar: a dated sentence with its first reading. */
export interface DraftCandidate {
  id: string;
  section: string;
  heading: string;
  /** Line in the source text. */
  line: number;
  quote: string;
  /** Offsets of the sentence in the normalised source. */
  start: number;
  end: number;
  wording: string[];
  rule: DateRule | null;
  fixesDate: boolean;
  todos: string[];
}

export interface DraftOptions {
  insurer: string;
  year: number;
  /** File name of the source text, written into `document.source`. */
  sourceFile: string;
  repairs?: Repair[];
  bullets?: string[];
  /** The day the draft is made, for its change log. */
  today: string;
}

/** One candidate per dated sentence of the source, in document order. */
export function draftCandidates(
  raw: string,
  options: Pick<DraftOptions, 'year' | 'repairs' | 'bullets'>,
): DraftCandidate[] {
  const normalised = normaliseSource(raw, options.repairs ?? [], options.bullets ?? []);
  return datedSentences({ raw, normalised, headings: headingsOf(raw) }).map((sentence) => {
    const reading = readRule(sentence.text, options.year);
    return {
      id: `regel-${sentence.line}`,
      section: sentence.section,
      heading: sentence.heading,
      line: sentence.line,
      quote: sentence.text,
      start: sentence.start,
      end: sentence.end,
      wording: [...new Set(sentence.terms.map((term) => term.text))],
      ...reading,
    };
  });
}

const inline = (value: unknown): string =>
  stringify(value, { flow: true, lineWidth: 0, defaultStringType: 'QUOTE_DOUBLE', defaultKeyType: 'PLAIN' }).trim();

/**
 * A draft calendar YAML: the top level with TODOs, then every candidate as a milestone whose open
 * questions are comments. It does not pass `calendars:check` until a person has answered them.
 */
export function draftCalendarYaml(candidates: DraftCandidate[], options: DraftOptions): string {
  const out: string[] = [
    `# DRAFT calendar for ${options.insurer} ${options.year}, written by npm run calendars:draft from ${options.sourceFile}.`,
    '# One candidate line per sentence of the source with a date or a term. For each: decide whether it is a',
    '# line (then fill in every TODO, give it a stable id and a title) or not (then move its sentence to',
    '# uncited: with the reason); merge lines that say the same; turn relative steps into chains.',
    '# Then: npm run calendars:check and npm run calendars:coverage until both pass.',
    `insurer: ${options.insurer}`,
    'insurerName: TODO',
    `year: ${options.year}`,
    'sector: geboortezorg',
    'version: 1',
    'changes:',
    `  - { version: 1, date: "${options.today}", what: First version, why: "TODO: the new document", checkedBy: TODO }`,
    'document:',
    '  title: TODO',
    '  publisher: TODO',
    '  url: "TODO (or obtained: how the text was obtained)"',
    `  source: ${options.sourceFile}`,
    ...(options.repairs?.length ? ['  repairs:', ...options.repairs.map((repair) => `    - ${inline(repair)}`)] : []),
    ...(options.bullets?.length ? [`  bullets: ${inline(options.bullets)}`] : []),
    'contact: TODO',
    '',
    'milestones:',
  ];
  for (const candidate of candidates) {
    const where =
      candidate.heading && candidate.heading !== candidate.section
        ? `${candidate.section} ${candidate.heading}`
        : candidate.section;
    out.push('');
    out.push(`  # ${where}, source line ${candidate.line}; wording: ${candidate.wording.join(', ')}`);
    out.push('  # TODO: actor (provider: a deadline | insurer: a promise), appliesTo kinds and status, title, id');
    for (const todo of candidate.todos) out.push(`  # TODO: ${todo}`);
    out.push(`  - id: ${candidate.id}`);
    out.push('    title: { nl: TODO, en: TODO }');
    out.push('    actor: TODO');
    out.push('    appliesTo: { kinds: [TODO], status: [TODO] }');
    out.push(`    rule: ${candidate.rule ? inline(candidate.rule) : 'TODO'}`);
    out.push(`    source: ${inline({ section: candidate.section, quote: candidate.quote })}`);
  }
  return `${out.join('\n')}\n`;
}
