/**
 * Checks for text that ends up in e-mail headers and calendar feeds (names, addresses):
 * a line break there would let a client inject headers or feed lines.
 */
const CONTROL = /[\p{Cc}\u2028\u2029]/u;
const HEADER_UNSAFE = /[\p{Cc}\u2028\u2029<>"\\]/u;
/** Bidirectional embeddings, overrides and isolates: they make a name read differently from what it is (e.g. reversed). */
const BIDI_CONTROL = /[\u202A-\u202E\u2066-\u2069]/u;
/**
 * A character that shows something: not a separator, control or format character (zero-width space and joiners,
 * soft hyphen), nor one of the blank letters (Hangul fillers, Braille blank, combining grapheme joiner).
 * One character class, so the test is linear in the text's length.
 */
const VISIBLE = /[^\p{Z}\p{Cc}\p{Cf}\s\u034F\u115F\u1160\u17B4\u17B5\u180E\u2800\u3164\uFFA0]/u;

const ATOM = "[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+";
const LOCAL_PART = new RegExp(`^${ATOM}(\\.${ATOM})*$`);
const DOMAIN_LABEL = /^[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?$/;
const TOP_LEVEL = /^(?:[A-Za-z]{2,63}|xn--[A-Za-z0-9-]{1,59})$/;

/** Why `email` is not a deliverable plain address (RFC 5321 dot-atom, a domain with a top-level), or null. */
export function emailProblem(email: string): string | null {
  if (CONTROL.test(email)) return 'must not contain line breaks or control characters';
  if (email.length > 254) return 'must be at most 254 characters';
  const at = email.lastIndexOf('@');
  if (at < 1) return 'must be an e-mail address like name@example.nl';
  const local = email.slice(0, at);
  const labels = email.slice(at + 1).split('.');
  if (local.length > 64 || !LOCAL_PART.test(local)) return 'the part before @ is not a valid mailbox name';
  if (
    labels.length < 2 ||
    !labels.every((label) => DOMAIN_LABEL.test(label)) ||
    !TOP_LEVEL.test(labels[labels.length - 1])
  ) {
    return 'the part after @ is not a valid domain (international domains in their xn-- form)';
  }
  return null;
}

/** Why a display name cannot go into a mail header, or null. */
export function displayNameProblem(name: string): string | null {
  if (HEADER_UNSAFE.test(name)) return 'must not contain line breaks, control characters, <, >, " or \\';
  return nameShapeProblem(name);
}

/** Why a single-line text (a provider's name) is not acceptable, or null. */
export function singleLineProblem(text: string): string | null {
  if (CONTROL.test(text)) return 'must not contain line breaks or control characters';
  return nameShapeProblem(text);
}

/** Names go into feed titles, page titles and mail headers: they must show something, and show it as it is. */
function nameShapeProblem(text: string): string | null {
  if (text.trim() === '') return 'must not be blank';
  if (BIDI_CONTROL.test(text))
    return 'must not contain bidirectional control characters (U+202A–U+202E, U+2066–U+2069)';
  if (!VISIBLE.test(text)) return 'must contain a visible character';
  return null;
}
