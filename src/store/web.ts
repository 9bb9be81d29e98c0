import { randomUUID } from 'node:crypto';
import type { Contract, IsoDate, ProviderKind } from '../domain/types.js';
import type { ApiKeyStore } from './api-keys.js';
import { nowIso, type Db } from './database.js';
import type { Language } from '../domain/language.js';
import type { ProviderInput, ProviderStore } from './providers.js';
import { SecretTokens } from './secrets.js';
import { addressKey, hashWebToken, isWebTokenShape, newWebToken, sameHash } from './web-tokens.js';

/** What the sign-up form said; applied when the address is confirmed. */
export interface SignupDetails {
  kinds: ProviderKind[];
  contracts: Contract[];
  name: string | null;
  practice: string;
  agb: string | null;
  language: Language;
  reminderDays: number[];
}

export interface WebAccount {
  providerId: string;
  apiKeyId: string;
}

export type LinkPurpose = 'sign-in' | 'record';

export interface WebLink {
  providerId: string;
  item: string | null;
  expired: boolean;
  /** The address of the contact the link was mailed to (a digest's "gedaan" link), while she is a contact. */
  contactEmail: string | null;
}

/** AGB is optional on the web form; the providers table needs 8 digits, so "not given" is this code. */
export const AGB_NOT_GIVEN = '00000000';

const DAY_MS = 24 * 60 * 60 * 1000;
/** An unconfirmed sign-up, and its confirmation link, live this long. */
export const SIGNUP_TTL_MS = 7 * DAY_MS;
export const LINK_TTL_MS: Record<LinkPurpose, number> = { 'sign-in': DAY_MS, record: 60 * DAY_MS };

interface SignupRow {
  id: string;
  email: string;
  token_hash: string;
  details: string;
  expires_at: string;
}

/** Sign-ups, their accounts and the links mailed to them; each secret stored as a hash (web-tokens.ts). */
export class WebStore {
  private readonly statements;
  private readonly tokens: SecretTokens;

