import { catalogues } from '../domain/language.js';

/** Every text of a reminder digest, one catalogue per language (a missing text fails the typecheck). */
export const DIGEST_WORDS = catalogues(
  {
    greeting: (name: string | null) => (name ? `Beste ${name},` : 'Beste lezer,'),
    intro: (provider: string, count: number) =>
      `Voor ${provider} ${count === 1 ? 'vraagt dit punt' : `vragen deze ${count} punten`} uw aandacht:`,
    left: (days: number) => (days === 0 ? 'vandaag' : days === 1 ? 'morgen' : `nog ${days} dagen`),
    due: 'Uiterlijk',
    advice: 'Advies (geen datum van de verzekeraar)',
    derivation: 'Berekening',
    reading: 'Lezing',
    expected: 'Verwacht uiterlijk',
    todo: 'Wat te doen',
    source: 'Bron',
    ownDate: 'uw eigen datum',
    section: 'paragraaf',
    weekend: (day: string) => `valt op ${day}`,
    holiday: (name: string) => `valt op ${name}`,
    actBy: (date: string) => `regel het uiterlijk ${date}`,
    changed: (before: string) => `Datum gewijzigd: dit stond eerder op ${before}.`,
    published: (insurer: string, year: string, expected: string, basis: number) =>
      `${insurer} heeft het beleid ${year} gepubliceerd: deze datum werd verwacht op ${expected} (op basis van het beleid ${basis}).`,
    checkCorrection: (now: string, original: string, due: string) =>
      `De kalender van de verzekeraar is gewijzigd: die geeft nu ${now} (was ${original} toen u de datum corrigeerde). Uw correctie naar ${due} blijft staan: controleer of die nog klopt.`,
    late: (insurer: string, date: string, contact: string) =>
      `${insurer} had dit uiterlijk ${date} moeten doen; er is niets vastgelegd: kijk in VECOZO of schrijf naar ${contact}.`,
    record: 'Gebeurd? Leg het vast, dan rekenen de volgende stappen vanaf die dag.',
    recordLink: 'Gedaan? Leg het vast',
    timeline: 'Alle data van uw praktijk',
    page: 'Uw eigen pagina: alle data, vastleggen wat u deed, gegevens wijzigen',
    feed: 'Agenda-abonnement (iCal)',
    unsubscribe: 'Geen herinneringen meer ontvangen',
    subjectDeadline: (title: string, insurer: string, left: string, date: string) =>
      `${title} (${insurer}): ${left}, ${date}`,
    subjectLate: (title: string, insurer: string) => `Controleer: ${title} (${insurer}) is niet vastgelegd`,
    subjectChanged: (title: string, insurer: string, date: string) =>
      `Gewijzigde datum: ${title} (${insurer}), nu ${date}`,
    subjectCheckCorrection: (title: string, insurer: string) =>
      `Controleer uw correctie: ${title} (${insurer}), de kalender is gewijzigd`,
    subjectPublished: (title: string, insurer: string, date: string) =>
      `Gepubliceerd: ${title} (${insurer}) is ${date}, niet de verwachte datum`,
    more: (count: number) => ` en ${count} ${count === 1 ? 'ander punt' : 'andere punten'}`,
    footer: 'U ontvangt deze e-mail omdat uw adres als contactpersoon bij deze zorgaanbieder is opgegeven.',
    signedUp: (site: string) => `U ontvangt deze e-mail omdat u zich op ${site} heeft aangemeld voor herinneringen.`,
    signedUpPage: 'Uw eigen pagina',
    signedUpStop:
      'Stoppen? Gebruik de link ‘Geen herinneringen meer ontvangen’ hierboven, of zet de herinneringen uit op uw eigen pagina, onder ‘Gegevens wijzigen’.',
  },
  {
    greeting: (name: string | null) => (name ? `Dear ${name},` : 'Hello,'),
    intro: (provider: string, count: number) =>
      `For ${provider}, ${count === 1 ? 'this needs' : `these ${count} items need`} your attention:`,
    left: (days: number) => (days === 0 ? 'today' : days === 1 ? 'tomorrow' : `${days} days left`),
    due: 'Due',
    advice: 'Advice (not a date the insurer gave)',
    derivation: 'How this date is computed',
    reading: 'Reading',
    expected: 'Expected by',
    todo: 'What to do',
    source: 'Source',
    ownDate: 'your own date',
    section: 'section',
    weekend: (day: string) => `falls on a ${day === 'zaterdag' ? 'Saturday' : 'Sunday'}`,
    holiday: (name: string) => `falls on a public holiday (${name})`,
    actBy: (date: string) => `see to it by ${date} at the latest`,
    changed: (before: string) => `Date changed: this was ${before} before.`,
    published: (insurer: string, year: string, expected: string, basis: number) =>
      `${insurer} has published its ${year} policy: this date was expected on ${expected} (from the ${basis} policy).`,
    checkCorrection: (now: string, original: string, due: string) =>
      `The insurer's calendar has changed: it now gives ${now} (it was ${original} when you corrected the date). Your correction to ${due} stands: check that it still holds.`,
    late: (insurer: string, date: string, contact: string) =>
      `${insurer} had to do this by ${date}; nothing is recorded: check VECOZO or write to ${contact}.`,
    record: 'Has it happened? Record it, and the next steps count from that day.',
    recordLink: 'Done? Record it',
    timeline: 'Every date of your practice',
    page: 'Your own page: every date, record what you did, change your details',
    feed: 'Calendar subscription (iCal)',
    unsubscribe: 'Stop these reminders',
    subjectDeadline: (title: string, insurer: string, left: string, date: string) =>
      `${title} (${insurer}): ${left}, ${date}`,
    subjectLate: (title: string, insurer: string) => `Check: ${title} (${insurer}) is not recorded`,
    subjectChanged: (title: string, insurer: string, date: string) =>
      `Date changed: ${title} (${insurer}), now ${date}`,
    subjectCheckCorrection: (title: string, insurer: string) =>
      `Check your correction: ${title} (${insurer}), the calendar has changed`,
    subjectPublished: (title: string, insurer: string, date: string) =>
      `Published: ${title} (${insurer}) is ${date}, not the expected date`,
    more: (count: number) => ` and ${count} more`,
    footer: 'You receive this e-mail because your address is given as a contact of this care provider.',
    signedUp: (site: string) => `You receive this e-mail because you signed up for reminders on ${site}.`,
    signedUpPage: 'Your own page',
    signedUpStop:
      'To stop, use the link ‘Stop these reminders’ above, or turn reminders off on your own page, under ‘Change your details’.',
  },
);
