import { describe, expect, it } from 'vitest';
import { mailboxProblem, parseMailbox } from '../../src/mail/address.js';
import { craftedInputs, expectLinear } from '../crafted-input.js';

describe('parseMailbox', () => {
  it('reads "Name <address>" and a bare address', () => {
    expect(parseMailbox('Geboortezorg deadlines <h@example.nl>')).toEqual({
      name: 'Geboortezorg deadlines',
      address: 'h@example.nl',
    });
    expect(parseMailbox('  <h@example.nl> ')).toEqual({ name: null, address: 'h@example.nl' });
    expect(parseMailbox('h@example.nl')).toEqual({ name: null, address: 'h@example.nl' });
    expect(parseMailbox('A <b> <h@example.nl>').name).toBeNull();
    expect(mailboxProblem('A <b> <h@example.nl>')).not.toBeNull();
    expect(mailboxProblem('A <>')).not.toBeNull();
  });

  it('takes linear time on crafted text of 50,000 characters (the former pattern was quadratic on spaces)', () => {
    expectLinear(parseMailbox, [
      ...craftedInputs('a'),
      ...craftedInputs('a <'),
      ...craftedInputs('', [' ', 'a ', ' <', '<a>']),
    ]);
    expectLinear(mailboxProblem, craftedInputs('a'));
  });
});
