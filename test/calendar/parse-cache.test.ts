import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { CALENDARS_DIR } from '../../src/calendar/load.js';
import { parsedAtBuild, writeParseCache, yamlData } from '../../src/calendar/parse-cache.js';

const dir = mkdtempSync(join(tmpdir(), 'gzd-parse-cache-'));
const cacheFile = join(dir, 'calendars.parsed.json');
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('calendars parsed at build time', () => {
  const written = writeParseCache(CALENDARS_DIR, cacheFile);
  const cz = readFileSync(join(CALENDARS_DIR, 'cz-groep/2027-geboortezorg.yaml'), 'utf8');

  it('holds every YAML text of calendars/ as the parser reads it', () => {
    expect(written).toBe(5); // two calendars, the decree days, the legal rules and the insurer registry
    for (const file of ['legal.yaml', 'insurers.yaml']) {
      const text = readFileSync(join(CALENDARS_DIR, file), 'utf8');
      expect(parsedAtBuild(text, cacheFile)).toEqual(yamlData(text));
    }
    expect(parsedAtBuild(cz, cacheFile)).toEqual(yamlData(cz));
    const decree = readFileSync(join(CALENDARS_DIR, 'decree-days.yaml'), 'utf8');
    expect(parsedAtBuild(decree, cacheFile)).toEqual(yamlData(decree));
  });

  it('gives nothing for a text that changed by one character, so it is parsed again', () => {
    expect(parsedAtBuild(cz.replace('2027', '2028'), cacheFile)).toBeUndefined();
    expect(parsedAtBuild(`${cz} `, cacheFile)).toBeUndefined();
  });

  it('gives each load its own copy', () => {
    const first = parsedAtBuild(cz, cacheFile) as { milestones: unknown[] };
    first.milestones.length = 0;
    expect((parsedAtBuild(cz, cacheFile) as { milestones: unknown[] }).milestones.length).toBeGreaterThan(0);
  });
});