  /** The providers and API keys are the service's own (src/store/index.ts): a sign-up lands in their cache. */
  constructor(
    private readonly db: Db,
    private readonly providers: ProviderStore,
    private readonly apiKeys: ApiKeyStore,
  ) {
    this.tokens = new SecretTokens(db);
    this.statements = {
      insertSignup: db.prepare(`INSERT INTO web_signups (id, email, token_hash, details, created_at, expires_at)
        VALUES (@id, @email, @tokenHash, @details, @now, @expiresAt) ON CONFLICT DO NOTHING`),
      signupByHash: db.prepare<[string], SignupRow>('SELECT * FROM web_signups WHERE token_hash = ?'),
      deleteSignup: db.prepare<[string]>('DELETE FROM web_signups WHERE id = ?'),
      introduceContacts: db.prepare<[string, string]>(
        'UPDATE contacts SET introduced_on = ? WHERE provider_id = ? AND introduced_on IS NULL',
      ),
      insertAccount: db.prepare('INSERT INTO web_accounts (provider_id, api_key_id, created_at) VALUES (?, ?, ?)'),
      accountOf: db.prepare<[string], { provider_id: string; api_key_id: string }>(
        'SELECT provider_id, api_key_id FROM web_accounts WHERE provider_id = ?',
      ),
      accountByLegacyHash: db.prepare<[string], { provider_id: string; api_key_id: string; hash: string }>(
        'SELECT provider_id, api_key_id, legacy_page_token_hash AS hash FROM web_accounts WHERE legacy_page_token_hash = ?',
      ),
      accountsByEmail: db.prepare<[string], { provider_id: string }>(`SELECT DISTINCT a.provider_id FROM web_accounts a
        JOIN contacts c ON c.provider_id = a.provider_id WHERE c.email = ? COLLATE NOCASE`),
      forgetLegacyPage: db.prepare<[string]>(
        'UPDATE web_accounts SET legacy_page_token_hash = NULL WHERE provider_id = ?',
      ),
      insertLink: db.prepare(`INSERT INTO web_links (token_hash, purpose, provider_id, item, contact_id, created_at,
        expires_at) VALUES (@tokenHash, @purpose, @providerId, @item, @contactId, @now, @expiresAt)`),
      linkByHash: db.prepare<
        [string, string],
        { provider_id: string; item: string | null; token_hash: string; expires_at: string; email: string | null }
      >(`SELECT l.provider_id, l.item, l.token_hash, l.expires_at, c.email FROM web_links l
        LEFT JOIN contacts c ON c.id = l.contact_id AND c.provider_id = l.provider_id
        WHERE l.token_hash = ? AND l.purpose = ?`),
      deleteLink: db.prepare<[string]>('DELETE FROM web_links WHERE token_hash = ?'),
      mailsSince: db.prepare<[string, string], { n: number }>(
        'SELECT count(*) AS n FROM web_mail_log WHERE address_hash = ? AND sent_at > ?',
      ),
      logMail: db.prepare<[string, string]>('INSERT INTO web_mail_log (address_hash, sent_at) VALUES (?, ?)'),
      purgeSignups: db.prepare<[string]>('DELETE FROM web_signups WHERE expires_at <= ?'),
      purgeLinks: db.prepare<[string]>('DELETE FROM web_links WHERE expires_at <= ?'),
      purgeMailLog: db.prepare<[string]>('DELETE FROM web_mail_log WHERE sent_at <= ?'),
      contactEmails: db.prepare<[string], { email: string }>('SELECT email FROM contacts WHERE provider_id = ?'),
      deleteOutbox: db.prepare<[string]>('DELETE FROM mail_outbox WHERE provider_id = ?'),
      deleteFeedStates: db.prepare<[string]>("DELETE FROM feed_states WHERE feed = 'provider/' || ?"),
      deleteFeedItems: db.prepare<[string]>("DELETE FROM feed_items WHERE feed = 'provider/' || ?"),
      deleteSignupsOf: db.prepare<[string]>('DELETE FROM web_signups WHERE email = ? COLLATE NOCASE'),
      deleteMailLogOf: db.prepare<[string]>('DELETE FROM web_mail_log WHERE address_hash = ?'),
      setReminders: db.prepare<{
        providerId: string;
        email: string;
        at: string | null;
      }>(`UPDATE contacts SET unsubscribed_at = @at
        WHERE provider_id = @providerId AND email = @email COLLATE NOCASE AND (unsubscribed_at IS NULL) <> (@at IS NULL)`),
      // Her own page is her own opt-in: turning reminders on takes her address off her tenant's suppression list too.
      unsuppress: db.prepare<{
        providerId: string;
        email: string;
      }>(`DELETE FROM mail_suppressions WHERE address_hash = secret_hash('address:' || lower(@email))
        AND owner_key_id = (SELECT owner_key_id FROM providers WHERE id = @providerId)`),
      remindersOn: db.prepare<
        [string, string],
        { off: string | null; suppressed: number }
      >(`SELECT c.unsubscribed_at AS off, EXISTS (SELECT 1 FROM mail_suppressions s
        WHERE s.owner_key_id = p.owner_key_id AND s.address_hash = secret_hash('address:' || lower(c.email))) AS suppressed
        FROM contacts c JOIN providers p ON p.id = c.provider_id WHERE c.provider_id = ? AND c.email = ? COLLATE NOCASE`),
      deleteSuppressionsOf: db.prepare<[string]>('DELETE FROM mail_suppressions WHERE owner_key_id = ?'),
      deleteContactLedgerOf: db.prepare<[string]>('DELETE FROM new_contact_ledger WHERE key_id = ?'),
      deleteApiKey: db.prepare<{ id: string }>(
        'DELETE FROM api_keys WHERE id = @id AND NOT EXISTS (SELECT 1 FROM providers WHERE owner_key_id = @id)',
      ),
    };
  }

