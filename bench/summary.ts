/**
 * The last lines of `npm run bench`: every target with the figure measured in this run and whether it is met.
 *   npm run bench:summary
 */
import { cpus, totalmem } from 'node:os';
import { keptTargets } from './report.js';

const kept = keptTargets();
console.log(
  `\nTargets (issue 13), ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, ${(totalmem() / 2 ** 30).toFixed(0)} GB, Node ${process.versions.node}`,
);
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
const unmet = kept.flatMap((k) => k.results).filter((r) => !r.met).length;
console.log(
  kept.length === 0 ? 'No bench has reported yet.' : unmet === 0 ? 'Every target met.' : `${unmet} target(s) not met.`,
);
