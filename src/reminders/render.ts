import { DateTime } from 'luxon';
import { ZONE } from '../clock.js';
import { calendarYear } from '../domain/calendar.js';
import type { Language } from '../domain/language.js';
import type { DateFlag, IsoDate } from '../domain/types.js';
import { escapeHtml } from '../html.js';
import { inertText } from '../mail/inert-text.js';
import { DIGEST_WORDS as WORDS } from './digest-words.js';
import { introductionLines } from './introduction.js';
import type { Digest, Notice } from './plan.js';

/** Everything a digest mentions besides its notices. */
export interface DigestContext {
  language: Language;
  providerName: string;
  contactName: string | null;
  insurerName: (insurer: string) => string;
  timelineUrl: string;
  /** Her own page (a web sign-up): where she records steps and changes her details; shown instead of the timeline. */
  pageUrl?: string;
  feedUrl: string;
  unsubscribeUrl: string;
  /** The address of a page that records one of the provider's steps (absent: no such links). */
  recordUrl?: (itemId: string) => string;
  /** The first mail to a new address: the notice of who added it (the tenant's name) and the one-click stop go on top. */
  introduction?: { addedBy: string };
}

export interface RenderedDigest {
  subject: string;
  text: string;
  html: string;
}

/** A run formats the same few dates thousands of times; luxon's formatting is the costly part of rendering. */
const formatted = new Map<string, string>();

function formatDate(iso: IsoDate, language: Language, withYear = true): string {
  const key = `${iso}|${language}|${withYear}`;
  let text = formatted.get(key);
  if (text === undefined) {
    text = DateTime.fromISO(iso, { zone: ZONE })
      .setLocale(language)
      .toFormat(withYear ? 'cccc d LLLL yyyy' : 'cccc d LLLL');
    if (formatted.size > 10_000) formatted.clear();
    formatted.set(key, text);
  }
  return text;
}

/** One notice as lines of text: the same lines become the plain text and the HTML list item. */
interface NoticeLines {
  heading: string;
  lines: { label: string | null; text: string; link?: boolean }[];
}

function noticeLines(notice: Notice, context: DigestContext): NoticeLines {
  const { language } = context;
  const words = WORDS[language];
  const { item } = notice;
  const insurer = context.insurerName(item.insurer);
  const title = item.title[language];
  const date = formatDate(item.due, language) + (item.time ? ` ${item.time}` : '');
  const lines: NoticeLines['lines'] = [];
  const late = notice.kinds.includes('insurer-late');
  const label = item.type === 'advice' ? words.advice : item.actor === 'insurer' ? words.expected : words.due;
  lines.push({ label, text: notice.daysLeft >= 0 ? `${date} (${words.left(notice.daysLeft)})` : date });
  lines.push({ label: words.derivation, text: item.derivation[language] });
  if (item.derivation.reading) lines.push({ label: words.reading, text: item.derivation.reading[language] });
  for (const flag of item.flags) lines.push({ label: null, text: flagText(flag, item.actor === 'provider', language) });
  if (notice.previousDue !== null)
    lines.push({ label: null, text: words.changed(formatDate(notice.previousDue, language)) });
  if (notice.kinds.includes('published') && item.published?.expected) {
    const year = String(calendarYear(item.calendar));
    const expected = formatDate(item.published.expected, language);
    lines.push({ label: null, text: words.published(insurer, year, expected, item.published.basis) });
  }
  if (notice.kinds.includes('check-correction') && item.correction?.calendarNow) {
    const { calendarNow, original, due } = item.correction;
    const [now, was, hers] = [calendarNow, original, due].map((iso) => formatDate(iso, language));
    lines.push({ label: null, text: words.checkCorrection(now, was, hers) });
  }
  if (late) lines.push({ label: words.todo, text: words.late(insurer, formatDate(item.due, language), item.contact) });
  // A calendar line's note is the maintainers' (how the document was read), not hers: mails carry the title only.
  else if (item.actor === 'provider') lines.push({ label: words.todo, text: title });
  if (item.chain !== null) lines.push({ label: null, text: words.record });
  if (context.recordUrl && !late && item.actor === 'provider' && item.type === 'deadline') {
    lines.push({ label: words.recordLink, text: context.recordUrl(item.id), link: true });
  }
  lines.push({
    label: words.source,
    text:
      item.type === 'own'
        ? `${item.source.quote} (${words.ownDate})`
        : `${item.source.document}, ${words.section} ${item.source.section}: "${item.source.quote}"`,
  });
  return { heading: `${title} (${insurer === '' ? words.ownDate : insurer})`, lines };
}

/** "valt op zondag: regel het uiterlijk vrijdag 30 oktober" */
function flagText(flag: DateFlag, providerActs: boolean, language: Language): string {
  const words = WORDS[language];
  const falls = flag.code === 'weekend' ? words.weekend(flag.day) : words.holiday(flag.name);
  return providerActs ? `${falls}: ${words.actBy(formatDate(flag.lastWorkingDay, language, false))}` : falls;
}

