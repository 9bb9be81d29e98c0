import type { Language } from '../domain/language.js';

/** The privacy statement's address and its words, added at the foot of every mail (issue 24: who runs this, and how to reach them). */
export function privacyLine(publicBaseUrl: string, language: Language): { label: string; url: string } {
  return {
    label: language === 'nl' ? 'Privacyverklaring en contact' : 'Privacy statement and contact',
    url: `${publicBaseUrl}/privacy?lang=${language}`,
  };
}
