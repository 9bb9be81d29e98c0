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
const loadAtStart = loadavg();

/** What one bench kept: its targets, when it finished, and the load average when it started. */
export interface KeptTargets {
  bench: string;
  at: string;
  loadAtStart?: number[];
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
  const kept: KeptTargets = { bench, at: new Date().toISOString(), loadAtStart, results };
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
