import { describe, expect, it } from 'vitest';
import { displayNameProblem, emailProblem, singleLineProblem } from '../../src/validation/text.js';

describe('emailProblem', () => {
  it.each([
    'anna@example.nl',
    'a.b+c@sub.example.co.uk',
    "o'brien@example.ie",
    'x@xn--bcher-kva.example',
    'planning@verloskunde-noord.nl',
  ])('accepts %s', (email) => {
    expect(emailProblem(email)).toBeNull();
  });

  it.each([
    'anna',
    '@example.nl',
    'anna@',
    'anna@localhost',
    'anna@example',
    'anna@example.1',
    'anna@-example.nl',
    'anna@example-.nl',
    'an..na@example.nl',
    '.anna@example.nl',
    'anna.@example.nl',
    'an na@example.nl',
    '"anna"@example.nl',
    'anna@exa mple.nl',
    'anna@example.nl\r\nBcc: all@example.nl',
    'anna@example.nl\n',
    'anna\u2028@example.nl',
    'añna@example.nl',
    'anna@exämple.nl',
    `${'a'.repeat(65)}@example.nl`,
    `a@${'b'.repeat(250)}.nl`,
    'a@b@example.nl',
    'anna@example..nl',
    'anna<x>@example.nl',
  ])('refuses %j', (email) => {
    expect(emailProblem(email)).not.toBeNull();
  });
});

describe('displayNameProblem', () => {
  it('accepts ordinary names, also with accents and commas', () => {
    expect(displayNameProblem('Anna de Vries')).toBeNull();
    expect(displayNameProblem('Zoë van ’t Hof, planning')).toBeNull();
  });

  it.each([
    'Anna\r\nBcc: x@example.nl',
    'Anna\n',
    'Anna\u0000',
    'Anna <a@example.nl>',
    'An"na',
    'Anna\\',
    '   ',
    'Anna\u2029',
  ])('refuses %j', (name) => {
    expect(displayNameProblem(name)).not.toBeNull();
  });
});

describe('singleLineProblem', () => {
  it('refuses line breaks and blanks, accepts the rest', () => {
    expect(singleLineProblem('Kraamzorg <De Wieg> & co')).toBeNull();
    expect(singleLineProblem('a\nb')).not.toBeNull();
    expect(singleLineProblem('\t')).not.toBeNull();
    expect(singleLineProblem(' ')).not.toBeNull();
  });
});

describe('on crafted input', () => {
  it('every check takes linear time on 50,000 characters', async () => {
    const { craftedInputs, expectLinear } = await import('../crafted-input.js');
    const inputs = [...craftedInputs(), ...craftedInputs('a@'), ...craftedInputs('', ['a.', 'a-', 'xn--a.', "a'"])];
    expectLinear(emailProblem, inputs);
    expectLinear(displayNameProblem, inputs);
    expectLinear(singleLineProblem, inputs);
  });
});

describe('names that hide or disguise themselves', () => {
  const invisible = [
    '\u200B',
    '\u200B\u200C\u200D',
    '\u2060\uFEFF',
    '\u00AD',
    '\u3164\u3164',
    '\u115F',
    '\u2800',
    ' \u200B ',
    '\u034F',
    '\u180E',
    '\u2062',
  ];
  it.each(invisible)('refuses a name made only of invisible characters %j', (name) => {
    expect(singleLineProblem(name)).toMatch(/visible character|blank/);
    expect(displayNameProblem(name)).toMatch(/visible character|blank/);
  });

  const bidi = ['\u202E', '\u202A', '\u202B', '\u202C', '\u202D', '\u2066', '\u2067', '\u2068', '\u2069'];
  it.each(bidi)('refuses a bidirectional control %j inside a name', (control) => {
    expect(singleLineProblem(`Praktijk ${control}droN`)).toMatch(/bidirectional/);
    expect(displayNameProblem(`Anna ${control}seirV ed`)).toMatch(/bidirectional/);
  });

  it('accepts names in other scripts, with joiners between visible characters', () => {
    for (const name of [
      'Verloskundigen אבג',
      'Praktijk مرحبا',
      'Zorg 👩\u200D⚕️',
      'Ångström-Ørsted',
      'Kraamzorg 한국',
    ]) {
      expect(singleLineProblem(name), name).toBeNull();
      expect(displayNameProblem(name), name).toBeNull();
    }
  });

  it('stays linear: a long hostile name is judged at once', () => {
    const long = '\u200B'.repeat(200_000) + '\u202E';
    const start = performance.now();
    expect(singleLineProblem(long)).not.toBeNull();
    expect(singleLineProblem('\u200B'.repeat(200_000))).not.toBeNull();
    expect(performance.now() - start).toBeLessThan(500);
  });
});
