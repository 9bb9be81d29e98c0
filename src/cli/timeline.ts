import { parseArgs } from 'node:util';
import { loadCalendarSet } from '../calendar/load.js';
import { todayInAmsterdam } from '../clock.js';
import { isValidPlainDate } from '../domain/plain-date.js';
import { computeTimeline } from '../domain/timeline.js';
import {
  CONTRACT_STATUSES,
  PROVIDER_KINDS,
  type ContractStatus,
  type ProviderKind,
  type TimelineItem,
} from '../domain/types.js';

const usage = `Print a provider archetype's timeline as a table.

  npm run timeline -- --insurer cz-groep --year 2027 --kind kraamzorg --status new
      [--as-of YYYY-MM-DD] [--attr name=value]... [--event ITEM_ID=YYYY-MM-DD]... [--runs-until YEAR] [--lang en]

Leave out --insurer to see every calendar that has the kind. Kinds: ${PROVIDER_KINDS.join(', ')}.`;

const { values } = parseArgs({
  options: {
    insurer: { type: 'string' },
    year: { type: 'string' },
    kind: { type: 'string', multiple: true },
    status: { type: 'string', default: 'existing' },
    'as-of': { type: 'string' },
    attr: { type: 'string', multiple: true, default: [] },
    event: { type: 'string', multiple: true, default: [] },
    'runs-until': { type: 'string' },
    lang: { type: 'string', default: 'nl' },
    help: { type: 'boolean', default: false },
  },
});

function fail(message: string): never {
  console.error(`${message}\n\n${usage}`);
  process.exit(2);
}

if (values.help) {
  console.log(usage);
  process.exit(0);
}
const kinds = values.kind ?? fail('--kind is required');
for (const kind of kinds) if (!PROVIDER_KINDS.includes(kind as ProviderKind)) fail(`unknown kind "${kind}"`);
if (!CONTRACT_STATUSES.includes(values.status as ContractStatus)) fail('--status is existing or new');
const asOf = values['as-of'] ?? todayInAmsterdam(process.env.TODAY);
if (!isValidPlainDate(asOf)) fail(`--as-of "${asOf}" is not a date`);

const calendars = loadCalendarSet();
const selected = calendars
  .all()
  .filter(
    (c) =>
      (values.insurer === undefined || c.file.insurer === values.insurer) &&
      (values.year === undefined || String(c.file.year) === values.year),
  );
if (selected.length === 0) fail(`no calendar for ${values.insurer ?? 'any insurer'} ${values.year ?? ''}`.trim());

const attributes = Object.fromEntries(
  values.attr.map((pair) => {
    const [name, value] = pair.split('=');
    return [name, value === 'true' ? true : value === 'false' ? false : value];
  }),
);
const runsUntil = values['runs-until'] === undefined ? undefined : Number(values['runs-until']);
const provider = {
  kinds: kinds as ProviderKind[],
  contracts: selected.map((c) => ({
    insurer: c.file.insurer,
    year: c.file.year,
    status: values.status as ContractStatus,
    attributes,
    runsUntil,
  })),
};
const events = values.event.map((pair) => {
  const [item, date] = pair.split('=');
  return { item, date };
});

const items = computeTimeline(provider, calendars, events, asOf);
const lang = values.lang === 'en' ? 'en' : 'nl';
console.log(
  `${selected.map((c) => c.key).join(', ')} · ${kinds.join('+')} · ${values.status} · as of ${asOf} · ${items.length} items\n`,
);
printTable(items, lang);

function printTable(rows: TimelineItem[], language: 'nl' | 'en'): void {
  const table = rows.map((item) => ({
    due: (item.due ?? '—') + (item.time ? ` ${item.time}` : ''),
    window: item.window ? `${item.window.from}…${item.window.to}` : '',
    status: item.status + (item.projected ? '*' : ''),
    who: item.actor,
    what: `${selected.length > 1 ? `${item.insurer}: ` : ''}${item.title[language]}${item.chain ? ` (${item.chain.id} #${item.chain.step})` : ''}`,
    flags: item.flags.map((f) => (f.code === 'weekend' ? f.day : f.name) + ` → ${f.lastWorkingDay}`).join('; '),
    section: item.source.section,
    how: item.derivation[language],
  }));
  const headers = Object.keys(table[0] ?? { due: '' }) as (keyof (typeof table)[number])[];
  const widths = headers.map((h) => Math.max(h.length, ...table.map((row) => row[h].length)));
  const line = (cells: string[]): string =>
    cells
      .map((cell, i) => cell.padEnd(widths[i]))
      .join('  ')
      .trimEnd();
  console.log(line(headers));
  console.log(line(widths.map((w) => '-'.repeat(w))));
  for (const row of table) console.log(line(headers.map((h) => row[h])));
  console.log(
    '\n* projected: rests on a step that is not recorded yet; — no date until the step it waits for is recorded',
  );
}
