import { timingSafeEqual } from 'node:crypto';
import { randomToken, sha256 } from './secrets.js';

/**
 * Every secret of the web front door (page links, confirmation, sign-in and record links) is made and
 * looked up here, and only here: the database keeps a hash, the link itself lives in one mail.
 * Switching to a keyed HMAC (issue 15) means changing `hashWebToken` alone.
 */

/** 32 random bytes (256 bits), URL-safe. */
export function newWebToken(): { token: string; hash: string } {
  const token = randomToken(32);
  return { token, hash: hashWebToken(token) };
}

export function hashWebToken(token: string): string {
  return sha256(token);
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

/** The SHA-256 of a lower-cased address: what the per-address mail limit counts, without keeping the address. */
export function addressKey(email: string): string {
  return sha256(`web-mail-limit\n${email.trim().toLowerCase()}`);
}

/**
 * The secret of a provider's feed address as the web pages show it (her personal calendar, the timeline link).
 * Today the providers table keeps it; with issue 15 it is derived from the server-held key here.
 */
export function feedTokenOf(provider: { feedToken: string }): string {
  return provider.feedToken;
}
