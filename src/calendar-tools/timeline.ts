import { parseArgs } from 'node:util';
import { loadCalendarSet } from '../calendar/load.js';
import { todayInAmsterdam } from '../clock.js';
import { isLanguage, LANGUAGES, type Language } from '../domain/language.js';
import { isValidPlainDate } from '../domain/plain-date.js';
import { recordingProblems } from '../domain/recording.js';
import { computeTimeline } from '../domain/timeline.js';
import {
  CONTRACT_STATUSES,
  PROVIDER_KINDS,
  type ContractStatus,
  type ProviderKind,
  type RecordedEvent,
} from '../domain/types.js';
import { eventProblemMessage, timelineHeading, timelineTable } from './timeline-table.js';

const usage = `Print a provider archetype's timeline as a table (at most 120 columns; --wide for every column).

  npm run timeline -- --insurer cz-groep --year 2027 --kind kraamzorg --status new
  npm run timeline -- --contract cz-groep:2027 --contract vgz:2027 --kind verloskunde
      [--as-of YYYY-MM-DD] [--attr name=value]... [--event ITEM_ID=YYYY-MM-DD]... [--runs-until YEAR]
      [--lang nl|en] [--wide]

Leave out --insurer to see every calendar that has the kind. --contract names any insurer of the registry
(calendars/insurers.yaml) and contract year, with or without a document: her practice as she holds it. Kinds: ${PROVIDER_KINDS.join(', ')}.
Each --event is checked as the API checks it: an item of this timeline, a real date, within the step's bounds.`;

function fail(message: string): never {
  console.error(`${message}\n\n${usage}`);
  process.exit(2);
}

let values;
try {
  values = parseArgs({
    options: {
      insurer: { type: 'string' },
      contract: { type: 'string', multiple: true, default: [] },
      year: { type: 'string' },
      kind: { type: 'string', multiple: true },
      status: { type: 'string', default: 'existing' },
      'as-of': { type: 'string' },
      attr: { type: 'string', multiple: true, default: [] },
      event: { type: 'string', multiple: true, default: [] },
      'runs-until': { type: 'string' },
      lang: { type: 'string', default: 'nl' },
      wide: { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    },
  }).values;
} catch (error) {
  fail((error as Error).message);
}

if (values.help) {
  console.log(usage);
  process.exit(0);
}
if (!isLanguage(values.lang)) fail(`--lang is ${LANGUAGES.join(' or ')}, not "${values.lang}"`);
const language: Language = values.lang;
const kinds = values.kind ?? fail('--kind is required');
for (const kind of kinds) if (!PROVIDER_KINDS.includes(kind as ProviderKind)) fail(`unknown kind "${kind}"`);
if (!CONTRACT_STATUSES.includes(values.status as ContractStatus)) fail('--status is existing or new');
const asOf = values['as-of'] ?? todayInAmsterdam(process.env.TODAY);
if (!isValidPlainDate(asOf)) fail(`--as-of "${asOf}" is not a date`);
if (values['runs-until'] !== undefined && !/^\d{4}$/.test(values['runs-until']))
  fail(`--runs-until is a year, e.g. 2028, not "${values['runs-until']}"`);

const calendars = loadCalendarSet();
const selected = calendars
  .all()
  .filter(
    (c) =>
      (values.insurer === undefined || c.file.insurer === values.insurer) &&
      (values.year === undefined || String(c.file.year) === values.year),
  );
// Her contracts as she holds them (any registered insurer and year), or the encoded calendars asked for.
const known = calendars.knownInsurers();
const held =
  values.contract.length === 0
    ? selected.map((c) => ({ insurer: c.file.insurer, year: c.file.year }))
    : values.contract.map((spec) => {
        const match = /^([a-z0-9]+(?:-[a-z0-9]+)*):(\d{4})$/.exec(spec);
        if (!match) fail(`--contract "${spec}" is INSURER:YEAR, e.g. vgz:2027`);
        if (!known.includes(match[1])) fail(`unknown insurer "${match[1]}"; known: ${known.join(', ')}`);
        return { insurer: match[1], year: Number(match[2]) };
      });
if (values.contract.length > 0 && (values.insurer !== undefined || values.year !== undefined))
  fail('--contract names insurer and year itself: leave out --insurer and --year');
if (held.length === 0) fail(`no calendar for ${values.insurer ?? 'any insurer'} ${values.year ?? ''}`.trim());

const attributes = Object.fromEntries(
  values.attr.map((pair) => {
    const [name, value] = pair.split('=');
    if (!name || value === undefined) fail(`--attr "${pair}" is name=value`);
    return [name, value === 'true' ? true : value === 'false' ? false : value];
  }),
);
const runsUntil = values['runs-until'] === undefined ? undefined : Number(values['runs-until']);
const provider = {
  kinds: kinds as ProviderKind[],
  contracts: held.map((c) => ({
    insurer: c.insurer,
    year: c.year,
    status: values.status as ContractStatus,
    attributes,
    runsUntil,
  })),
};
// Each event is checked with the ones before it recorded, in the order given, as the API would take them.
const events: RecordedEvent[] = [];
for (const pair of values.event) {
  const at = pair.lastIndexOf('=');
  if (at <= 0) fail(`--event "${pair}" is ITEM_ID=YYYY-MM-DD`);
  const item = pair.slice(0, at);
  const date = pair.slice(at + 1);
  const problems = recordingProblems(provider, calendars, events, item, date, asOf);
  if (problems.length > 0) fail(problems.map((problem) => eventProblemMessage(pair, problem)).join('\n'));
  events.push({ item, date });
}

const items = computeTimeline(provider, calendars, events, asOf, { expected: true });
console.log(
  timelineHeading(
    held.map((c) => `${calendars.insurerName(c.insurer)} ${c.year}`),
    kinds,
    values.status,
    asOf,
    items.length,
    language,
  ) + '\n',
);
for (const line of timelineTable(items, {
  language,
  wide: values.wide,
  insurerName: (id) => calendars.insurerName(id),
  manyInsurers: new Set(items.map((item) => item.insurer)).size > 1,
}))
  console.log(line);