  /** A new unconfirmed sign-up, with the token for its one mail; null when this address already waits for one. */
  createSignup(email: string, details: SignupDetails, now = new Date()): { token: string } | null {
    const { token, hash } = newWebToken(this.db);
    const inserted = this.statements.insertSignup.run({
      id: randomUUID(),
      email,
      tokenHash: hash,
      details: JSON.stringify(details),
      now: now.toISOString(),
      expiresAt: new Date(now.getTime() + SIGNUP_TTL_MS).toISOString(),
    });
    return inserted.changes === 1 ? { token } : null;
  }

  /** The sign-up a confirmation link belongs to: 'expired' once its 7 days are over (until the purge deletes it). */
  signup(token: string, now = new Date()): { email: string; details: SignupDetails } | 'expired' | undefined {
    const row = this.signupRow(token);
    if (!row) return undefined;
    if (row.expires_at <= now.toISOString()) return 'expired';
    return { email: row.email, details: JSON.parse(row.details) as SignupDetails };
  }

  /**
   * Confirms a sign-up: its provider under a tenant of its own (an api_keys row whose key nobody holds,
   * so two people of one practice, or one AGB code, never collide), and a page link. One transaction.
   */
  confirmSignup(
    token: string,
    today: IsoDate,
    now = new Date(),
  ): { account: WebAccount; pageToken: string } | undefined {
    return this.db.transaction(() => {
      const row = this.signupRow(token);
      if (!row || row.expires_at <= now.toISOString()) return undefined;
      const details = JSON.parse(row.details) as SignupDetails;
      const { apiKey } = this.apiKeys.create(`webaanmelding ${row.id}`);
      const input: ProviderInput = {
        name: details.practice,
        agb: details.agb ?? AGB_NOT_GIVEN,
        kinds: details.kinds,
        contracts: details.contracts,
        contacts: [{ email: row.email, name: details.name, language: details.language }],
        reminderDays: details.reminderDays,
      };
      const provider = this.providers.create(apiKey.id, input);
      // She confirmed the address herself (double opt-in): no first-mail notice naming who added it.
      this.statements.introduceContacts.run(today, provider.id);
      this.statements.insertAccount.run(provider.id, apiKey.id, nowIso());
      const pageToken = this.tokens.issue('page', provider.id);
      this.statements.deleteSignup.run(row.id);
      return { account: { providerId: provider.id, apiKeyId: apiKey.id }, pageToken };
    })();
  }

  /** The account behind a page link: her derived link, or one made before migration 007 that she still holds. */
  account(pageToken: string): WebAccount | undefined {
    if (!isWebTokenShape(pageToken)) return undefined;
    const providerId = this.tokens.find('page', pageToken);
    if (providerId !== undefined) {
      const row = this.statements.accountOf.get(providerId);
      return row && { providerId: row.provider_id, apiKeyId: row.api_key_id };
    }
    const hash = hashWebToken(this.db, pageToken);
    const legacy = this.statements.accountByLegacyHash.get(hash);
    return legacy && sameHash(legacy.hash, hash)
      ? { providerId: legacy.provider_id, apiKeyId: legacy.api_key_id }
      : undefined;
  }

  /** Her page link's secret, rebuilt from the server key when a mail is made (undefined: not a web sign-up). */
  pageToken(providerId: string): string | undefined {
    return this.tokens.current('page', providerId);
  }

  /** `pageToken` for many providers in one query (planning reads a page of providers at a time). */
  pageTokensOf(providerIds: readonly string[]): Map<string, string> {
    return this.tokens.currentOf('page', providerIds);
  }

  /** Web accounts with a contact at this address (for "send me a new link"). */
  accountsWithAddress(email: string): string[] {
    return this.statements.accountsByEmail.all(email).map((row) => row.provider_id);
  }

  /** A new page link; the old one (also one made before migration 007) stops working at once. */
  rotatePageToken(providerId: string): string {
    return this.db.transaction(() => {
      this.statements.forgetLegacyPage.run(providerId);
      return this.tokens.issue('page', providerId);
    })();
  }

  createLink(purpose: LinkPurpose, providerId: string, item: string | null = null, now = new Date()): string {
    const link = this.prepareLink(purpose, providerId, item, now);
    link.save();
    return link.token;
  }

