import { DateTime } from 'luxon';
import { calendarYear } from '../domain/calendar.js';
import { lowerFirst } from '../domain/derivation.js';
import { STATUS_WORDS } from '../domain/status-words.js';
import type { DateFlag, IsoDate, PublishedChange, TimelineItem } from '../domain/types.js';

/** What a person reads in the calendar app, in Dutch: the summary line and the description. */

/** Formatting through Intl is slow and a feed names the same few hundred dates again and again. */
const formatted = new Map<string, string>();

function format(iso: IsoDate, pattern: string): string {
  const key = `${iso} ${pattern}`;
  let text = formatted.get(key);
  if (text === undefined) {
    text = DateTime.fromISO(iso, { zone: 'utc' }).setLocale('nl').toFormat(pattern);
    if (formatted.size < 50_000) formatted.set(key, text);
  }
  return text;
}

/** `vrijdag 30 oktober 2026`, or `vrijdag 30 oktober` without the year. */
export function dutchDate(iso: IsoDate, withYear = true): string {
  return format(iso, withYear ? 'cccc d MMMM yyyy' : 'cccc d MMMM');
}

function dayMonthYear(iso: IsoDate): string {
  return format(iso, 'd MMMM yyyy');
}

/** `valt op zondag: uiterlijk vrijdag 30 oktober`: the date is never moved, the advice is to act before it. */
export function flagText(flags: readonly DateFlag[]): string | null {
  if (flags.length === 0) return null;
  const days = flags.map((flag) => (flag.code === 'weekend' ? flag.day : flag.name));
  return `valt op ${days.join(' en ')}: uiterlijk ${dutchDate(flags[0].lastWorkingDay, false)}`;
}

/**
 * `CZ: vragenlijst kraamzorg indienen`: the insurer first; an insurer's promise says the insurer acts; advice says so.
 * With status (a provider's own feed): done items stay, marked; late ones say so.
 */
export function summaryOf(item: TimelineItem, insurerName: string, withStatus = true): string {
  // "CZ maakt aanvullende zorginkoop bekend" names the insurer already.
  let summary = item.title.nl.startsWith(`${insurerName} `)
    ? item.title.nl
    : `${insurerName}: ${lowerFirst(item.title.nl)}`;
  if (item.actor === 'insurer' && item.type === 'deadline') summary += ` (${insurerName} is aan zet)`;
  if (item.type === 'advice') summary += ' (advies)';
  if (item.expected) summary += ' (verwacht)';
  // Her own date without an insurer is named so already ("Eigen datum: …").
  if (item.type === 'own') summary += item.insurer === '' ? '' : ' (eigen datum)';
  else if (item.correction) summary += ' (gecorrigeerd)';
  if (!withStatus) return summary;
  if (item.done !== null) summary += ' ✓ gedaan';
  else if (item.status === 'overdue') summary += ' ⚠ te laat';
  else if (item.status === 'check') summary += ' ⚠ nog niet ontvangen?';
  return summary;
}

function whoActs(item: TimelineItem, insurerName: string): string {
  if (item.type === 'info') return 'Ter informatie.';
  if (item.type === 'statutory')
    return item.actor === 'provider'
      ? 'Wettelijke datum (NZa): controleer het zelf; nooit te laat.'
      : `Wettelijke datum (NZa): ${insurerName} publiceert; geen actie van u, nooit te laat.`;
  if (item.type === 'advice')
    return 'Advies: deze datum staat niet in het document; wij raden hem aan. Nooit te laat volgens de verzekeraar.';
  if (item.bindsWhen !== null && !item.bindsWhen.met)
    // A chain step (`<insurer>/<year>/<chain>/<step>`) is her own request that starts a route; a milestone is the insurer's.
    return item.bindsWhen.item.split('/').length === 4
      ? 'Geldt alleen als u de aanvraag ervoor doet; leg die vast zodra u hem hebt gedaan.'
      : 'Geldt alleen als de verzekeraar erom vraagt; leg het verzoek vast als het komt.';
  if (item.actor === 'provider') return 'U bent aan zet.';
  // Nothing was published yet: no one can have received or missed anything, so no VECOZO advice.
  if (item.expected) return `${insurerName} is aan zet.`;
  return `${insurerName} is aan zet. Niets ontvangen op deze datum? Kijk in het VECOZO Zorginkoopportaal of mail ${item.contact}.`;
}

