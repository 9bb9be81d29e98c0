import { cpus, loadavg, totalmem } from 'node:os';
import type { KeptTargets } from './report.js';

/** The machine a run measured: CPU model and cores, memory, Node, and the load when each bench started. */
export interface Machine {
  cpu: string;
  cores: number;
  memoryGb: number;
  node: string;
  platform: string;
  /** Load average (1, 5, 15 minutes) when the summary is written. */
  loadNow: number[];
}

export function thisMachine(): Machine {
  return {
    cpu: cpus()[0]?.model.trim() ?? 'unknown CPU',
    cores: cpus().length,
    memoryGb: totalmem() / 2 ** 30,
    node: process.versions.node,
    platform: `${process.platform} ${process.arch}`,
    loadNow: loadavg(),
  };
}

const loads = (load: readonly number[] | undefined) => (load ? load.map((l) => l.toFixed(2)).join(', ') : 'not kept');
/** The load average at a bench's start, with how busy the cores were then and how long it waited for them (settle). */
const atStart = (k: KeptTargets) =>
  `${k.loadAtStart?.[0]?.toFixed(2) ?? '-'}` +
  (k.quietAtStart === undefined
    ? ''
    : ` (${Math.round(100 * k.quietAtStart.busy)} % busy, waited ${k.quietAtStart.waitedS.toFixed(0)} s)`);
const cell = (text: string) => text.replaceAll('|', '\\|').replaceAll('\n', ' ');

/** Every kept target beside its ceiling, met or not, with the machine: bench/README.md's text and a verdict. */
export function summaryMarkdown(kept: readonly KeptTargets[], machine: Machine): { markdown: string; verdict: string } {
  const rows = kept.flatMap((k) => k.results.map((r) => ({ bench: k.bench, ...r })));
  const unmet = rows.filter((r) => !r.met).length;
  const verdict =
    kept.length === 0
      ? 'No bench has reported yet.'
      : unmet === 0
        ? 'Every target met.'
        : `${unmet} target(s) not met.`;
  const markdown = [
    '# Benchmark figures',
    '',
    'Written by `npm run bench` (bench/summary.ts) at the end of its last run; do not edit by hand.',
    '',
    `- CPU: ${machine.cpu}, ${machine.cores} cores`,
    `- Memory: ${machine.memoryGb.toFixed(1)} GB`,
    `- Node: ${machine.node} (${machine.platform})`,
    `- Load average (1, 5, 15 min) at the start of the run: ${loads(kept[0]?.loadAtStart)}; when this was written: ${loads(machine.loadNow)}`,
    `- Run: ${kept[0]?.at ?? '-'} to ${kept.at(-1)?.at ?? '-'}`,
    '',
    '| bench | load at its start (cores busy, wait) | what | ceiling | measured | met |',
    '| --- | --- | --- | --- | --- | --- |',
    ...kept.flatMap((k) =>
      k.results.map(
        (r) =>
          `| ${k.bench} | ${atStart(k)} | ${cell(r.what)} | ${cell(r.target)} | ${cell(r.measured)} | ${r.met ? 'yes' : 'NO'} |`,
      ),
    ),
    '',
    verdict,
    '',
  ].join('\n');
  return { markdown, verdict };
}
