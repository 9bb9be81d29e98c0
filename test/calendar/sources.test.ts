import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { locateQuote, normaliseSource } from '../../src/calendar/normalise.js';
import { calendarPaths, proveCalendar, proveCalendarFile } from '../../src/calendar/proof.js';

const CZ = 'calendars/cz-groep/2027-geboortezorg.yaml';
const ZZ = 'calendars/zorg-en-zekerheid/2026-geboortezorg.yaml';
const read = (name: string) => readFileSync(new URL(`../../${name}`, import.meta.url), 'utf8');
const sourceBeside = (name: string) => (file: string) => read(name.replace(/[^/]+$/, file));
const lineOf = (text: string, needle: string) => text.split('\n').findIndex((line) => line.includes(needle)) + 1;

describe('quotes against the source text', () => {
  it('finds every quote of both calendars in its source, and each source is the seed byte for byte', () => {
    const paths = calendarPaths().map((entry) => entry.name);
    expect(paths).toEqual(expect.arrayContaining([CZ, ZZ]));
    for (const { path, name } of calendarPaths()) expect(proveCalendarFile(path, name).problems).toEqual([]);
    expect(read('calendars/zorg-en-zekerheid/2026-geboortezorg.source.txt')).toContain(
      'Zorgverzekeraars moeten over CSRD-rapportages 2026 véér 1 oktober 2025',
    );
  });

  it('fails a quote that is not in the source, naming the calendar line', () => {
    const yaml = read(CZ).replace(
      'kunt u uiterlijk 15 mei a.s. aan ons kenbaar maken',
      'kunt u uiterlijk 16 mei a.s. aan ons kenbaar maken',
    );
    const proof = proveCalendar(yaml, CZ, sourceBeside(CZ));
    expect(proof.problems).toHaveLength(1);
    expect(proof.problems[0]).toContain(
      `${CZ}:${lineOf(yaml, 'uiterlijk 16 mei a.s.')}: milestone bezwaren-inkoopbeleid`,
    );
    expect(proof.problems[0]).toContain('hanteren) kunt u uiterlijk 1" but then not "6 mei a.s. aan ons');
  });

  it('checks the quotes of chain steps, terms and attributes too', () => {
    for (const [from, to, label] of [
      ['Binnen 2 weken na punt 2"', 'Binnen 3 weken na punt 2"', 'chain open-instroom step vragenlijst-invullen'],
      [
        'De overeenkomsten hebben een looptijd van 1 kalenderjaar (2027)." }\n  - kinds: [kraamzorg]',
        'De overeenkomsten hebben een looptijd van 2 kalenderjaren (2027)." }\n  - kinds: [kraamzorg]',
        'term 1',
      ],
      ['70% of meer → loondienstorganisatie', '60% of meer → loondienstorganisatie', 'attribute organisatievorm'],
    ]) {
      const yaml = read(CZ).replace(from, to);
      expect(yaml).not.toBe(read(CZ));
      const problems = proveCalendar(yaml, CZ, sourceBeside(CZ)).problems;
      expect(problems).toHaveLength(1);
      expect(problems[0]).toContain(label);
    }
  });

  it('applies the documented OCR repairs and no others', () => {
    const yaml = read(ZZ);
    expect(proveCalendar(yaml, ZZ, sourceBeside(ZZ)).problems).toEqual([]);
    const withoutRepair = yaml.replace('    - { read: "véér", as: "vóór" }\n', '');
    const problems = proveCalendar(withoutRepair, ZZ, sourceBeside(ZZ)).problems;
    expect(problems.some((problem) => problem.includes('milestone csrd-metingen-bekend'))).toBe(true);
  });

  it('fails a calendar whose source text is missing or whose version has no log entry', () => {
    expect(proveCalendar(read(ZZ), ZZ, () => undefined).problems[0]).toMatch(
      /source text 2026-geboortezorg.source.txt is not beside the calendar/,
    );
    const version = Number(/^version: (\d+)$/m.exec(read(ZZ))![1]);
    const bumped = read(ZZ).replace(/^version: \d+$/m, `version: ${version + 1}`);
    expect(proveCalendar(bumped, ZZ, sourceBeside(ZZ)).problems[0]).toMatch(
      new RegExp(`version is ${version + 1} but the last changes entry is for version ${version}`),
    );
  });
});

describe('normalising a PDF text', () => {
  const source = normaliseSource(
    [
      'Een zin over de niet- ',
      'loondienstorganisatie die   verder',
      'loopt.',
      '',
      'e Een punt met véér 1 mei',
      'o nog een [1]  punt',
    ].join('\n'),
    [
      { read: 'véér', as: 'vóór' },
      { read: '[1]', as: '' },
    ],
    ['e', 'o'],
  );

  it('joins lines, keeps a hyphen at a line end, collapses spaces, drops bullets and applies repairs', () => {
    expect(source.text).toBe(
      'Een zin over de niet-loondienstorganisatie die verder loopt. Een punt met vóór 1 mei nog een punt',
    );
    expect(source.lineOf[source.text.indexOf('vóór')]).toBe(5);
    expect(source.lineOf[source.text.indexOf('loopt')]).toBe(3);
  });

  it('finds elided quotes fragment by fragment, in order only', () => {
    expect('spans' in locateQuote(source, 'Een zin over ... die verder … vóór 1 mei')).toBe(true);
    expect(locateQuote(source, 'vóór 1 mei ... Een zin over')).toEqual({ missing: 'Een zin over' });
    expect(locateQuote(source, 'niet-loondienstorganisatie die verder loopt.')).toEqual({
      spans: [{ start: 16, end: 60 }],
    });
  });
});
