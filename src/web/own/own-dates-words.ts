import type { Catalogues, Language } from '../../domain/language.js';

// The words of her own dates on her page, beside the page rather than in the shared words table.

const NL = {
  title: 'Eigen data en correcties',
  intro:
    'Heeft een verzekeraar u een datum gegeven die hier niet staat (per e-mail, in een brief), of wilt u uzelf een datum geven? Voeg hem toe: hij komt in uw overzicht, uw agenda en uw herinneringen. Geldt voor u een andere datum dan de berekende, corrigeer hem dan met de reden.',
  addTitle: 'Een eigen datum toevoegen',
  ownTitle: 'Wat moet er gebeuren?',
  due: 'Uiterlijk op',
  from: 'Kan vanaf (niet verplicht)',
  time: 'Tijd (niet verplicht)',
  insurer: 'Verzekeraar',
  noInsurer: 'Geen: mijn eigen voorbereiding',
  otherInsurer: 'Of een andere verzekeraar (kort, kleine letters, bijvoorbeeld vgz)',
  note: 'Waar komt de datum vandaan?',
  noteHint: 'Bijvoorbeeld: e-mail van VGZ, 3 april',
  addButton: 'Eigen datum toevoegen',
  yours: 'Uw eigen data',
  removeButton: 'Verwijderen',
  correctTitle: 'Een berekende datum corrigeren',
  correctItem: 'Welke datum?',
  correctDue: 'De datum die voor u geldt',
  reason: 'Reden',
  reasonHint: 'Bijvoorbeeld: CZ gaf ons tot 8 november, brief van 2 oktober',
  correctButton: 'Datum corrigeren',
  corrections: 'Uw correcties',
  undoButton: 'Correctie ongedaan maken',
  correctionText: (title: string, due: string, original: string, reason: string) =>
    `${title}: ${due} in plaats van ${original} (${reason})`,
  added: (title: string) => `Toegevoegd: ${title}.`,
  removed: 'De eigen datum is verwijderd.',
  corrected: (title: string) => `Gecorrigeerd: ${title}.`,
  uncorrected: 'De correctie is ongedaan gemaakt: de berekende datum geldt weer.',
  problems: {
    title: 'Vul op één regel in wat er moet gebeuren.',
    note: 'Vul op één regel in waar de datum vandaan komt.',
    due: 'Vul een bestaande datum in.',
    from: 'De periode begint op of vóór de uiterste datum: vul een bestaande datum in die niet later is.',
    time: 'Vul een tijd in zoals 17:00.',
    insurer: 'Kies een verzekeraar, of schrijf hem kort in kleine letters (zoals vgz).',
    item: 'Kies een datum uit uw overzicht.',
    sameDate: 'Dit is de berekende datum al; vul de datum in die voor u geldt.',
    expected:
      'Dit is een verwachte datum: de verzekeraar heeft dit jaar nog niet gepubliceerd. Weet u de datum? Leg hem vast als eigen datum.',
    reason: 'Vul op één regel de reden in.',
  },
};

const EN: typeof NL = {
  title: 'Your own dates and corrections',
  intro:
    'Did an insurer give you a date that is not here (by e-mail, in a letter), or do you want to set yourself a date? Add it: it goes into your overview, your calendar and your reminders. If another date holds for you than the computed one, correct it with the reason.',
  addTitle: 'Add a date of your own',
  ownTitle: 'What has to be done?',
  due: 'By',
  from: 'Possible from (optional)',
  time: 'Time (optional)',
  insurer: 'Insurer',
  noInsurer: 'None: my own preparation',
  otherInsurer: 'Or another insurer (short, lower case, for example vgz)',
  note: 'Where does the date come from?',
  noteHint: 'For example: e-mail from VGZ, 3 April',
  addButton: 'Add this date',
  yours: 'Your own dates',
  removeButton: 'Remove',
  correctTitle: 'Correct a computed date',
  correctItem: 'Which date?',
  correctDue: 'The date that holds for you',
  reason: 'Reason',
  reasonHint: 'For example: CZ gave us until 8 November, letter of 2 October',
  correctButton: 'Correct the date',
  corrections: 'Your corrections',
  undoButton: 'Undo the correction',
  correctionText: (title: string, due: string, original: string, reason: string) =>
    `${title}: ${due} instead of ${original} (${reason})`,
  added: (title: string) => `Added: ${title}.`,
  removed: 'The date of your own is removed.',
  corrected: (title: string) => `Corrected: ${title}.`,
  uncorrected: 'The correction is undone: the computed date holds again.',
  problems: {
    title: 'Say on one line what has to be done.',
    note: 'Say on one line where the date comes from.',
    due: 'Enter a date that exists.',
    from: 'The period starts on or before the last date: enter a date that exists and is not later.',
    time: 'Enter a time like 17:00.',
    insurer: 'Choose an insurer, or write it short in lower case (like vgz).',
    item: 'Choose a date from your overview.',
    sameDate: 'That is the computed date already; enter the date that holds for you.',
    expected:
      'This is an expected date: the insurer has not published this year yet. Do you know the date? Record it as your own date.',
    reason: 'Give the reason on one line.',
  },
};

export type OwnDatesWords = typeof NL;

const WORDS = { nl: NL, en: EN } satisfies Catalogues<OwnDatesWords>;

export function ownDatesWords(language: Language): OwnDatesWords {
  return WORDS[language];
}
