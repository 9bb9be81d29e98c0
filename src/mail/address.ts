import { displayNameProblem, emailProblem } from '../validation/text.js';

/** A mailbox as written in settings: `Name <address>` or a bare address. */
export interface Mailbox {
  name: string | null;
  address: string;
}

/** `Name <address>`, read with string searches: the former pattern backtracked quadratically on a run of spaces. */
export function parseMailbox(text: string): Mailbox {
  const trimmed = text.trim();
  const open = trimmed.indexOf('<');
  const close = trimmed.indexOf('>');
  const named =
    trimmed.endsWith('>') &&
    open >= 0 &&
    close === trimmed.length - 1 &&
    trimmed.indexOf('<', open + 1) < 0 &&
    open + 1 < close;
  if (!named) return { name: null, address: trimmed };
  const name = trimmed.slice(0, open).trim();
  return { name: name === '' ? null : name, address: trimmed.slice(open + 1, close).trim() };
}

/** Why `text` cannot be used as a From mailbox, or null. */
export function mailboxProblem(text: string): string | null {
  const { name, address } = parseMailbox(text);
  const problem = emailProblem(address) ?? (name === null ? null : displayNameProblem(name));
  return problem === null ? null : `must be "Name <address>" or an address: ${problem}`;
}

/** Why a contact cannot be written into a To header, or null: checked again at sending, whatever the database holds. */
export function recipientProblem(email: string, name: string | null): string | null {
  const problem = emailProblem(email);
  if (problem) return `address ${problem}`;
  if (name !== null) {
    const nameProblem = displayNameProblem(name);
    if (nameProblem) return `name ${nameProblem}`;
  }
  return null;
}
