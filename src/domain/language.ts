/** The languages of every page, mail and feed text: Dutch first (the default), English as a switch. */
export const LANGUAGES = ['nl', 'en'] as const;

export type Language = (typeof LANGUAGES)[number];

export const DEFAULT_LANGUAGE: Language = 'nl';

export function isLanguage(value: unknown): value is Language {
  return (LANGUAGES as readonly unknown[]).includes(value);
}

/** The other language: where the language switch leads. */
export function otherLanguage(language: Language): Language {
  return language === 'nl' ? 'en' : 'nl';
}

/**
 * One catalogue per language, each of the whole shape: a text missing (or extra) in either language fails the
 * typecheck, so no page or mail can fall back to the other language unnoticed.
 */
export type Catalogues<Catalogue> = { readonly [L in Language]: Catalogue };

/** Dutch gives the catalogue's shape and English must give the same texts: none missing, none extra. */
export function catalogues<Catalogue>(nl: Catalogue, en: NoInfer<Catalogue>): Catalogues<Catalogue> {
  return { nl, en };
}
