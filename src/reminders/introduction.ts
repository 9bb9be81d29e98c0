import { catalogues, type Language } from '../domain/language.js';
import { escapeHtml } from '../html.js';
import { inertText } from '../mail/inert-text.js';

/** Who put an address on the list: the provider, and the tenant (API key) that registered it. */
export interface IntroductionContext {
  language: Language;
  providerName: string;
  addedBy: string;
  unsubscribeUrl: string;
}

const WORDS = catalogues(
  {
    subject: 'Uw e-mailadres is opgegeven voor herinneringen over zorginkoop',
    greeting: 'Beste lezer,',
    added: (provider: string, by: string) =>
      `Zorgaanbieder "${provider}" heeft dit e-mailadres (via "${by}") opgegeven voor herinneringen aan de data van de zorginkoop bij zorgverzekeraars.`,
    next: 'Vanaf de volgende keer ontvangt u deze herinneringen. Deze e-mail bevat verder niets; u hoeft niets te doen.',
    stop: 'Wilt u dit niet, of kent u deze zorgaanbieder niet? Eén klik stopt alles',
    footer: 'Dit bericht gaat eenmalig naar een nieuw opgegeven adres.',
    first: 'Dit is de eerste e-mail aan dit adres; hieronder staat wat nu uw aandacht vraagt.',
  },
  {
    subject: 'Your e-mail address was given for purchasing-calendar reminders',
    greeting: 'Hello,',
    added: (provider: string, by: string) =>
      `Care provider "${provider}" gave this e-mail address (through "${by}") for reminders of health insurers' purchasing dates.`,
    next: 'From the next time on you will receive these reminders. This e-mail says nothing else; you need not do anything.',
    stop: 'Not wanted, or you do not know this care provider? One click stops everything',
    footer: 'This message goes once to a newly given address.',
    first: 'This is the first e-mail to this address; below is what needs your attention now.',
  },
);

/**
 * The notice at the top of the first digest to a new address: who added it (names inert, never a link) and the
 * one-click stop, as plain lines; the digest under it is in the same mail. Pure.
 */
export function introductionLines(context: IntroductionContext): { added: string; first: string; stop: string } {
  const words = WORDS[context.language];
  return {
    added: words.added(inertText(context.providerName), inertText(context.addedBy)),
    first: words.first,
    stop: words.stop,
  };
}

/**
 * The first mail to a new address when there is nothing to remind of that day: only who added it and a one-click stop, no deadlines and no other link,
 * so the service cannot be used to put a tenant's text in a stranger's inbox. Names are printed inert (never a link). Pure.
 */
export function renderIntroduction(context: IntroductionContext): { subject: string; text: string; html: string } {
  const words = WORDS[context.language];
  const added = words.added(inertText(context.providerName), inertText(context.addedBy));
  const text = [
    words.greeting,
    '',
    added,
    '',
    words.next,
    '',
    `${words.stop}: ${context.unsubscribeUrl}`,
    '',
    words.footer,
    '',
  ].join('\n');
  const html = [
    '<!doctype html>',
    `<html lang="${context.language}"><head><meta charset="utf-8"><title>${escapeHtml(words.subject)}</title></head>`,
    '<body style="font-family: sans-serif; line-height: 1.4">',
    `<p>${escapeHtml(words.greeting)}</p>`,
    `<p>${escapeHtml(added)}</p>`,
    `<p>${escapeHtml(words.next)}</p>`,
    `<p>${escapeHtml(words.stop)}: <a href="${escapeHtml(context.unsubscribeUrl)}">${escapeHtml(context.unsubscribeUrl)}</a></p>`,
    `<p style="color: #666; font-size: small">${escapeHtml(words.footer)}</p>`,
    '</body></html>',
    '',
  ].join('\n');
  return { subject: words.subject, text, html };
}
