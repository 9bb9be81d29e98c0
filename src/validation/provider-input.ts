import type { CalendarSet } from '../domain/calendar-set.js';
import type { Contract } from '../domain/types.js';
import { invalidInput, type FieldError } from '../problems.js';
import { DEFAULT_REMINDER_DAYS, type CreateProviderBody } from '../schemas/providers.js';
import type { Contact, ProviderInput } from '../store/providers.js';
import { ownEntry } from '../domain/own-property.js';
import { displayNameProblem, emailProblem, singleLineProblem } from './text.js';

/** How far ahead a running agreement may reach: the longest terms in the documents are 3 years. */
const MAX_RUNS_AHEAD = 10;

/**
 * The checks a JSON Schema cannot make: contracts against the loaded calendars, e-mail and header safety,
 * repeated contracts or addresses. Throws a 400 problem naming every invalid field.
 */
export function validateProviderInput(body: CreateProviderBody, calendars: CalendarSet): ProviderInput {
  const { input, errors } = providerInputProblems(body, calendars);
  if (errors.length > 0) throw invalidInput(errors);
  return input;
}

/** The same checks, as the input they give and every invalid field (empty when it may be stored). */
export function providerInputProblems(
  body: CreateProviderBody,
  calendars: CalendarSet,
): { input: ProviderInput; errors: FieldError[] } {
  const errors: FieldError[] = [];
  const fail = (field: string, message: string) => errors.push({ field, in: 'body', message });

  const nameProblem = singleLineProblem(body.name);
  if (nameProblem) fail('name', nameProblem);

  const contracts: Contract[] = [];
  const seenContracts = new Set<string>();
  (body.contracts ?? []).forEach((contract, index) => {
    const at = `contracts[${index}]`;
    const calendar = calendars.get(contract.insurer, contract.year);
    const registered = calendars.registered(contract.insurer) !== undefined;
    if (!calendar && !registered) {
      const years = calendars
        .all()
        .filter((c) => c.file.insurer === contract.insurer)
        .map((c) => c.file.year);
      fail(
        years.length > 0 ? `${at}.year` : `${at}.insurer`,
        years.length > 0
          ? `insurer "${contract.insurer}" has no calendar for ${contract.year}; it has ${years.join(', ')}`
          : `unknown insurer "${contract.insurer}"; known: ${knownInsurers(calendars).join(', ') || 'none'} (GET /api/v1/insurers)`,
      );
      return;
    }
    const key = `${contract.insurer}/${contract.year}`;
    if (seenContracts.has(key)) fail(at, `a second contract with ${contract.insurer} for ${contract.year}`);
    seenContracts.add(key);
    if (contract.runsUntil !== undefined) {
      if (contract.status !== 'existing')
        fail(`${at}.runsUntil`, 'only an existing contract can have an agreement that runs on');
      else if (contract.runsUntil < contract.year || contract.runsUntil > contract.year + MAX_RUNS_AHEAD) {
        fail(
          `${at}.runsUntil`,
          `must be from ${contract.year} to ${contract.year + MAX_RUNS_AHEAD}: the last year the running agreement covers`,
        );
      }
    }
    // A registered insurer without a calendar for the year: the law's dates and her own; no attributes to declare.
    const declared = calendar?.file.attributes ?? {};
    for (const [name, value] of Object.entries(contract.attributes ?? {})) {
      const attribute = ownEntry(declared, name);
      if (!attribute) {
        const known = Object.keys(declared);
        fail(
          `${at}.attributes.${name}`,
          `${key} has no attribute "${name}"; ${known.length > 0 ? `it has: ${known.join(', ')}` : 'it declares none'}`,
        );
      } else if (!attribute.values.includes(value)) {
        fail(
          `${at}.attributes.${name}`,
          `must be one of: ${attribute.values.map((v) => JSON.stringify(v)).join(', ')}`,
        );
      }
    }
    contracts.push({
      insurer: contract.insurer,
      year: contract.year,
      status: contract.status,
      ...(contract.runsUntil !== undefined ? { runsUntil: contract.runsUntil } : {}),
      ...(contract.attributes && Object.keys(contract.attributes).length > 0
        ? { attributes: contract.attributes }
        : {}),
    });
  });

  const contacts: Contact[] = [];
  const seenEmails = new Set<string>();
  (body.contacts ?? []).forEach((contact, index) => {
    const at = `contacts[${index}]`;
    const problem = emailProblem(contact.email);
    if (problem) fail(`${at}.email`, problem);
    const lower = contact.email.toLowerCase();
    if (seenEmails.has(lower)) fail(`${at}.email`, 'this address is already listed');
    seenEmails.add(lower);
    const nameIssue = contact.name === undefined ? null : displayNameProblem(contact.name);
    if (nameIssue) fail(`${at}.name`, nameIssue);
    contacts.push({ email: contact.email, name: contact.name?.trim() ?? null, language: contact.language ?? 'nl' });
  });

  const input: ProviderInput = {
    name: body.name.trim(),
    agb: body.agb,
    kinds: body.kinds,
    contracts,
    contacts,
    reminderDays: [...(body.reminderDays ?? DEFAULT_REMINDER_DAYS)].sort((a, b) => b - a),
    showExpected: body.showExpected ?? true,
  };
  return { input, errors };
}

/** The ids a contract may name: the registry's, or the encoded insurers' where no registry is loaded. */
function knownInsurers(calendars: CalendarSet): string[] {
  return calendars.registry.length > 0 ? calendars.registry.map((entry) => entry.id) : calendars.insurers();
}
