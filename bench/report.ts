import { readFileSync } from 'node:fs';

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
  const line = readFileSync(`/proc/${pid}/status`, 'utf8').split('\n').find((l) => l.startsWith('VmRSS:'))!;
  return Number(line.replace(/\D+/g, '')) * 1024;
}
