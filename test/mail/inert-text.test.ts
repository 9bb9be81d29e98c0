import { describe, expect, it } from 'vitest';
import { inertText } from '../../src/mail/inert-text.js';
import { renderIntroduction } from '../../src/reminders/introduction.js';
import { craftedInputs, expectLinear } from '../crafted-input.js';
import { HOSTILE_NAMES, linksIn } from './linkifiers.js';

describe('inertText', () => {
  it.each(HOSTILE_NAMES)('leaves nothing a linkifier makes a link of in %j, and hides no character', (name) => {
    const inert = inertText(`Praktijk ${name} B.V.`);
    expect(linksIn(inert)).toEqual([]);
    // Visible: only brackets are added around marks that were given.
    expect(inert.replace(/\[(.)\]/gu, '$1')).toBe(`Praktijk ${name} B.V.`);
    expect(inert).not.toMatch(/[\u200B-\u200D\u2060\uFEFF]/);
  });

  it('leaves ordinary names as they are', () => {
    for (const name of [
      'Verloskundigenpraktijk De Ster B.V.',
      'Anna de Vries-Jansen',
      "Kraamzorg 't Hoekje",
      'St. Jansdal',
    ])
      expect(inertText(name)).toBe(name);
  });

  it('takes linear time on crafted text of 50,000 characters', () => {
    expectLinear(inertText, [...craftedInputs(), ...craftedInputs('', ['a.b', 'a.', '.bb', 'a:', '1.1.', 'a@'])]);
  });

  it('the first-mail notice links only to the one-click stop, in text and HTML', () => {
    for (const name of HOSTILE_NAMES) {
      const mail = renderIntroduction({
        language: 'nl',
        providerName: name,
        addedBy: name,
        unsubscribeUrl: 'https://deadlines.example.nl/unsubscribe/abc',
      });
      expect(linksIn(mail.text)).toEqual([
        'https://deadlines.example.nl/unsubscribe/abc',
        'https://deadlines.example.nl/unsubscribe/abc',
      ]);
      expect(mail.html.match(/<a /g)).toHaveLength(1);
      const htmlText = mail.html
        .replace(/<[^>]*>/g, ' ')
        .replace(/&lt;/g, '<')
        .replace(/&gt;/g, '>')
        .replace(/&quot;/g, '"')
        .replace(/&#39;/g, "'")
        .replace(/&amp;/g, '&');
      expect(new Set(linksIn(htmlText))).toEqual(new Set(['https://deadlines.example.nl/unsubscribe/abc']));
    }
  });
});
