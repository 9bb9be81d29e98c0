/**
 * Names that tenants supply (a provider's, a contact's, an API key's) are printed in mails from our domain.
 * Mail clients turn anything that looks like an address into a link (`www.x.nl`, `x.nl`, `http://x`,
 * `a@x.nl`, `mailto:`), in plain text and in HTML alike, so such a word is printed defanged, visibly:
 * `www[.]evil[.]nl`, `http[:]//x`, `anna[@]x[.]nl`. Nothing is hidden (no zero-width characters): the
 * reader sees every character that was given, and no client can make a link of it.
 */
/** A dot before two word characters (a domain; `B.V.` stays as it is), an IP address, a scheme, an @ (also full-width): what linkifiers look for. Single pass, linear. */
const LINK_LIKE =
  /[\p{L}\p{N}][.\uFF0E\u3002\uFF61][\p{L}\p{N}]{2}|\p{N}[.\uFF0E\u3002\uFF61]\p{N}[.\uFF0E\u3002\uFF61]\p{N}|[@\uFF20]|[\p{L}\p{N}][:\uFF1A]/u;

export function inertText(text: string): string {
  return text
    .split(/(\s+)/)
    .map((word) => (LINK_LIKE.test(word) ? defang(word) : word))
    .join('');
}

function defang(word: string): string {
  return word.replace(/[.\uFF0E\u3002\uFF61@\uFF20:\uFF1A]/gu, (mark) => `[${mark}]`);
}
