import { GROUP_WORDS } from '../domain/groups.js';
import { STATUS_WORDS } from '../domain/status-words.js';
import type { RecordingProblem } from '../domain/recording.js';
import type { TimelineItem } from '../domain/types.js';
import { catalogues, type Language } from '../domain/language.js';

/** The terminal's width the table keeps to unless --wide: wide enough for a date, a status and a title. */
export const DEFAULT_COLUMNS = 120;

const WORDS = catalogues(
  {
    headers: {
      id: 'id',
      due: 'datum',
      window: 'periode',
      status: 'status',
      who: 'wie',
      what: 'wat',
      flags: 'let op',
      section: 'par.',
      how: 'berekening',
    },
    who: { provider: 'u', insurer: 'verzekeraar' },
    projected:
      '* voorlopig: rust op een stap die nog niet is vastgelegd; — geen datum tot de stap ervoor is vastgelegd',
    narrow: '(ingekort tot 120 tekens; --wide toont alle kolommen, ook de berekening)',
    items: 'items',
    asOf: 'op',
  },
  {
    headers: {
      id: 'id',
      due: 'due',
      window: 'window',
      status: 'status',
      who: 'who',
      what: 'what',
      flags: 'flags',
      section: 'section',
      how: 'derivation',
    },
    who: { provider: 'you', insurer: 'insurer' },
    projected:
      '* provisional: rests on a step that is not recorded yet; — no date until the step it waits for is recorded',
    narrow: '(cut to 120 columns; --wide shows every column, the derivation too)',
    items: 'items',
    asOf: 'as of',
  },
);

type Column = keyof (typeof WORDS)['nl']['headers'];
const NARROW: Column[] = ['due', 'window', 'status', 'what'];
const WIDE: Column[] = ['id', 'due', 'window', 'status', 'who', 'what', 'flags', 'section', 'how'];

/** Status words short enough for a column: the shared words up to their first colon or parenthesis. */
function statusWord(item: TimelineItem, language: Language): string {
  // An expected date (next year, not yet published) says so, in the words of its group on every surface.
  if (item.expected) return GROUP_WORDS.expected[language].toLowerCase();
  const word = STATUS_WORDS[item.status][language].split(/[:(]/)[0]!.trim();
  return word + (item.projected ? '*' : '');
}

/** The timeline as table lines: at most `DEFAULT_COLUMNS` wide (the title cut with …) unless `wide`. */
export function timelineTable(
  rows: readonly TimelineItem[],
  options: { language: Language; wide: boolean; insurerName: (id: string) => string; manyInsurers: boolean },
): string[] {
  const words = WORDS[options.language];
  const columns = options.wide ? WIDE : NARROW;
  const cells = rows.map((item): Record<Column, string> => ({
    id: item.id,
    due: (item.due ?? '—') + (item.time ? ` ${item.time}` : ''),
    window: item.window ? `${item.window.from}…${item.window.to}` : '',
    status: statusWord(item, options.language),
    who: words.who[item.actor],
    what: `${options.manyInsurers ? `${options.insurerName(item.insurer)}: ` : ''}${item.title[options.language]}`,
    flags: item.flags.map((f) => (f.code === 'weekend' ? f.day : f.name) + ` → ${f.lastWorkingDay}`).join('; '),
    section: item.source.section,
    how: item.derivation[options.language],
  }));
  const widths = columns.map((column) =>
    Math.max(words.headers[column].length, ...cells.map((row) => row[column].length)),
  );
  if (!options.wide) {
    // The title takes what the other columns leave of the width.
    const what = columns.indexOf('what');
    const others = widths.reduce((sum, width, i) => (i === what ? sum : sum + width), 0) + 2 * (columns.length - 1);
    widths[what] = Math.max(words.headers.what.length, Math.min(widths[what]!, DEFAULT_COLUMNS - others));
  }
  const fit = (text: string, width: number) => (text.length <= width ? text : `${text.slice(0, width - 1)}…`);
  const line = (values: string[]) =>
    values
      .map((value, i) => fit(value, widths[i]!).padEnd(widths[i]!))
      .join('  ')
      .trimEnd();
  return [
    line(columns.map((column) => words.headers[column])),
    line(widths.map((width) => '-'.repeat(width))),
    ...cells.map((row) => line(columns.map((column) => row[column]))),
    '',
    words.projected,
    ...(options.wide ? [] : [words.narrow]),
  ];
}

/** The table's heading line: calendars by insurer name, kinds, status, the day and the count. */
export function timelineHeading(
  calendars: readonly string[],
  kinds: readonly string[],
  status: string,
  asOf: string,
  count: number,
  language: Language,
): string {
  const words = WORDS[language];
  return `${calendars.join(', ')} · ${kinds.join('+')} · ${status} · ${words.asOf} ${asOf} · ${count} ${words.items}`;
}

/** Why an --event is refused, as the API says it (the same check, src/domain/recording.ts). */
export function eventProblemMessage(event: string, problem: RecordingProblem): string {
  switch (problem.kind) {
    case 'not-an-item':
      return `--event ${event}: not an item of this timeline (the --wide table's id column lists them)`;
    case 'not-a-date':
      return `--event ${event}: the date must be a real date YYYY-MM-DD`;
    case 'after-today':
      return `--event ${event}: the date must not be after --as-of (${problem.today})`;
    case 'too-early':
      return `--event ${event}: the date must be between ${problem.from} and ${problem.to}: not before ${problem.reason}`;
  }
}
