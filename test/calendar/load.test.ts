import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CalendarFileError, loadCalendarFiles, parseCalendar } from '../../src/calendar/load.js';

const sample = readFileSync(new URL('../domain/sample-calendar.yaml', import.meta.url), 'utf8');
const NAME = 'calendars/voorbeeld/2027-geboortezorg.yaml';

function errorOf(text: string, name = NAME): CalendarFileError {
  try {
    parseCalendar(text, name);
  } catch (error) {
    if (error instanceof CalendarFileError) return error;
    throw error;
  }
  throw new Error('expected the calendar to be refused');
}

const lineOf = (text: string, needle: string) => text.split('\n').findIndex((line) => line.includes(needle)) + 1;

describe('calendar loading', () => {
  it('accepts the sample calendar', () => {
    expect(parseCalendar(sample, NAME).milestones.length).toBeGreaterThan(5);
  });

  it('loads every calendar in calendars/ and the decree days', () => {
    const { files, decreeDays } = loadCalendarFiles();
    expect(decreeDays.map((day) => day.date)).toEqual(['2026-01-02', '2026-05-15', '2027-05-07']);
    for (const file of files) expect(file.milestones.length).toBeGreaterThan(0);
  });

  it('names file and line of a schema error', () => {
    const bad = sample.replace(
      'actor: insurer\n    appliesTo: { kinds: [kraamzorg], attributes: { organisatievorm: [loondienst] } }',
      'actor: verzekeraar\n    appliesTo: { kinds: [kraamzorg], attributes: { organisatievorm: [loondienst] } }',
    );
    const error = errorOf(bad);
    expect(error.file).toBe(NAME);
    expect(error.line).toBe(lineOf(bad, 'actor: verzekeraar'));
    expect(error.message).toMatch(/actor: must be one of provider, insurer/);
  });

  it('names an unknown key and an unknown kind', () => {
    const unknownKey = sample.replace('rule: { before: "2026-09-01" }', 'rule: { voor: "2026-09-01" }');
    expect(errorOf(unknownKey).message).toMatch(/unknown key "voor"/);
    expect(errorOf(unknownKey).line).toBe(lineOf(unknownKey, 'voor:'));
    const unknownKind = sample.replace('kinds: [integrale-geboortezorg]', 'kinds: [huisarts]');
    expect(errorOf(unknownKind).line).toBe(lineOf(unknownKind, 'huisarts'));
  });

  it('refuses an impossible date, a reference to nothing, a duplicate id and a late trigger', () => {
    const impossible = sample.replace('"2026-05-15"', '"2026-02-30"');
    expect(errorOf(impossible).message).toMatch(/"2026-02-30" is not a calendar date/);
    expect(errorOf(impossible).line).toBe(lineOf(impossible, '2026-02-30'));

    const dangling = sample.replace('ref: aanbod, workingDays: 10', 'ref: aanbodd, workingDays: 10');
    expect(errorOf(dangling).message).toMatch(/unknown milestone "aanbodd"/);
    expect(errorOf(dangling).line).toBe(lineOf(dangling, 'aanbodd'));

    const duplicate = sample.replace('- id: aanvraag', '- id: bezwaar');
    expect(errorOf(duplicate).message).toMatch(/id "bezwaar" is already used/);

    const noTrigger = sample.replace(
      '        trigger: true\n        title: { nl: Aanmelden',
      '        title: { nl: Aanmelden',
    );
    expect(errorOf(noTrigger).message).toMatch(/must start with its trigger step/);

    const earlyStep = sample.replace(
      '        title: { nl: Reactie, en: Reply }',
      '        title: { nl: Reactie, en: Reply }\n        recordableFrom: "2015-01-01"',
    );
    expect(errorOf(earlyStep).message).toMatch(/only a trigger can be recorded from before the document/);
  });

  it('refuses an undeclared attribute or value, and a file in the wrong folder or year', () => {
    expect(errorOf(sample.replace('organisatievorm: [loondienst] }', 'organisatievorm: [zzp] }')).message).toMatch(
      /"zzp" is not one of/,
    );
    expect(errorOf(sample, 'calendars/voorbeeld/2026-geboortezorg.yaml').message).toMatch(/year 2027 does not match/);
    expect(errorOf(sample, 'calendars/ander/2027-geboortezorg.yaml').message).toMatch(/does not match its folder/);
  });

  it("takes an attribute's form words per language, and refuses a value without a label, a label of no value, or one language alone", () => {
    const form = (nl: string, en: string) =>
      sample.replace(
        '    values: [loondienst, niet-loondienst]\n',
        `    values: [loondienst, niet-loondienst]\n    form:\n${nl}${en}`,
      );
    const words = (language: string, values: string) =>
      `      ${language}:\n        label: organisatievorm\n        hint: Meer dan 70 % in loondienst of niet.\n        values: { ${values} }\n`;
    const both = form(
      words('nl', 'loondienst: in loondienst, niet-loondienst: niet in loondienst'),
      words('en', 'loondienst: employed, niet-loondienst: not employed'),
    );
    expect(parseCalendar(both, NAME).attributes?.organisatievorm.form?.en.values).toEqual({
      loondienst: 'employed',
      'niet-loondienst': 'not employed',
    });
    const missing = form(
      words('nl', 'loondienst: in loondienst, zzp: zzp'),
      words('en', 'loondienst: employed, niet-loondienst: not employed'),
    );
    expect(errorOf(missing).message).toMatch(/value "niet-loondienst" has no label/);
    expect(errorOf(missing).message).toMatch(/"zzp" is not one of loondienst, niet-loondienst/);
    expect(
      errorOf(form(words('nl', 'loondienst: in loondienst, niet-loondienst: niet in loondienst'), '')).message,
    ).toMatch(/en/);
  });

  it('refuses a cap, route, request or exception that names nothing it can, and a bad publication date', () => {
    const cap = sample.replace(
      'rule: { after: { ref: aanbod, workingDays: 10 } }',
      'rule: { after: { ref: aanbod, workingDays: 10 } }\n    cap: { ref: tekenen, reason: { nl: einde ronde, en: end of round } }',
    );
    expect(errorOf(cap).message).toMatch(/cap "tekenen" is neither a step of this chain nor a milestone/);
    const relativeCap = sample.replace(
      'rule: { before: "2026-09-01" }',
      'rule: { before: "2026-09-01" }\n    cap: { ref: reageren, reason: { nl: einde ronde, en: end of round } }',
    );
    expect(errorOf(relativeCap).message).toMatch(/cap "reageren" must have a fixed date/);
    const route = sample.replace(
      'rule: { before: "2026-09-01" }',
      'rule: { before: "2026-09-01" }\n    route: instroom',
    );
    expect(errorOf(route).message).toMatch(/route "instroom" is not a chain named under alternatives/);
    const request = sample.replace(
      'rule: { before: "2026-09-01" }',
      'rule: { before: "2026-09-01" }\n    bindsWhen: verzoek',
    );
    expect(errorOf(request).message).toMatch(/bindsWhen "verzoek" must name another milestone/);
    const except = sample.replace(
      'appliesTo: { kinds: [verloskunde], status: [new] }',
      'appliesTo: { kinds: [verloskunde], status: [new], except: { kinds: [vsv] } }',
    );
    expect(errorOf(except).message).toMatch(/"vsv" is not one of the line's kinds/);
    const alternatives = `${sample}\nalternatives:\n  - id: routes\n    routes: [instroom, toeslag, nergens]\n    source: { section: "5.3", quote: "twee routes die elkaar uitsluiten" }\n`;
    expect(errorOf(alternatives).message).toMatch(/route "nergens" is not a chain of this file/);
    const published = sample.replace(
      'document: { title: Voorbeeldbeleid 2027 }',
      'document: { title: Voorbeeldbeleid 2027, published: "2026-02-30" }',
    );
    expect(errorOf(published).message).toMatch(/"2026-02-30" is not a calendar date/);
  });

  it('reports YAML syntax errors with their line', () => {
    const broken = sample.replace('insurerName: Voorbeeld', 'insurerName: [Voorbeeld');
    expect(errorOf(broken).line).toBeGreaterThanOrEqual(lineOf(broken, '[Voorbeeld'));
  });
});

describe('the calendar schema validator', () => {
  it('follows the schema of the calendars folder read: an edited schema is compiled, not the one generated ahead of time', () => {
    const dir = mkdtempSync(join(tmpdir(), 'gzd-schema-'));
    try {
      const schema = JSON.parse(
        readFileSync(new URL('../../calendars/calendar.schema.json', import.meta.url), 'utf8'),
      ) as { required: string[] };
      schema.required = [...schema.required, 'reviewedBy'];
      writeFileSync(join(dir, 'calendar.schema.json'), JSON.stringify(schema));
      expect(() => parseCalendar(sample, NAME, dir)).toThrow(/must have required property 'reviewedBy'/);
      expect(parseCalendar(sample, NAME).milestones.length).toBeGreaterThan(5);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
