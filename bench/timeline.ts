/**
 * Timeline computation: 10,000 providers × every calendar, on one core.
 * Target (issue 13): ≥ 40,000 provider timelines per second, for the engine as the service runs it: the build in
 * dist (`npm run build` first). The same engine from source through tsx is measured after it and printed beside it:
 * tsx names every nested function with a call (esbuild's keepNames), which the engine pays each time it makes one.
 * The first run (cold: JIT, and the placements and derivations kept per calendar line and base date) is printed
 * apart; the target is on the median of the rest.
 *   npm run bench:timeline [-- --providers 10000 --runs 5]
 */
import { parseArgs } from 'node:util';
import type { CompiledCalendar } from '../src/domain/calendar.js';
import { PROVIDER_KINDS, type Provider, type RecordedEvent } from '../src/domain/types.js';
import { reportTargets, settle } from './report.js';

type Engine = {
  loadCalendarSet: typeof import('../src/calendar/load.js').loadCalendarSet;
  computeTimeline: typeof import('../src/domain/timeline.js').computeTimeline;
  addDays: typeof import('../src/domain/plain-date.js').addDays;
};
/** The engine's modules from `dist` (compiled JavaScript) or `src` (TypeScript through tsx), each with its own caches. */
async function engine(from: 'dist' | 'src'): Promise<Engine> {
  const [load, timeline, plainDate] = await Promise.all([
    import(`../${from}/calendar/load.js`),
    import(`../${from}/domain/timeline.js`),
    import(`../${from}/domain/plain-date.js`),
  ]);
  return {
    loadCalendarSet: load.loadCalendarSet,
    computeTimeline: timeline.computeTimeline,
    addDays: plainDate.addDays,
  } as Engine;
}

const { values } = parseArgs({
  options: { providers: { type: 'string', default: '10000' }, runs: { type: 'string', default: '5' } },
});
// Measured on a quiet machine: what the bench before this one left running is waited out.
await settle();
const providerCount = Number(values.providers);
const runs = Number(values.runs);
const asOf = '2026-11-23';
const TARGET = 40_000;
const SEED = 42;

/** A deterministic pseudo-random sequence, so every run measures the same population. */
function random(seed: number): () => number {
  let state = seed;
  return () => (state = (state * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
}

/** The same population every run (seeded), built with the engine's own calendars. */
function populationOf({ addDays }: Engine, all: readonly CompiledCalendar[]) {
  const next = random(SEED);
  const pick = <T>(values: readonly T[]): T => values[Math.floor(next() * values.length)]!;
  const triggerIds = all.flatMap((calendar) =>
    calendar.lines.filter((line) => line.trigger).map((line) => line.itemId),
  );
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
  return population;
}

/** Timelines per second over `runs` runs after a cold one, and the calendars and items of a run. */
function measure(from: 'dist' | 'src', built: Engine) {
  const calendars = built.loadCalendarSet();
  const all = calendars.all();
  const population = populationOf(built, all);
  const timings: number[] = [];
  let cold = 0;
  let items = 0;
  for (let run = 0; run < runs + 1; run++) {
    items = 0;
    const started = process.hrtime.bigint();
    for (const { provider, events } of population)
      items += built.computeTimeline(provider, calendars, events, asOf).length;
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    if (run > 0) timings.push(providerCount / seconds);
    else cold = providerCount / seconds;
  }
  timings.sort((a, b) => a - b);
  const median = timings[Math.floor(timings.length / 2)]!;
  console.log(`timeline computation (one core), the engine from ${from}`);
  console.table({
    calendars: { value: all.map((c) => c.key).join(', ') },
    providers: { value: providerCount },
    'items per run': { value: items },
    'runs (after warm-up)': { value: runs },
    'timelines/s (median)': { value: Math.round(median) },
    'first run, caches cold (timelines/s)': { value: Math.round(cold) },
    'timelines/s (min … max)': { value: `${Math.round(timings[0]!)} … ${Math.round(timings[timings.length - 1]!)}` },
  });
  return { median, items };
}

const shipped = measure('dist', await engine('dist'));
const source = measure('src', await engine('src'));
// Both engines must compute the same timelines: otherwise the build is stale (run `npm run build`).
if (shipped.items !== source.items)
  throw new Error(`dist computed ${shipped.items} items, src ${source.items}: rebuild dist (npm run build)`);
const median = shipped.median;
reportTargets('timeline', [
  {
    what: 'timeline computation, one core, the built engine (median of runs)',
    target: `≥ ${TARGET.toLocaleString('en')} timelines/s`,
    measured: `${Math.round(median).toLocaleString('en')}/s (from source through tsx: ${Math.round(source.median).toLocaleString('en')}/s)`,
    met: median >= TARGET,
  },
]);
