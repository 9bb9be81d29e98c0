/**
 * The last lines of `npm run bench`: every target with the figure measured in this run and whether it is met,
 * printed and written to bench/README.md with the machine it ran on (the figures are never typed in by hand).
 *   npm run bench:summary [-- --results DIR --out FILE]
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { keptTargets, RESULTS_DIR } from './report.js';
import { summaryMarkdown, thisMachine } from './summary-writer.js';

const { values } = parseArgs({
  options: {
    results: { type: 'string', default: RESULTS_DIR },
    out: { type: 'string', default: join(import.meta.dirname, 'README.md') },
  },
});
const kept = keptTargets(values.results);
const machine = thisMachine();
console.log(`\nTargets, ${machine.cores} × ${machine.cpu}, Node ${machine.node}`);
console.table(
  kept.flatMap((k) =>
    k.results.map((r) => ({
      bench: k.bench,
      what: r.what,
      target: r.target,
      measured: r.measured,
      met: r.met ? 'yes' : 'NO',
    })),
  ),
);
const { markdown, verdict } = summaryMarkdown(kept, machine);
console.log(verdict);
if (kept.length > 0) writeFileSync(values.out, markdown);
