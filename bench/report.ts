import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';

/** The middle value of a set of runs (the mean of the two middle ones for an even count). */
export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

/** One benchmark's figures as a two-column table under a title. */
export function table(title: string, rows: Record<string, string | number>): void {
  console.log(`\n${title}`);
  console.table(Object.fromEntries(Object.entries(rows).map(([name, value]) => [name, { value }])));
}

/** Resident set size of a process in bytes (Linux). */
export function residentSetBytes(pid: number): number {
  const line = readFileSync(`/proc/${pid}/status`, 'utf8')
    .split('\n')
    .find((l) => l.startsWith('VmRSS:'))!;
  return Number(line.replace(/\D+/g, '')) * 1024;
}

/** One target of issue 13 with the figure measured in this run. */
export interface TargetResult {
  what: string;
  target: string;
  measured: string;
  met: boolean;
}

export const RESULTS_DIR = join(import.meta.dirname, '.results');
/** The machine's load when this bench started (1, 5 and 15 minutes): other work on the cores slows every figure. */
let loadAtStart = loadavg();

/** How quiet the machine was when a bench began measuring (`settle`). */
export interface Quiet {
  /** Seconds waited for the cores to go quiet. */
  waitedS: number;
  /** Share of all cores' time spent busy (iowait counted) over the last second before measuring. */
  busy: number;
}
let quietAtStart: Quiet | undefined;

/** At most this share of the cores busy over a second, twice running, is a quiet machine. */
const QUIET_BUSY = 0.1;
const QUIET_TIMEOUT_S = 60;

/** The machine's CPU time so far (Linux /proc/stat): busy and all, in clock ticks. */
function cpuTicks(): { busy: number; all: number } {
  const fields = readFileSync('/proc/stat', 'utf8').split('\n')[0]!.trim().split(/\s+/).slice(1).map(Number);
  // user nice system idle iowait irq softirq steal: idle alone is not busy (iowait is: a disk still writing back).
  const all = fields.slice(0, 8).reduce((sum, ticks) => sum + ticks, 0);
  return { busy: all - fields[3]!, all };
}

/**
 * Waits until the machine is quiet (at most QUIET_BUSY of the cores busy over a second, twice running; at most 60 s),
 * then takes the load average this bench reports. The bench before leaves work behind (children exiting, a deleted
 * database written back): measured on top of it, start-up took 924 ms where a quiet machine gives 705.
 */
export async function settle(): Promise<Quiet> {
  const started = performance.now();
  let quietSeconds = 0;
  let busy = 1;
  while (quietSeconds < 2 && performance.now() - started < QUIET_TIMEOUT_S * 1000) {
    const before = cpuTicks();
    await new Promise((resolve) => setTimeout(resolve, 1000));
    const after = cpuTicks();
    busy = (after.busy - before.busy) / Math.max(1, after.all - before.all);
    quietSeconds = busy <= QUIET_BUSY ? quietSeconds + 1 : 0;
  }
  const quiet = { waitedS: (performance.now() - started) / 1000, busy };
  // A bench that settles before each of its parts reports how it began.
  if (quietAtStart === undefined) [quietAtStart, loadAtStart] = [quiet, loadavg()];
  const state = quietSeconds >= 2 ? 'quiet' : `still busy after ${QUIET_TIMEOUT_S} s`;
  console.log(`machine ${state}: ${Math.round(100 * busy)} % busy, waited ${quiet.waitedS.toFixed(0)} s`);
  return quiet;
}

/** What one bench kept: its targets, when it finished, and the load average and quiet when it started. */
export interface KeptTargets {
  bench: string;
  at: string;
  loadAtStart?: number[];
  quietAtStart?: Quiet;
  results: TargetResult[];
}

/**
 * Prints a benchmark's targets beside its measured figures, and keeps them for `bench/summary.ts`
 * (which `npm run bench` runs last, so one run ends with every target and whether it is met).
 */
export function reportTargets(bench: string, results: TargetResult[]): void {
  console.log(`\n${bench}: targets`);
  console.table(
    results.map((r) => ({ what: r.what, target: r.target, measured: r.measured, met: r.met ? 'yes' : 'NO' })),
  );
  mkdirSync(RESULTS_DIR, { recursive: true });
  const kept: KeptTargets = { bench, at: new Date().toISOString(), loadAtStart, quietAtStart, results };
  writeFileSync(join(RESULTS_DIR, `${bench}.json`), JSON.stringify(kept, null, 2));
}

/** Every bench's kept targets, oldest bench first. */
export function keptTargets(dir = RESULTS_DIR): KeptTargets[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .map((f) => JSON.parse(readFileSync(join(dir, f), 'utf8')) as KeptTargets)
    .sort((a, b) => a.at.localeCompare(b.at));
}
