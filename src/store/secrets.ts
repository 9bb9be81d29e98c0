import { createHash, randomBytes } from 'node:crypto';

/** 32 random bytes (256 bits), URL-safe: for API keys, feed tokens and unsubscribe tokens. */
export function randomToken(bytes = 32): string {
  return randomBytes(bytes).toString('base64url');
}

/** What the database keeps instead of a secret: lookups hash the presented value and compare hashes. */
export function sha256(value: string): string {
  return createHash('sha256').update(value, 'utf8').digest('hex');
}
