/**
 * The last lines of `npm run bench`: every target with the figure measured in this run and whether it is met,
 * printed and written to bench/README.md with the machine it ran on (the figures are never typed in by hand).
 *   npm run bench:summary
 */
import { writeFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { join } from 'node:path';
import { keptTargets } from './report.js';

const kept = keptTargets();
const machine = `${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, ${(totalmem() / 2 ** 30).toFixed(0)} GB, Node ${process.versions.node}, ${process.platform} ${process.arch}`;
const rows = kept.flatMap((k) =>
  k.results.map((r) => ({
    bench: k.bench,
    at: k.at,
    what: r.what,
    target: r.target,
    measured: r.measured,
    met: r.met,
  })),
);
console.log(`\nTargets, ${machine}`);
console.table(rows.map(({ at: _at, met, ...row }) => ({ ...row, met: met ? 'yes' : 'NO' })));
const unmet = rows.filter((r) => !r.met).length;
const verdict =
  kept.length === 0 ? 'No bench has reported yet.' : unmet === 0 ? 'Every target met.' : `${unmet} target(s) not met.`;
console.log(verdict);

if (kept.length > 0) {
  const cell = (text: string) => text.replaceAll('|', '\\|');
  const markdown = [
    '# Benchmark figures',
    '',
    'Written by `npm run bench` (bench/summary.ts) at the end of its last run; do not edit by hand.',
    '',
    `- Machine: ${machine}`,
    `- Load average when the summary was written: ${loadavg()
      .map((l) => l.toFixed(2))
      .join(', ')}`,
    `- Run: ${kept[0]!.at} to ${kept.at(-1)!.at}`,
    '',
    '| bench | what | target | measured | met |',
    '| --- | --- | --- | --- | --- |',
    ...rows.map(
      (r) => `| ${r.bench} | ${cell(r.what)} | ${cell(r.target)} | ${cell(r.measured)} | ${r.met ? 'yes' : 'NO'} |`,
    ),
    '',
    verdict,
    '',
  ].join('\n');
  writeFileSync(join(import.meta.dirname, 'README.md'), markdown);
}
