/**
 * Timeline computation: 10,000 providers × every calendar, on one core.
 * Target (issue 13): ≥ 40,000 provider timelines per second. The first run (cold: JIT, and the placements and
 * derivations kept per calendar line and base date) is printed apart; the target is on the median of the rest.
 *   npm run bench:timeline [-- --providers 10000 --runs 5]
 */
import { parseArgs } from 'node:util';
import { loadCalendarSet } from '../src/calendar/load.js';
import { computeTimeline } from '../src/domain/timeline.js';
import { addDays } from '../src/domain/plain-date.js';
import { PROVIDER_KINDS, type Provider, type RecordedEvent } from '../src/domain/types.js';
import { reportTargets, settle } from './report.js';

const { values } = parseArgs({
  options: { providers: { type: 'string', default: '10000' }, runs: { type: 'string', default: '5' } },
});
// Measured on a quiet machine: what the bench before this one left running is waited out.
await settle();
const providerCount = Number(values.providers);
const runs = Number(values.runs);
const calendars = loadCalendarSet();
const all = calendars.all();

/** A deterministic pseudo-random sequence, so every run measures the same population. */
function random(seed: number): () => number {
  let state = seed;
  return () => (state = (state * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
}
const next = random(42);
const pick = <T>(values: readonly T[]): T => values[Math.floor(next() * values.length)];

const triggerIds = all.flatMap((calendar) => calendar.lines.filter((line) => line.trigger).map((line) => line.itemId));
const population: { provider: Provider; events: RecordedEvent[] }[] = [];
for (let i = 0; i < providerCount; i++) {
  const kinds = [...new Set([pick(PROVIDER_KINDS), ...(next() < 0.3 ? [pick(PROVIDER_KINDS)] : [])])];
  const provider: Provider = {
    kinds,
    contracts: all.map((calendar) => ({
      insurer: calendar.file.insurer,
      year: calendar.file.year,
      status: next() < 0.8 ? 'existing' : 'new',
    })),
  };
  // A third of the providers have started a chain; their steps are computed from recorded dates.
  const events =
    next() < 0.33 ? [{ item: pick(triggerIds), date: addDays('2026-01-01', Math.floor(next() * 500)) }] : [];
  population.push({ provider, events });
}

const asOf = '2026-11-23';
const TARGET = 40_000;
const timings: number[] = [];
let cold = 0;
let items = 0;
for (let run = 0; run < runs + 1; run++) {
  items = 0;
  const started = process.hrtime.bigint();
  for (const { provider, events } of population) items += computeTimeline(provider, calendars, events, asOf).length;
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  if (run > 0) timings.push(providerCount / seconds);
  else cold = providerCount / seconds;
}
timings.sort((a, b) => a - b);
const median = timings[Math.floor(timings.length / 2)];
console.log('timeline computation (one core)');
console.table({
  calendars: { value: all.map((c) => c.key).join(', ') },
  providers: { value: providerCount },
  'items per run': { value: items },
  'runs (after warm-up)': { value: runs },
  'timelines/s (median)': { value: Math.round(median) },
  'first run, caches cold (timelines/s)': { value: Math.round(cold) },
  'timelines/s (min … max)': { value: `${Math.round(timings[0])} … ${Math.round(timings[timings.length - 1])}` },
});
reportTargets('timeline', [
  {
    what: 'timeline computation, one core (median of runs)',
    target: `≥ ${TARGET.toLocaleString('en')} timelines/s`,
    measured: `${Math.round(median).toLocaleString('en')}/s`,
    met: median >= TARGET,
  },
]);
