import type { TimelineItem } from '../domain/types.js';
import { escapeHtml } from '../html.js';
import { dutchDate, flagText, summaryOf } from './wording.js';

/**
 * A provider's timeline as a plain Dutch web page, behind the same secret address as its feed:
 * where the links in calendar events and e-mails lead a person (the API itself needs a key).
 */
export interface TimelinePage {
  providerName: string;
  items: readonly TimelineItem[];
  insurerName: (item: TimelineItem) => string;
  feedUrl: string;
  today: string;
}

const STATUS: Record<TimelineItem['status'], string> = {
  upcoming: 'gepland',
  'due-soon': 'binnenkort',
  overdue: 'verstreken',
  done: 'gedaan',
  passed: 'voorbij',
  waiting: 'nog geen datum',
};

export function renderTimelinePage(page: TimelinePage): string {
  const rows = page.items.map((item) => {
    const when =
      item.due === null ? 'na de vorige stap' : item.window ? `${dutchDate(item.window.from)} t/m ${dutchDate(item.window.to)}` : `${dutchDate(item.due)}${item.time ? `, ${item.time} uur` : ''}`;
    const status = item.done !== null ? `gedaan op ${dutchDate(item.done)}` : STATUS[item.status] + (item.projected ? ' (verwacht)' : '');
    const flag = flagText(item.flags);
    return [
      `<tr class="${item.done !== null ? 'done' : item.status}">`,
      `<td>${escapeHtml(when)}${flag ? `<br><small>${escapeHtml(flag)}</small>` : ''}</td>`,
      `<td>${escapeHtml(summaryOf(item, page.insurerName(item)))}`,
      `<br><small class="derivation">Berekening: ${escapeHtml(item.derivation.nl)}${item.derivation.reading ? `<br>Lezing: ${escapeHtml(item.derivation.reading.nl)}` : ''}</small>`,
      `<br><small>${escapeHtml(item.source.document)}, ${escapeHtml(item.source.section)}: “${escapeHtml(item.source.quote)}”</small></td>`,
      `<td>${escapeHtml(status)}</td>`,
      '</tr>',
    ].join('');
  });
  return [
    '<!doctype html>',
    '<html lang="nl"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">',
    '<meta name="robots" content="noindex">',
    `<title>Contractdeadlines ${escapeHtml(page.providerName)}</title>`,
    '<style>body{font-family:sans-serif;margin:1rem auto;max-width:60rem;padding:0 1rem;line-height:1.4}table{border-collapse:collapse;width:100%}td,th{border-bottom:1px solid #ddd;padding:.4rem;text-align:left;vertical-align:top}small{color:#555}.overdue td:last-child{color:#b00}.due-soon td:last-child{color:#a60;font-weight:bold}.done{color:#777}</style>',
    '</head><body>',
    `<h1>Contractdeadlines ${escapeHtml(page.providerName)}</h1>`,
    `<p>Stand van ${escapeHtml(dutchDate(page.today))}. Abonneer u in uw agenda op <a href="${escapeHtml(page.feedUrl)}">deze iCal-feed</a> om alles in Google Agenda, Outlook of Apple Agenda te zien.</p>`,
    rows.length === 0
      ? '<p>Er zijn geen data voor deze zorgaanbieder.</p>'
      : `<table><thead><tr><th>Datum</th><th>Wat</th><th>Status</th></tr></thead><tbody>\n${rows.join('\n')}\n</tbody></table>`,
    '</body></html>',
    '',
  ].join('\n');
}
