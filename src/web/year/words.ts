import type { YearSource } from '../../domain/year-picture.js';
import type { Catalogues, Language } from '../../domain/language.js';

/** The year picture's words (issue 25), apart from the page copy in ../words.ts so the picture can change on its own. */
export interface YearWords {
  title: string;
  caption: (contractYear: number, roundYear: number) => string;
  choose: string;
  choice: (contractYear: number, roundYear: number) => string;
  region: (contractYear: number) => string;
  listSummary: (count: number) => string;
  empty: string;
  undated: (count: number) => string;
  undatedPdf: (count: number) => string;
  today: string;
  ownRow: string;
  noDates: string;
  source: Record<YearSource, string>;
  legendTitle: string;
  pdf: string;
  pdfTitle: (name: string, contractYear: number) => string;
  months: string[];
  badYear: (choices: readonly number[]) => string;
}

const NL: YearWords = {
  title: 'Uw jaar in één beeld',
  caption: (year, round) =>
    `Contractjaar ${year}: de ronde loopt in ${round}. Balken zijn termijnen, tekens losse data.`,
  choose: 'Kies het contractjaar',
  choice: (year, round) => `${year} (ronde in ${round})`,
  region: (year) => `Jaaroverzicht contractjaar ${year}, schuift opzij`,
  listSummary: (count) =>
    count === 1 ? 'De datum bij het nummer, als lijst' : `De ${count} data bij de nummers, als lijst`,
  empty: 'Geen data in deze ronde.',
  undated: (count) =>
    count === 1
      ? '1 stap heeft nog geen datum; die staat in de lijst hieronder.'
      : `${count} stappen hebben nog geen datum; die staan in de lijst hieronder.`,
  undatedPdf: (count) =>
    count === 1
      ? '1 stap heeft nog geen datum (zie uw pagina).'
      : `${count} stappen hebben nog geen datum (zie uw pagina).`,
  today: 'vandaag',
  ownRow: 'Eigen data',
  noDates: 'geen data',
  source: {
    document: 'document van de verzekeraar',
    legal: 'de wet (NZa)',
    expected: 'verwacht, naar vorig jaar',
    own: 'door u vastgelegd',
  },
  legendTitle: 'Waar een datum op rust',
  pdf: 'Jaaroverzicht als pdf',
  pdfTitle: (name, year) => `Jaaroverzicht ${year}: ${name}`,
  months: ['jan', 'feb', 'mrt', 'apr', 'mei', 'jun', 'jul', 'aug', 'sep', 'okt', 'nov', 'dec'],
  badYear: (choices) => `Kies contractjaar ${choices.join(' of ')}.`,
};

const EN: YearWords = {
  title: 'Your year at a glance',
  caption: (year, round) => `Contract year ${year}: its round runs in ${round}. Bars are windows, signs single dates.`,
  choose: 'Choose the contract year',
  choice: (year, round) => `${year} (round in ${round})`,
  region: (year) => `Year overview of contract year ${year}, scrolls sideways`,
  listSummary: (count) =>
    count === 1 ? 'The date behind the number, as a list' : `The ${count} dates behind the numbers, as a list`,
  empty: 'No dates in this round.',
  undated: (count) =>
    count === 1
      ? '1 step has no date yet; it is in the list below.'
      : `${count} steps have no date yet; they are in the list below.`,
  undatedPdf: (count) =>
    count === 1 ? '1 step has no date yet (see your page).' : `${count} steps have no date yet (see your page).`,
  today: 'today',
  ownRow: 'Own dates',
  noDates: 'no dates',
  source: {
    document: "the insurer's document",
    legal: 'the law (NZa)',
    expected: "expected, from last year's",
    own: 'recorded by you',
  },
  legendTitle: 'What a date rests on',
  pdf: 'Year overview as PDF',
  pdfTitle: (name, year) => `Year overview ${year}: ${name}`,
  months: ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'],
  badYear: (choices) => `Choose contract year ${choices.join(' or ')}.`,
};

const WORDS = { nl: NL, en: EN } satisfies Catalogues<YearWords>;

export function yearWordsFor(language: Language): YearWords {
  return WORDS[language];
}
