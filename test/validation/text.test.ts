import { describe, expect, it } from 'vitest';
import { displayNameProblem, emailProblem, singleLineProblem } from '../../src/validation/text.js';

describe('emailProblem', () => {
  it.each(['anna@example.nl', 'a.b+c@sub.example.co.uk', "o'brien@example.ie", 'x@xn--bcher-kva.example', 'planning@verloskunde-noord.nl'])('accepts %s', (email) => {
    expect(emailProblem(email)).toBeNull();
  });

  it.each([
    'anna', '@example.nl', 'anna@', 'anna@localhost', 'anna@example', 'anna@example.1', 'anna@-example.nl', 'anna@example-.nl',
    'an..na@example.nl', '.anna@example.nl', 'anna.@example.nl', 'an na@example.nl', '"anna"@example.nl', 'anna@exa mple.nl',
    'anna@example.nl\r\nBcc: all@example.nl', 'anna@example.nl\n', 'anna\u2028@example.nl', 'añna@example.nl', 'anna@exämple.nl',
    `${'a'.repeat(65)}@example.nl`, `a@${'b'.repeat(250)}.nl`, 'a@b@example.nl', 'anna@example..nl', 'anna<x>@example.nl',
  ])('refuses %j', (email) => {
    expect(emailProblem(email)).not.toBeNull();
  });
});

describe('displayNameProblem', () => {
  it('accepts ordinary names, also with accents and commas', () => {
    expect(displayNameProblem('Anna de Vries')).toBeNull();
    expect(displayNameProblem('Zoë van ’t Hof, planning')).toBeNull();
  });

  it.each(['Anna\r\nBcc: x@example.nl', 'Anna\n', 'Anna\u0000', 'Anna <a@example.nl>', 'An"na', 'Anna\\', '   ', 'Anna\u2029'])('refuses %j', (name) => {
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
