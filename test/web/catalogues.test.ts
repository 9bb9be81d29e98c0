import { describe, expect, it } from 'vitest';
import { catalogues, LANGUAGES } from '../../src/domain/language.js';
import type { Words } from '../../src/web/words.nl.js';
import { wordsFor } from '../../src/web/words.js';
import type { YearWords } from '../../src/web/year/words.js';
import { yearWordsFor } from '../../src/web/year/words.js';

/** Every key path of a catalogue, nested objects opened (functions and lists are leaves). */
function keyPaths(value: unknown, prefix = ''): string[] {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return [prefix];
  return Object.entries(value)
    .flatMap(([key, inner]) => keyPaths(inner, prefix === '' ? key : `${prefix}.${key}`))
    .sort();
}

describe('typed catalogues', () => {
  // These lines typecheck only because each missing or extra text is an error (npm run typecheck covers test/).
  it('refuse a text missing in either language at compile time', () => {
    // @ts-expect-error English lacks `stop`
    catalogues({ greeting: 'Beste lezer,', stop: 'Stoppen' }, { greeting: 'Hello,' });
    // @ts-expect-error English has a text Dutch does not
    catalogues({ greeting: 'Beste lezer,' }, { greeting: 'Hello,', stop: 'Stop' });
    // @ts-expect-error a text's arguments are every language's
    catalogues({ left: (days: number) => `nog ${days} dagen` }, { left: (days: string) => days });

    const { home: _home, ...withoutHome } = wordsFor('en');
    // @ts-expect-error the pages' English without one text is no catalogue
    const pages: Words = withoutHome;
    const { badYear: _badYear, ...withoutBadYear } = yearWordsFor('en');
    // @ts-expect-error the year picture's English without one text is no catalogue
    const year: YearWords = withoutBadYear;
    expect([pages, year]).toHaveLength(2);
  });

  it("give the pages' texts in every language, none borrowed from Dutch", () => {
    const dutch = wordsFor('nl');
    for (const language of LANGUAGES) expect(keyPaths(wordsFor(language))).toEqual(keyPaths(dutch));
    const english = wordsFor('en') as unknown as Record<string, unknown>;
    const shared = Object.entries(dutch as unknown as Record<string, unknown>)
      .filter(([key, text]) => typeof text === 'string' && english[key] === text)
      .map(([key]) => key);
    // The same words in both languages only where they are names or codes.
    expect(shared).toEqual([]);
  });
});
