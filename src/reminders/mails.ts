import { createHash } from 'node:crypto';
import type { IsoDate } from '../domain/types.js';
import { providerFeedUrl, providerPageUrl } from '../feeds/urls.js';
import { recipientProblem } from '../mail/address.js';
import type { OutgoingMail } from '../mail/compose.js';
import { inertText } from '../mail/inert-text.js';
import { privacyLine } from '../mail/privacy-line.js';
import { escapeHtml } from '../html.js';
import type { ApiKeyStore } from '../store/api-keys.js';
import type { PlannedMail } from '../store/outbox.js';
import type { ProviderRecord } from '../store/providers.js';
import type { ReminderContact, ToldNotice } from '../store/reminders.js';
import type { WebStore } from '../store/web.js';
import { renderIntroduction } from './introduction.js';
import type { Digest } from './plan.js';
import { renderDigest, type RenderedDigest } from './render.js';

/**
 * A message for the outbox, still to be composed into bytes, with what it tells and the record links it carries
 * (saved in the outbox's transaction, never without the mail), or why it cannot be sent.
 */
export type BuiltMail =
  | { mail: Omit<PlannedMail, 'raw'>; outgoing: OutgoingMail; told: ToldNotice[]; links: (() => void)[] }
  | { mail: Omit<PlannedMail, 'raw'>; error: string };

export interface ReminderMailOptions {
  apiKeys: ApiKeyStore;
  webLinks: WebStore;
  insurerNames: ReadonlyMap<string, string>;
  publicBaseUrl: string;
  mailFrom: string;
  fromDomain: string;
  now: () => Date;
}

/**
 * Builds the mails a contact gets: the daily digest (the first one to a new address with the notice on top) and,
 * on a first day with nothing to remind of, the notice alone; each with its own unsubscribe link.
 */
export class ReminderMails {
  constructor(private readonly options: ReminderMailOptions) {}

  introduction(provider: ProviderRecord, contact: ReminderContact, day: IsoDate): BuiltMail {
    const rendered = renderIntroduction({
      language: contact.language,
      providerName: provider.name,
      addedBy: this.addedBy(provider),
      unsubscribeUrl: this.unsubscribeUrl(contact),
    });
    return this.compose(provider, contact, day, rendered, [], []);
  }

  /** Who registered the address: the tenant's (API key's) name. */
  private addedBy(provider: ProviderRecord): string {
    return this.options.apiKeys.get(provider.ownerKeyId)?.name ?? provider.name;
  }

  private unsubscribeUrl(contact: ReminderContact): string {
    return `${this.options.publicBaseUrl}/unsubscribe/${contact.unsubscribeToken}`;
  }

  /** The page links of these providers' web sign-ups (see `digest`), read in one query. */
  pageTokensOf(providerIds: readonly string[]): ReadonlyMap<string, string> {
    return this.options.webLinks.pageTokensOf(providerIds);
  }

  /**
   * `pageToken`: a web sign-up's page link (`pageTokensOf`), rebuilt from the server key when the mail is made:
   * it lives in the mail only, never in the database; undefined when the provider did not sign up on the web.
   */
  /**
   * `first`: the first mail to a new address, with the notice of who added it on top (see `introduction` for
   * the notice alone, on a day with nothing to remind of).
   */
  digest(
    provider: ProviderRecord,
    contact: ReminderContact,
    digest: Digest,
    pageToken: string | undefined,
    first = false,
  ): BuiltMail {
    const base = this.options.publicBaseUrl;
    const links: (() => void)[] = [];
    const rendered = renderDigest(digest, {
      language: contact.language,
      providerName: provider.name,
      contactName: contact.name,
      insurerName: (insurer) => this.options.insurerNames.get(insurer) ?? insurer,
      timelineUrl: providerPageUrl(base, provider.feedToken),
      ...(pageToken === undefined ? {} : { pageUrl: `${base}/mijn/${pageToken}` }),
      feedUrl: providerFeedUrl(base, provider.feedToken),
      unsubscribeUrl: this.unsubscribeUrl(contact),
      ...(first ? { introduction: { addedBy: this.addedBy(provider) } } : {}),
      // "Gedaan? Leg het vast": a link per step that records it through a confirmation page (GET shows, POST records).
      recordUrl: (itemId) => {
        const link = this.options.webLinks.prepareLink('record', provider.id, itemId, this.options.now(), contact.id);
        links.push(link.save);
        return `${base}/gedaan/${link.token}`;
      },
    });
    const told = digest.notices.flatMap((notice) =>
      notice.keys.map((key) => ({ item: notice.item.id, notice: key, due: notice.item.due })),
    );
    return this.compose(provider, contact, digest.day, rendered, told, links);
  }

  private compose(
    provider: ProviderRecord,
    contact: ReminderContact,
    day: IsoDate,
    given: RenderedDigest,
    told: ToldNotice[],
    links: (() => void)[],
  ): BuiltMail {
    const privacy = privacyLine(this.options.publicBaseUrl, contact.language);
    // Every mail names where its privacy statement and the operator's contact are.
    const rendered = {
      ...given,
      text: `${given.text.replace(/\n+$/, '')}\n\n${privacy.label}: ${privacy.url}\n`,
      html: given.html.replace(
        '</body></html>',
        `<p style="color: #666; font-size: small"><a href="${escapeHtml(privacy.url)}">${escapeHtml(privacy.label)}</a></p>\n</body></html>`,
      ),
    };
    const unsubscribeUrl = this.unsubscribeUrl(contact);
    // Same contact, day and content: same Message-ID, so a resend is recognisable as the same mail.
    const hash = createHash('sha256')
      .update(`${contact.id}\n${day}\n${rendered.subject}\n${rendered.text}`)
      .digest('hex');
    const head = {
      id: `${day}/c${contact.id}`,
      contactId: contact.id,
      providerId: provider.id,
      day,
      recipient: contact.email,
      subject: rendered.subject,
      messageId: `${hash.slice(0, 32)}.${day}@${this.options.fromDomain}`,
    };
    const problem = recipientProblem(contact.email, contact.name);
    if (problem) return { mail: head, error: `refused before sending: ${problem}` };
    const outgoing = {
      from: this.options.mailFrom,
      // The To name is shown by mail clients too: defanged like every name in the bodies.
      to: { name: contact.name === null ? null : inertText(contact.name), address: contact.email },
      ...rendered,
      messageId: head.messageId,
      date: this.options.now(),
      unsubscribeUrl,
    };
    return { mail: head, outgoing, told, links };
  }
}
