import { LinkifyIt } from 'linkify-it';
import * as linkify from 'linkifyjs';

/** Two auto-linkers, as mail clients use them: linkify-it (fuzzy links, e-mails and IPs on) and linkifyjs (every IANA top-level domain). */
const linkifyIt = new LinkifyIt({ fuzzyLink: true, fuzzyEmail: true, fuzzyIP: true }).tlds(
  ['nl', 'evil', 'bank', 'xyz'],
  true,
);
export function linksIn(text: string): string[] {
  return [...(linkifyIt.match(text) ?? []).map((m) => m.url), ...linkify.find(text).map((m) => m.href)];
}

export const HOSTILE_NAMES = [
  'www.evil.nl',
  'http://x',
  'evil.nl',
  'Bel ons: evil.bank/inloggen',
  'anna@evil.nl',
  'mailto:anna@evil.nl',
  'HTTPS://EVIL.NL',
  'ｗｗｗ．evil．nl',
  'evil。nl',
  'evil．nl/x',
  '192.168.1.1',
  '10.0.0.1:8080',
  'javascript:alert(1)',
  'tel:+31201234567',
  'x.y.xyz',
  '<a href="https://evil.nl">klik</a>',
];
