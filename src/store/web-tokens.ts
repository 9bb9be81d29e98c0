import { timingSafeEqual } from 'node:crypto';
import type { Db } from './database.js';
import { keyedHash, randomToken } from './secrets.js';

/**
 * The one-time secrets of the web front door (confirmation, sign-in, record and address-change links) are made
 * and looked up here: the database keeps an HMAC under the server key (src/store/secrets.ts), the link itself
 * lives in one mail, so a copy of the database opens no page. Her page link is a derived token instead
 * (SecretTokens, purpose 'page'), so every mail can carry it, rebuilt from the server key.
 */

/** 32 random bytes (256 bits), URL-safe. */
export function newWebToken(db: Db): { token: string; hash: string } {
  const token = randomToken(32);
  return { token, hash: hashWebToken(db, token) };
}

export function hashWebToken(db: Db, token: string): string {
  return keyedHash(db, `web-link\u001f${token}`);
}

/** A link token can only be URL-safe base64 of 32 bytes; anything else is not looked up at all. */
export function isWebTokenShape(token: string): boolean {
  return /^[A-Za-z0-9_-]{43}$/.test(token);
}

/** The hash of a presented token against a stored one, in time independent of where they differ. */
export function sameHash(stored: string, presentedHash: string): boolean {
  const a = Buffer.from(stored, 'utf8');
  const b = Buffer.from(presentedHash, 'utf8');
  return a.length === b.length && timingSafeEqual(a, b);
}

/** The keyed hash of a lower-cased address: what the per-address mail limit counts, without keeping the address. */
export function addressKey(db: Db, email: string): string {
  return keyedHash(db, `web-mail-limit\u001f${email.trim().toLowerCase()}`);
}

/**
 * The secret of a provider's feed address as the web pages show it (her personal calendar, the timeline link).
 * The provider store rebuilds it from the server key (src/store/secrets.ts); the pages take it from here.
 */
export function feedTokenOf(provider: { feedToken: string }): string {
  return provider.feedToken;
}
