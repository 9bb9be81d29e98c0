import { randomUUID } from 'node:crypto';
import MailComposer from 'nodemailer/lib/mail-composer';
import { escapeHtml } from '../html.js';
import { privacyLine } from '../mail/privacy-line.js';
import { parseMailbox } from '../mail/address.js';
import { inertText } from '../mail/inert-text.js';
import type { MailTransport } from '../mail/transport.js';
import type { Language } from '../domain/language.js';

/** The front door's own mails: at most one link each, sent at once (not through the reminder outbox). */
export type WebMailKind = 'confirm' | 'welcome' | 'sign-in' | 'address-confirm' | 'address-changed' | 'address-left';

/**
 * Mails to an address that has not confirmed it wants them: anyone can have them sent to any address, so they
 * carry no text a person typed (no practice, no name, not even in the To header), only our own words and the link.
 */
const TO_UNCONFIRMED: ReadonlySet<WebMailKind> = new Set(['confirm', 'address-confirm']);

/** `other`: the other address of a change (the new one in mails to the old address, and the other way round). */
const MAILS: Record<
  Language,
  Record<WebMailKind, { subject: string; body: (practice: string, other: string) => string[]; button: string }>
> = {
  nl: {
    confirm: {
      subject: 'Bevestig uw aanmelding voor herinneringen',
      body: () => [
        'U (of iemand anders) heeft dit e-mailadres aangemeld voor herinneringen over contractdata van zorgverzekeraars.',
        'Klik op de link om uw aanmelding te bevestigen. De link werkt 7 dagen.',
        'Heeft u zich niet aangemeld? Doe dan niets. We sturen geen e-mail meer en verwijderen de aanmelding na 7 dagen.',
      ],
      button: 'Aanmelding bevestigen',
    },
    welcome: {
      subject: 'Uw pagina met contractdata',
      body: (practice) => [
        `Uw aanmelding voor ${practice} is bevestigd. Voortaan krijgt u een e-mail voordat een datum verloopt.`,
        'Op uw eigen pagina ziet u wat u als eerste moet doen en legt u vast wat u gedaan heeft. De link staat ook in elke herinnering. Deel hem niet: wie hem heeft, kan uw gegevens wijzigen.',
      ],
      button: 'Naar mijn pagina',
    },
    'sign-in': {
      subject: 'Nieuwe link naar uw pagina',
      body: (practice) => [
        `U vroeg een nieuwe link aan naar de pagina van ${practice}. De link werkt 24 uur en één keer. Daarna werkt uw oude link niet meer.`,
        'Heeft u dit niet gevraagd? Doe dan niets; uw oude link blijft werken.',
      ],
      button: 'Nieuwe link maken',
    },
    'address-confirm': {
      subject: 'Bevestig uw nieuwe e-mailadres',
      body: () => [
        'U wilt de herinneringen over contractdata van zorgverzekeraars voortaan op dit e-mailadres krijgen.',
        'Klik op de link om dit adres te bevestigen. Pas daarna gaan de e-mails hierheen. De link werkt 24 uur.',
        'Heeft u dit niet gevraagd? Doe dan niets. Er verandert niets.',
      ],
      button: 'Nieuw adres bevestigen',
    },
    'address-changed': {
      subject: 'Uw nieuwe e-mailadres is bevestigd',
      body: (practice, old) => [
        `De herinneringen voor ${practice} komen voortaan op dit adres. ${old} krijgt ze niet meer.`,
        'Op uw eigen pagina ziet u wat u als eerste moet doen en legt u vast wat u gedaan heeft. De link staat ook in elke herinnering. Deel hem niet: wie hem heeft, kan uw gegevens wijzigen.',
      ],
      button: 'Naar mijn pagina',
    },
    'address-left': {
      subject: 'Uw e-mailadres voor herinneringen is gewijzigd',
      body: (practice, next) => [
        `De herinneringen voor ${practice} gaan voortaan naar ${next}. Dit adres krijgt geen herinneringen meer.`,
        'Het nieuwe adres is bevestigd met een link die naar dat adres is gestuurd. Heeft u dit niet zelf gedaan? Vraag dan de collega die het nieuwe adres gebruikt om het terug te zetten.',
      ],
      button: '',
    },
  },
  en: {
    confirm: {
      subject: 'Confirm your sign-up for reminders',
      body: () => [
        "You (or someone else) signed up this e-mail address for reminders about insurers' contract dates.",
        'Click the link to confirm. It works for 7 days.',
        'Did not sign up? Do nothing. We send no more e-mail and delete the sign-up after 7 days.',
      ],
      button: 'Confirm sign-up',
    },
    welcome: {
      subject: 'Your page with contract dates',
      body: (practice) => [
        `Your sign-up for ${practice} is confirmed. From now on you get an e-mail before a date passes.`,
        'Your own page shows what to do first and lets you record what you did. The link is in every reminder too. Do not share it: whoever has it can change your details.',
      ],
      button: 'To my page',
    },
    'sign-in': {
      subject: 'A new link to your page',
      body: (practice) => [
        `You asked for a new link to the page of ${practice}. The link works once, for 24 hours. Your old link then stops working.`,
        'Did not ask for this? Do nothing; your old link keeps working.',
      ],
      button: 'Make a new link',
    },
    'address-confirm': {
      subject: 'Confirm your new e-mail address',
      body: () => [
        "You want the reminders about insurers' contract dates to come to this e-mail address from now on.",
        'Click the link to confirm this address. Only then do the e-mails come here. The link works for 24 hours.',
        'Did not ask for this? Do nothing. Nothing changes.',
      ],
      button: 'Confirm new address',
    },
    'address-changed': {
      subject: 'Your new e-mail address is confirmed',
      body: (practice, old) => [
        `The reminders for ${practice} now come to this address. ${old} no longer gets them.`,
        'Your own page shows what to do first and lets you record what you did. The link is in every reminder too. Do not share it: whoever has it can change your details.',
      ],
      button: 'To my page',
    },
    'address-left': {
      subject: 'Your e-mail address for reminders has changed',
      body: (practice, next) => [
        `The reminders for ${practice} now go to ${next}. This address no longer gets them.`,
        'The new address was confirmed with a link sent to it. Did you not do this yourself? Then ask the colleague who uses the new address to change it back.',
      ],
      button: '',
    },
  },
};