function whenText(item: TimelineItem & { due: IsoDate }): string {
  if (item.window) return `Periode: ${dayMonthYear(item.window.from)} t/m ${dutchDate(item.window.to)}.`;
  const time = item.time === null ? '' : `, ${item.time} uur (Nederlandse tijd)`;
  if (item.type === 'info') return `Datum: ${dutchDate(item.due)}${time}.`;
  return `Uiterlijk: ${dutchDate(item.due)}${time}.`;
}

function statusText(item: TimelineItem): string {
  if (item.done !== null) return `Status: gedaan op ${dutchDate(item.done)} (vastgelegd).`;
  return `Status: ${STATUS_WORDS[item.status].nl}.`;
}

/** The derivation, the reading taken where the document is ambiguous, and the steps that get a date from this one. */
function derivationLines(item: TimelineItem, following: readonly TimelineItem[]): string[] {
  return [
    `Berekening: ${item.derivation.nl}.`,
    ...(item.derivation.reading ? [`Lezing: ${item.derivation.reading.nl}`] : []),
    ...(following.length > 0
      ? [
          'Daarna, zodra u dit vastlegt (nog zonder datum):',
          ...following.map((step) => `- ${step.title.nl}: ${step.derivation.nl}`),
        ]
      : []),
  ];
}

/** Who acts, when, the derivation, the status, the source with its wording, whom to ask, and the timeline. */
export function descriptionOf(
  item: TimelineItem & { due: IsoDate },
  insurerName: string,
  timelineUrl: string,
  options: { withStatus?: boolean; following?: readonly TimelineItem[] } = {},
): string {
  const flag = flagText(item.flags);
  const lines = [
    ...(item.expected
      ? [
          `Verwacht: ${insurerName} heeft het beleid voor dit jaar nog niet gepubliceerd; deze datum volgt het patroon van het laatste beleid (zie Berekening). Nog niet bindend: geen herinneringen, nooit te laat.`,
        ]
      : []),
    ...(item.published ? [publishedText(item, item.published, insurerName)] : []),
    whoActs(item, insurerName),
    whenText(item),
    ...(flag ? [`Let op: ${flag}.`] : []),
    ...derivationLines(item, options.following ?? []),
    ...(item.projected ? ['Verwachte datum: telt vanaf een eerdere stap die nog niet is vastgelegd.'] : []),
    ...(options.withStatus === false ? [] : [statusText(item)]),
    sourceLine(item),
    ...(item.contact === '' ? [] : [`Contact: ${item.contact}`]),
    `Tijdlijn: ${timelineUrl}`,
  ];
  return lines.join('\n');
}

/** What the document changed of the date she saw as expected (her calendar app shows the event moved). */
function publishedText(item: TimelineItem, published: PublishedChange, insurerName: string): string {
  const year = calendarYear(item.calendar);
  if (published.expected === null)
    return `Nieuw: ${insurerName} heeft het beleid ${year} gepubliceerd, met deze datum; die werd niet verwacht op basis van het beleid ${published.basis}.`;
  return `Gepubliceerd: ${insurerName} heeft het beleid ${year} gepubliceerd; deze datum werd eerder verwacht op ${format(published.expected, 'd MMMM yyyy')} (op basis van het beleid ${published.basis}).`;
}

/** The opening of a long window: from when the provider can act, and by when. */
export function openingDescriptionOf(
  item: TimelineItem & { due: IsoDate },
  insurerName: string,
  timelineUrl: string,
): string {
  return [
    `Vanaf vandaag kan het: ${lowerFirst(item.title.nl)} (${insurerName}).`,
    whenText(item),
    sourceLine(item),
    `Tijdlijn: ${timelineUrl}`,
  ].join('\n');
}

/** Her own item rests on her note; a calendar line on its document, section and wording. */
function sourceLine(item: TimelineItem): string {
  if (item.type === 'own') return `Bron: ${item.source.quote} (uw eigen datum)`;
  // The law: the rule (with its article, where it has one) and its wording.
  if (item.type === 'statutory')
    return `Bron (wet): ${item.source.document}${item.source.section === '' ? '' : `, ${item.source.section}`}: "${item.source.quote}"`;
  return `Bron: ${item.source.document}, ${sectionLabel(item.source.section)}: "${item.source.quote}"`;
}

function sectionLabel(section: string): string {
  return /^\d/.test(section) ? `paragraaf ${section}` : section;
}

/** `Over 7 dagen: CZ: …`, shown by the apps that honour alarms in subscribed calendars. */
export function alarmText(days: number, summary: string): string {
  if (days === 0) return `Vandaag: ${summary}`;
  return `Over ${days} ${days === 1 ? 'dag' : 'dagen'}: ${summary}`;
}
