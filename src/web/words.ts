import { DateTime } from 'luxon';
import type { Catalogues, Language } from '../domain/language.js';
import type { IsoDate, ProviderKind } from '../domain/types.js';
import { EN } from './words.en.js';
import { NL, type Words } from './words.nl.js';

/** `vrijdag 30 oktober 2026` / `Friday 30 October 2026`: dates written out. */
export function writtenDate(iso: IsoDate, language: Language, withYear = true): string {
  return DateTime.fromISO(iso, { zone: 'utc' })
    .setLocale(language === 'nl' ? 'nl' : 'en-GB')
    .toFormat(withYear ? 'cccc d MMMM yyyy' : 'cccc d MMMM');
}

const KINDS: Catalogues<Record<ProviderKind, string>> = {
  nl: {
    verloskunde: 'Verloskunde',
    echoscopie: 'Echoscopie',
    kraamzorg: 'Kraamzorg',
    geboortecentrum: 'Geboortecentrum',
    'integrale-geboortezorg': 'Integrale geboortezorg (IGO)',
    samenwerkingsverband: 'Samenwerkingsverband',
    vsv: 'VSV',
  },
  en: {
    verloskunde: 'Midwifery',
    echoscopie: 'Ultrasound',
    kraamzorg: 'Maternity care (kraamzorg)',
    geboortecentrum: 'Birth centre',
    'integrale-geboortezorg': 'Integrated birth care (IGO)',
    samenwerkingsverband: 'Partnership',
    vsv: 'VSV (obstetric partnership)',
  },
};

export function kindLabel(kind: ProviderKind, language: Language): string {
  return KINDS[language][kind];
}

/** The page copy per language, Dutch first: a text missing in either is a typecheck error. */
const WORDS = { nl: NL, en: EN } satisfies Catalogues<Words>;

export function wordsFor(language: Language): Words {
  return WORDS[language];
}
export type { Words };