  /** A link whose row is written later by `save`, inside the caller's transaction (a digest stores it with its mail). */
  prepareLink(
    purpose: LinkPurpose,
    providerId: string,
    item: string | null,
    now = new Date(),
    contactId: number | null = null,
  ): { token: string; save: () => void } {
    const { token, hash } = newWebToken(this.db);
    const row = {
      tokenHash: hash,
      purpose,
      providerId,
      item,
      contactId,
      now: now.toISOString(),
      expiresAt: new Date(now.getTime() + LINK_TTL_MS[purpose]).toISOString(),
    };
    return { token, save: () => void this.statements.insertLink.run(row) };
  }

  link(purpose: LinkPurpose, token: string, now = new Date()): WebLink | undefined {
    if (!isWebTokenShape(token)) return undefined;
    const hash = hashWebToken(this.db, token);
    const row = this.statements.linkByHash.get(hash, purpose);
    if (!row || !sameHash(row.token_hash, hash)) return undefined;
    return {
      providerId: row.provider_id,
      item: row.item,
      expired: row.expires_at <= now.toISOString(),
      contactEmail: row.email,
    };
  }

  /** A sign-in link works once. */
  useLink(token: string): void {
    if (isWebTokenShape(token)) this.statements.deleteLink.run(hashWebToken(this.db, token));
  }

  /** Mails the front door sent to this address in the last `windowMs`. */
  mailsSent(email: string, windowMs: number, now = new Date()): number {
    return (
      this.statements.mailsSince.get(addressKey(this.db, email), new Date(now.getTime() - windowMs).toISOString()) as {
        n: number;
      }
    ).n;
  }

  logMail(email: string, now = new Date()): void {
    this.statements.logMail.run(addressKey(this.db, email), now.toISOString());
  }

  /** Drops unconfirmed sign-ups after 7 days, expired links, and mail counts older than a day. */
  purge(now = new Date()): { signups: number; links: number } {
    const iso = now.toISOString();
    return this.db.transaction(() => {
      const signups = this.statements.purgeSignups.run(iso).changes;
      const links = this.statements.purgeLinks.run(iso).changes;
      this.statements.purgeMailLog.run(new Date(now.getTime() - DAY_MS).toISOString());
      return { signups, links };
    })();
  }

  /** Whether her address gets reminder mails (an unsubscribe link turns them off; her settings turn them on again). */
  remindersOn(providerId: string, email: string): boolean {
    const row = this.statements.remindersOn.get(providerId, email);
    return row !== undefined && row.off === null && row.suppressed === 0;
  }

  setReminders(providerId: string, email: string, on: boolean): void {
    this.db.transaction(() => {
      this.statements.setReminders.run({ providerId, email, at: on ? null : nowIso() });
      if (on) this.statements.unsuppress.run({ providerId, email });
    })();
  }

  /** Everything about one account: provider, contracts, contacts, events, outbox rows, feed state, links, its tenant. */
  deleteAccount(account: WebAccount): void {
    this.db.transaction(() => {
      const emails = this.statements.contactEmails.all(account.providerId).map((row) => row.email);
      this.statements.deleteOutbox.run(account.providerId);
      this.statements.deleteFeedItems.run(account.providerId);
      this.statements.deleteFeedStates.run(account.providerId);
      this.providers.delete(account.providerId);
      this.tokens.forget('page', account.providerId);
      // Her tenant goes with her, and so does its suppression list: it holds only her own address.
      this.statements.deleteSuppressionsOf.run(account.apiKeyId);
      this.statements.deleteContactLedgerOf.run(account.apiKeyId);
      this.statements.deleteApiKey.run({ id: account.apiKeyId });
      for (const email of emails) {
        this.statements.deleteSignupsOf.run(email);
        this.statements.deleteMailLogOf.run(addressKey(this.db, email));
      }
    })();
  }

  private signupRow(token: string): SignupRow | undefined {
    if (!isWebTokenShape(token)) return undefined;
    const hash = hashWebToken(this.db, token);
    const row = this.statements.signupByHash.get(hash);
    return row && sameHash(row.token_hash, hash) ? row : undefined;
  }
}