export interface WebMail {
  kind: WebMailKind;
  language: Language;
  to: { address: string; name: string | null };
  practice: string;
  /** None for a notice (the old address of a change gets no link to her page). */
  link: string | null;
  /** The other address of a change. */
  other?: string;
}

/** Builds the message with nodemailer's MailComposer (it encodes names and folds headers) and sends it. */
export async function sendWebMail(
  transport: MailTransport,
  from: string,
  mail: WebMail,
  publicBaseUrl = '',
): Promise<void> {
  const privacy = privacyLine(publicBaseUrl, mail.language);
  const words = MAILS[mail.language][mail.kind];
  const unconfirmed = TO_UNCONFIRMED.has(mail.kind);
  // Every text a person supplied (practice, name, the other address) is printed defanged: no client makes a link of it.
  const paragraphs = unconfirmed
    ? words.body('', '')
    : words.body(inertText(mail.practice), inertText(mail.other ?? ''));
  const toName = unconfirmed || !mail.to.name ? null : inertText(mail.to.name);
  const text = [
    ...paragraphs,
    ...(mail.link ? [`${words.button}: ${mail.link}`] : []),
    `${privacy.label}: ${privacy.url}`,
    '',
  ].join('\n\n');
  const html = [
    `<!doctype html><html lang="${mail.language}"><head><meta charset="utf-8"><title>${escapeHtml(words.subject)}</title></head><body style="font-family: sans-serif; line-height: 1.5">`,
    ...paragraphs.map((p) => `<p>${escapeHtml(p)}</p>`),
    ...(mail.link
      ? [
          `<p><a href="${escapeHtml(mail.link)}">${escapeHtml(words.button)}</a></p>`,
          `<p style="color:#555;font-size:small">${escapeHtml(mail.link)}</p>`,
        ]
      : []),
    `<p style="color:#555;font-size:small"><a href="${escapeHtml(privacy.url)}">${escapeHtml(privacy.label)}</a></p>`,
    '</body></html>',
  ].join('\n');
  const domain = parseMailbox(from).address.split('@')[1] ?? 'localhost';
  const raw = await new Promise<Buffer>((resolve, reject) => {
    new MailComposer({
      from,
      to: toName ? { name: toName, address: mail.to.address } : mail.to.address,
      subject: words.subject,
      text,
      html,
      messageId: `<${randomUUID()}@${domain}>`,
      date: new Date(),
      headers: { 'Auto-Submitted': 'auto-generated' },
    })
      .compile()
      .build((error, message) => (error ? reject(error) : resolve(message)));
  });
  await transport.send(
    { from: parseMailbox(from).address, to: mail.to.address },
    raw,
    `web-${mail.kind}-${randomUUID()}`,
  );
}
