import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { CALENDARS_DIR, loadCalendarSet } from '../../src/calendar/load.js';
import { removeTempDir, tempDir } from '../helper.js';

let dir: string | undefined;
afterEach(() => {
  if (dir) removeTempDir(dir);
  dir = undefined;
});

/** A copy of the real calendars folder with one file's text changed. */
function withChanged(file: string, change: (text: string) => string): string {
  dir = tempDir();
  const copy = join(dir, 'calendars');
  cpSync(CALENDARS_DIR, copy, { recursive: true });
  writeFileSync(join(copy, file), change(readFileSync(join(copy, file), 'utf8')));
  return copy;
}

describe('the rule file and the registry are validated at load', () => {
  it('loads the real ones: every encoded insurer registered under its calendar id, every statutory mark a rule', () => {
    const calendars = loadCalendarSet();
    expect(calendars.legal.rules.map((rule) => rule.id)).toContain('controle-gecontracteerd');
    expect(calendars.registered('cz-groep')?.name).toBe('CZ');
    expect(calendars.registered('zorg-en-zekerheid')).toBeDefined();
  });

  it('refuses a rule whose source is not a public https address', () => {
    const copy = withChanged('legal.yaml', (text) => text.replace('url: https://puc.', 'url: ftp://puc.'));
    expect(() => loadCalendarSet(copy)).toThrow(/legal\.yaml.*url/);
  });

  it('refuses a registry that lacks an insurer with a calendar', () => {
    const copy = withChanged('insurers.yaml', (text) => text.replace('id: cz-groep', 'id: cz'));
    expect(() => loadCalendarSet(copy)).toThrow(/no entry for "cz-groep"/);
  });

  it('refuses a calendar line marked with a rule the rule file does not have', () => {
    const copy = withChanged('cz-groep/2027-geboortezorg.yaml', (text) =>
      text.replace('statutory: publicatie-zorginkoopbeleid', 'statutory: publicatie-inkoopplan'),
    );
    expect(() => loadCalendarSet(copy)).toThrow(/names no rule of legal\.yaml/);
  });
});
