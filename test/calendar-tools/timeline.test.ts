import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../process.js';

/** `npm run timeline` as a newcomer runs it: the real calendars, a child process, its output and exit code. */
function timeline(...args: string[]) {
  const child = spawnSync(process.execPath, ['--import', 'tsx', 'src/calendar-tools/timeline.ts', ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    env: { ...process.env, TODAY: '2026-12-02' },
  });
  return { code: child.status, out: child.stdout, err: child.stderr };
}
const widest = (text: string) => Math.max(...text.split('\n').map((line) => [...line].length));
const CZ_NEW = ['--insurer', 'cz-groep', '--kind', 'verloskunde', '--status', 'new', '--as-of', '2027-03-12'];
const STEP = 'cz-groep/2027/open-instroom/aanmelding';

describe('npm run timeline', () => {
  it('keeps to 120 columns by default, every insurer named, and shows every column with --wide', () => {
    const narrow = timeline('--kind', 'verloskunde', '--status', 'existing', '--as-of', '2026-10-20');
    expect(narrow.code).toBe(0);
    expect(widest(narrow.out)).toBeLessThanOrEqual(120);
    expect(narrow.out).toContain('Zorg en Zekerheid: ');
    expect(narrow.out).not.toContain('zorg-en-zekerheid: ');
    const wide = timeline('--kind', 'verloskunde', '--status', 'existing', '--as-of', '2026-10-20', '--wide');
    expect(wide.code).toBe(0);
    expect(widest(wide.out)).toBeGreaterThan(120);
    expect(wide.out).toContain('berekening');
    expect(wide.out).toContain('cz-groep/2027/');
  });

  it('speaks one language throughout: headers, status words and notes', () => {
    const nl = timeline(...CZ_NEW);
    const en = timeline(...CZ_NEW, '--lang', 'en');
    expect(nl.out).toMatch(/^datum\s+periode\s+status\s+wat$/m);
    expect(nl.out).toContain('op 2027-03-12');
    expect(nl.out).toMatch(/niet vastgelegd|voorbij/);
    expect(nl.out).not.toMatch(/\bpassed\b|as of/);
    expect(en.out).toMatch(/^due\s+window\s+status\s+what$/m);
    expect(en.out).toContain('as of 2027-03-12');
    expect(en.out).not.toMatch(/\bvoorbij\b|niet vastgelegd|berekening/);
    expect(timeline(...CZ_NEW, '--lang', 'de').err).toContain('--lang is nl or en');
  });

  it('checks every --event as the API does: a clear error and exit 2, never silence', () => {
    const unknown = timeline(...CZ_NEW, '--event', 'cz-groep/2027/bestaat-niet=2027-03-01');
    expect(unknown.code).toBe(2);
    expect(unknown.err).toContain('not an item of this timeline');
    const impossible = timeline(...CZ_NEW, '--event', `${STEP}=2027-02-30`);
    expect(impossible.code).toBe(2);
    expect(impossible.err).toContain('must be a real date');
    const early = timeline(...CZ_NEW, '--event', `${STEP}=2020-01-01`);
    expect(early.code).toBe(2);
    expect(early.err).toMatch(/must be between 2027-01-01 and 2027-03-12/);
    const later = timeline(...CZ_NEW, '--event', `${STEP}=2027-03-13`);
    expect(later.code).toBe(2);
    expect(later.err).toContain('not be after --as-of (2027-03-12)');
    expect(timeline(...CZ_NEW, '--event', 'no-date').err).toContain('is ITEM_ID=YYYY-MM-DD');
    const recorded = timeline(...CZ_NEW, '--event', `${STEP}=2027-03-10`);
    expect(recorded.code).toBe(0);
    expect(recorded.out).toMatch(/gedaan/);
  });

  it('shows her practice as she holds it with --contract: any registered insurer, the years ahead, expected dates marked', () => {
    const practice = timeline(
      ...['--contract', 'cz-groep:2027', '--contract', 'zorg-en-zekerheid:2026', '--contract', 'vgz:2027'],
      ...['--kind', 'verloskunde', '--as-of', '2026-12-02'],
    );
    expect(practice.code, practice.err).toBe(0);
    expect(practice.out).toContain('CZ 2027, Zorg en Zekerheid 2026, VGZ 2027');
    expect(practice.out).toMatch(/^2027-11-12\s+gepland\s+VGZ: Controleer of u bij VGZ/m);
    expect(practice.out).toMatch(
      /^2027-11-01\s+verwacht \(nog niet gepubliceerd\)\s+CZ: Overeenkomst 2028 ondertekenen/m,
    );
    // On 2 December 2026 nothing of a closed round is late.
    expect(practice.out).not.toMatch(/te laat/);
    const unknown = timeline('--contract', 'acme:2027', '--kind', 'verloskunde');
    expect(unknown.code).toBe(2);
    expect(unknown.err).toContain('unknown insurer "acme"');
    const malformed = timeline('--contract', 'vgz-2027', '--kind', 'verloskunde');
    expect(malformed.code).toBe(2);
    expect(malformed.err).toContain('is INSURER:YEAR');
  });
});
