import type { ItemStatus, Text } from './types.js';

/** Every status in the words every surface uses (feed descriptions, web pages, mails), Dutch and English. */
export const STATUS_WORDS: Record<ItemStatus, Text> = {
  upcoming: { nl: 'gepland', en: 'planned' },
  'due-soon': { nl: 'binnenkort (binnen 14 dagen)', en: 'soon (within 14 days)' },
  overdue: { nl: 'te laat', en: 'late' },
  done: { nl: 'gedaan', en: 'done' },
  passed: { nl: 'voorbij', en: 'passed' },
  waiting: { nl: 'nog geen datum: wacht op de stap ervoor', en: 'no date yet: waits for the step before' },
  'not-recorded': {
    nl: 'niet vastgelegd: de ronde is gesloten, dit is voorbij',
    en: 'not recorded: the round has closed, this is history',
  },
  check: {
    nl: 'datum verstreken, niets vastgelegd: kijk in VECOZO of vraag het de verzekeraar',
    en: 'date passed, nothing recorded: check VECOZO or ask the insurer',
  },
  'not-started': {
    nl: 'niet begonnen: kan gebeuren, nog geen datum tot het is vastgelegd',
    en: 'not started: may happen, no date until it is recorded',
  },
};
