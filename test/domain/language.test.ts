import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_LANGUAGE, isLanguage, LANGUAGES, otherLanguage } from '../../src/domain/language.js';
import { LanguageSchema } from '../../src/schemas/providers.js';

const SRC = new URL('../../src/', import.meta.url).pathname;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory()
      ? sourceFiles(join(dir, entry.name))
      : entry.name.endsWith('.ts')
        ? [join(dir, entry.name)]
        : [],
  );
}

describe('one Language', () => {
  it('lists Dutch first as the default, and English', () => {
    expect(LANGUAGES).toEqual(['nl', 'en']);
    expect(DEFAULT_LANGUAGE).toBe('nl');
    expect(otherLanguage('nl')).toBe('en');
    expect(otherLanguage('en')).toBe('nl');
  });

  it('knows only its languages', () => {
    expect(LANGUAGES.every(isLanguage)).toBe(true);
    for (const value of ['NL', 'de', '', undefined, null, 1, ['nl']]) expect(isLanguage(value)).toBe(false);
  });

  it("is the API's language enum", () => {
    expect(LanguageSchema.enum).toEqual([...LANGUAGES]);
  });

  // A second declaration would let one surface gain a language the others do not know.
  it('is declared in src/domain/language.ts only', () => {
    const declarations = sourceFiles(SRC)
      .filter((file) => !file.endsWith('domain/language.ts'))
      .filter((file) => /type \w*Language\b\s*=|'nl' \| 'en'|\['nl', 'en'\]/.test(readFileSync(file, 'utf8')))
      .map((file) => file.slice(SRC.length));
    expect(declarations).toEqual([]);
  });
});
