import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { describeChanges, diffCalendars } from '../../src/calendar/diff.js';
import { CALENDARS_DIR, loadCalendarFiles, parseCalendar } from '../../src/calendar/load.js';
import { providersOf } from '../../src/calendar/providers.js';
import { calendarsSince } from '../../src/calendar/versions.js';
import { ApiKeyStore } from '../../src/store/api-keys.js';
import { openDatabase } from '../../src/store/database.js';
import { EventStore } from '../../src/store/events.js';
import { migrate } from '../../src/store/migrations.js';
import { OwnDateStore } from '../../src/store/own-dates.js';
import { ProviderStore } from '../../src/store/providers.js';
import type { Contract, ProviderKind } from '../../src/domain/types.js';

const CZ = 'calendars/cz-groep/2027-geboortezorg.yaml';
const czText = readFileSync(join(CALENDARS_DIR, '..', CZ), 'utf8');
const { files, decreeDays } = loadCalendarFiles();
const asOf = '2026-06-01';
const temp = mkdtempSync(join(tmpdir(), 'calendar-diff-'));
afterAll(() => rmSync(temp, { recursive: true, force: true }));

const SIGNING = 'rule: { onOrBefore: "2026-11-01" }\n    note: >-\n      Last signing day';
const moved = czText.replace(SIGNING, SIGNING.replace('2026-11-01', '2026-10-30'));

describe('calendars:diff', () => {
  it('finds nothing between a calendar and itself', () => {
    for (const file of files) expect(diffCalendars(file, file, { asOf, decreeDays })).toEqual([]);
  });

  it('shows a moved date per archetype, with the number of providers whose timeline moves', () => {
    expect(moved).not.toBe(czText);
    const dbPath = join(temp, 'providers.db');
    const db = openDatabase(dbPath);
    migrate(db);
    const key = new ApiKeyStore(db).create('test').apiKey.id;
    const providers = new ProviderStore(db);
    const add = (agb: string, kinds: ProviderKind[], contracts: Contract[]) =>
      providers.create(key, { name: `Praktijk ${agb}`, agb, kinds, contracts, contacts: [], reminderDays: [7] });
    add('11111111', ['verloskunde'], [{ insurer: 'cz-groep', year: 2027, status: 'existing' }]);
    const kraam = add('22222222', ['kraamzorg'], [{ insurer: 'cz-groep', year: 2027, status: 'new' }]);
    // Its agreement runs through 2027: no signing round, so the move does not reach it.
    add(
      '33333333',
      ['integrale-geboortezorg'],
      [{ insurer: 'cz-groep', year: 2027, status: 'existing', runsUntil: 2027 }],
    );
    // Another insurer only.
    add('44444444', ['verloskunde'], [{ insurer: 'zorg-en-zekerheid', year: 2026, status: 'existing' }]);
    // A VSV: the signing line does not apply to it.
    add('55555555', ['vsv'], [{ insurer: 'cz-groep', year: 2027, status: 'existing' }]);
    new EventStore(db).record(kraam.id, { item: 'cz-groep/2027/publicatie-inkoopbeleid', date: '2026-03-30' }, key);
    db.close();

    const before = parseCalendar(czText, CZ);
    const after = parseCalendar(moved, CZ);
    const changes = diffCalendars(before, after, { asOf, decreeDays, providers: providersOf(dbPath, 'cz-groep') });
    expect(changes).toEqual([
      {
        item: 'cz-groep/2027/ondertekenen',
        aspect: 'date',
        details: [expect.stringMatching(/verloskunde\/existing, .*: 2026-11-01 → 2026-10-30$/)],
        affected: 2,
      },
    ]);
    expect(changes[0].details[0]).toContain('kraamzorg/new');
    expect(changes[0].details[0]).not.toContain('agreement-runs');
  });

  it('counts the providers who corrected a moved date: her date stands, her digest asks her to check', () => {
    const dbPath = join(temp, 'corrected.db');
    const db = openDatabase(dbPath);
    migrate(db);
    const key = new ApiKeyStore(db).create('test').apiKey.id;
    const providers = new ProviderStore(db);
    const add = (agb: string) =>
      providers.create(key, {
        name: `Praktijk ${agb}`,
        agb,
        kinds: ['verloskunde'],
        contracts: [{ insurer: 'cz-groep', year: 2027, status: 'existing' }],
        contacts: [],
        reminderDays: [7],
      });
    add('11111111');
    const corrected = add('22222222');
    const correction = {
      item: 'cz-groep/2027/ondertekenen',
      due: '2026-11-08',
      original: '2026-11-01',
      reason: 'brief',
    };
    new OwnDateStore(db).correct(corrected.id, correction, key);
    db.close();

    const changes = diffCalendars(parseCalendar(czText, CZ), parseCalendar(moved, CZ), {
      asOf,
      decreeDays,
      providers: providersOf(dbPath, 'cz-groep'),
    });
    expect(changes).toEqual([
      expect.objectContaining({ item: correction.item, aspect: 'date', affected: 2, corrected: 1 }),
    ]);
    expect(describeChanges('cz-groep/2027', changes)[0]).toContain(
      '[2 providers, 1 with a correction kept: her digest asks her to check]',
    );
  });

  it('reads the calendar at a git ref and compares it with the working tree', () => {
    const repo = join(temp, 'repo');
    cpSync(CALENDARS_DIR, join(repo, 'calendars'), { recursive: true });
    const git = (...args: string[]) =>
      execFileSync('git', ['-c', 'user.name=test', '-c', 'user.email=test@example.org', ...args], {
        cwd: repo,
        encoding: 'utf8',
      });
    git('init', '-q');
    git('add', '-A');
    git('commit', '-qm', 'calendars');
    const wording = czText.replace(
      'title: { nl: Overeenkomst 2027 ondertekenen,',
      'title: { nl: Overeenkomst 2027 digitaal ondertekenen,',
    );
    writeFileSync(join(repo, CZ), wording);

    const versions = calendarsSince('HEAD', repo);
    expect(versions.map((version) => version.path)).toEqual([CZ, 'calendars/zorg-en-zekerheid/2026-geboortezorg.yaml']);
    const [cz, zz] = versions.map((version) => diffCalendars(version.before, version.after, { asOf, decreeDays }));
    expect(zz).toEqual([]);
    expect(cz).toEqual([
      {
        item: 'cz-groep/2027/ondertekenen',
        aspect: 'wording',
        details: [
          'title: {"nl":"Overeenkomst 2027 ondertekenen","en":"Sign the 2027 agreement"} → {"nl":"Overeenkomst 2027 digitaal ondertekenen","en":"Sign the 2027 agreement"}',
        ],
      },
    ]);
    expect(() => calendarsSince('--output=/tmp/x', repo)).toThrow(/not a git ref/);
  });
});
