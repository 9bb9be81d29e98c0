import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { removeTempDir, tempDir } from '../helper.js';
import { ROOT } from '../process.js';

const dir = tempDir();
afterAll(() => removeTempDir(dir));

describe('npm run bench:summary', () => {
  it('writes the machine, the load and quiet at the start, and each figure beside its ceiling, met or not', () => {
    const results = join(dir, 'results');
    mkdirSync(results);
    const kept = (bench: string, at: string, loadAtStart: number[], met: boolean, quietAtStart?: object) => ({
      bench,
      at,
      loadAtStart,
      quietAtStart,
      results: [{ what: `${bench}: a | figure`, target: '≤ 1 s', measured: met ? '0.50 s' : '2.00 s', met }],
    });
    writeFileSync(join(results, 'b.json'), JSON.stringify(kept('startup', '2026-12-03T10:05:00Z', [0.5, 1, 1], false)));
    writeFileSync(
      join(results, 'a.json'),
      JSON.stringify(kept('reminders', '2026-12-03T10:00:00Z', [3.25, 2, 1], true, { waitedS: 12.4, busy: 0.071 })),
    );
    const out = join(dir, 'README.md');
    execFileSync(process.execPath, ['--import', 'tsx', 'bench/summary.ts', '--results', results, '--out', out], {
      cwd: ROOT,
      stdio: 'pipe',
    });
    const written = readFileSync(out, 'utf8');
    expect(written).toMatch(/^- CPU: .+, \d+ cores$/m);
    expect(written).toMatch(/^- Memory: \d+\.\d GB$/m);
    expect(written).toContain(`- Node: ${process.versions.node}`);
    expect(written).toContain('at the start of the run: 3.25, 2.00, 1.00;');
    expect(written).toContain(
      '| reminders | 3.25 (7 % busy, waited 12 s) | reminders: a \\| figure | ≤ 1 s | 0.50 s | yes |',
    );
    expect(written).toContain('| startup | 0.50 | startup: a \\| figure | ≤ 1 s | 2.00 s | NO |');
    expect(written).toContain('1 target(s) not met.');
  });
});