function subjectOf(digest: Digest, context: DigestContext): string {
  const words = WORDS[context.language];
  const { nearest } = digest;
  const title = nearest.item.title[context.language];
  const insurer = context.insurerName(nearest.item.insurer);
  const date = formatDate(nearest.item.due, context.language);
  const main = nearest.kinds.includes('insurer-late')
    ? words.subjectLate(title, insurer)
    : nearest.kinds.length === 1 && nearest.kinds[0] === 'changed'
      ? words.subjectChanged(title, insurer, date)
      : nearest.kinds.length === 1 && nearest.kinds[0] === 'check-correction'
        ? words.subjectCheckCorrection(title, insurer)
        : nearest.kinds.length === 1 && nearest.kinds[0] === 'published'
          ? words.subjectPublished(title, insurer, date)
          : words.subjectDeadline(title, insurer, words.left(nearest.daysLeft), date);
  const others = digest.notices.length - 1;
  return others > 0 ? main + words.more(others) : main;
}

/** Subject, plain text and HTML of one digest, in the contact's language. Pure. */
export function renderDigest(digest: Digest, given: DigestContext): RenderedDigest {
  // Tenant-supplied names are printed inert: a name like "www.evil.nl" never becomes a link (issue 15).
  const context = {
    ...given,
    providerName: inertText(given.providerName),
    contactName: given.contactName === null ? null : inertText(given.contactName),
  };
  const words = WORDS[context.language];
  const blocks = digest.notices.map((notice) => noticeLines(notice, context));
  // She signed up on the site herself (her page exists): the footer says so, not that someone gave her address.
  const signedUp =
    context.pageUrl === undefined ? null : { site: new URL(context.pageUrl).host, pageUrl: context.pageUrl };
  const links = [
    context.pageUrl ? { label: words.page, url: context.pageUrl } : { label: words.timeline, url: context.timelineUrl },
    { label: words.feed, url: context.feedUrl },
    { label: words.unsubscribe, url: context.unsubscribeUrl },
  ];

  const introduction = given.introduction
    ? introductionLines({
        language: context.language,
        providerName: given.providerName,
        addedBy: given.introduction.addedBy,
        unsubscribeUrl: context.unsubscribeUrl,
      })
    : null;

  const text = [
    words.greeting(context.contactName),
    '',
    ...(introduction
      ? [introduction.added, `${introduction.stop}: ${context.unsubscribeUrl}`, '', introduction.first, '']
      : []),
    words.intro(context.providerName, blocks.length),
    '',
    ...blocks.flatMap((block) => [
      `* ${block.heading}`,
      ...block.lines.map((line) => `  ${line.label ? `${line.label}: ` : ''}${line.text}`),
      '',
    ]),
    ...links.map((link) => `${link.label}: ${link.url}`),
    '',
    ...(signedUp
      ? [words.signedUp(signedUp.site), `${words.signedUpPage}: ${signedUp.pageUrl}`, words.signedUpStop]
      : [words.footer]),
    '',
  ].join('\n');

  const html = [
    '<!doctype html>',
    `<html lang="${context.language}"><head><meta charset="utf-8"><title>${escapeHtml(subjectOf(digest, context))}</title></head>`,
    '<body style="font-family: sans-serif; line-height: 1.4">',
    `<p>${escapeHtml(words.greeting(context.contactName))}</p>`,
    ...(introduction
      ? [
          `<p>${escapeHtml(introduction.added)}</p>`,
          `<p>${escapeHtml(introduction.stop)}: <a href="${escapeHtml(context.unsubscribeUrl)}">${escapeHtml(context.unsubscribeUrl)}</a></p>`,
          `<p>${escapeHtml(introduction.first)}</p>`,
        ]
      : []),
    `<p>${escapeHtml(words.intro(context.providerName, blocks.length))}</p>`,
    '<ul>',
    ...blocks.map(
      (block) =>
        `<li><strong>${escapeHtml(block.heading)}</strong><br>${block.lines
          .map((line) =>
            line.link
              ? `<a href="${escapeHtml(line.text)}">${escapeHtml(line.label ?? line.text)}</a>`
              : line.label
                ? `<em>${escapeHtml(line.label)}:</em> ${escapeHtml(line.text)}`
                : escapeHtml(line.text),
          )
          .join('<br>')}</li>`,
    ),
    '</ul>',
    `<p>${links.map((link) => `<a href="${escapeHtml(link.url)}">${escapeHtml(link.label)}</a>`).join(' · ')}</p>`,
    signedUp
      ? `<p style="color: #666; font-size: small">${escapeHtml(words.signedUp(signedUp.site))}<br>${escapeHtml(words.signedUpPage)}: <a href="${escapeHtml(signedUp.pageUrl)}">${escapeHtml(signedUp.pageUrl)}</a><br>${escapeHtml(words.signedUpStop)}</p>`
      : `<p style="color: #666; font-size: small">${escapeHtml(words.footer)}</p>`,
    '</body></html>',
    '',
  ].join('\n');

  return { subject: subjectOf(digest, context), text, html };
}
