import type { CalendarSet } from '../domain/calendar-set.js';
import type { FieldError } from '../problems.js';
import type { CreateProviderBody } from '../schemas/providers.js';
import type { ProviderInput, ProviderRecord, ProviderStore } from '../store/providers.js';
import { providerInputProblems } from '../validation/provider-input.js';

/** The lengths the API's schema allows for the texts a form sends too (a form has no schema before it). */
const MAX_LENGTH = { practice: 200, contactName: 100 } as const;

/**
 * Every reason `body` cannot be stored as a provider, for the API and her page alike: the checks of
 * validateProviderInput and the schema's lengths of the practice's and the contacts' names. Empty when it may.
 */
export function providerProblems(
  body: CreateProviderBody,
  calendars: CalendarSet,
): { input: ProviderInput; problems: FieldError[] } {
  const { input, errors } = providerInputProblems(body, calendars);
  const named = new Set(errors.map((error) => error.field));
  const tooLong = (field: string, max: number) => {
    if (!named.has(field)) errors.push({ field, in: 'body', message: `must be at most ${max} characters` });
  };
  if (body.name.length > MAX_LENGTH.practice) tooLong('name', MAX_LENGTH.practice);
  (body.contacts ?? []).forEach((contact, index) => {
    if ((contact.name ?? '').length > MAX_LENGTH.contactName)
      tooLong(`contacts[${index}].name`, MAX_LENGTH.contactName);
  });
  return { input, problems: errors };
}

/**
 * Changes a provider to `body` as it becomes (her contracts, her contacts added, changed or removed, her settings):
 * stored only when providerProblems finds nothing. A contact that stays keeps her unsubscribe link and choice.
 */
export function changeProvider(
  providers: ProviderStore,
  calendars: CalendarSet,
  existing: ProviderRecord,
  body: CreateProviderBody,
): { provider: ProviderRecord } | { problems: FieldError[] } {
  const { input, problems } = providerProblems(body, calendars);
  if (problems.length > 0) return { problems };
  return { provider: providers.update(existing, input) };
}
