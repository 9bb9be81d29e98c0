import { displayNameProblem, emailProblem } from '../validation/text.js';

/** A mailbox as written in settings: `Name <address>` or a bare address. */
export interface Mailbox {
  name: string | null;
  address: string;
}

const NAMED = /^([^<>]*?)\s*<([^<>]+)>$/;

export function parseMailbox(text: string): Mailbox {
  const named = NAMED.exec(text.trim());
  if (!named) return { name: null, address: text.trim() };
  const name = named[1].trim();
  return { name: name === '' ? null : name, address: named[2].trim() };
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
