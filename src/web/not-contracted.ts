import type { CalendarSet } from '../domain/calendar-set.js';
import { uncontractedKinds } from '../domain/contracted-kinds.js';
import type { ContractStatus, ProviderKind } from '../domain/types.js';
import type { Language } from '../domain/language.js';
import { kindLabel, wordsFor } from './words.js';

/**
 * What a page says where her care is not bought: one sentence per insurer that does not contract a kind she gives,
 * and, when that leaves no dates at all, the words to use instead of "nothing to do".
 */
export function notContractedView(
  calendars: CalendarSet,
  situation: {
    kinds: readonly ProviderKind[];
    contracts: readonly { insurer: string; year: number; status: ContractStatus }[];
  },
  language: Language,
  itemCount: number,
): { notes: string[]; nothingNext: string | undefined } {
  const words = wordsFor(language);
  const missing = uncontractedKinds(situation, (insurer, year) => calendars.get(insurer, year)?.file);
  const notes = missing.map(({ insurer, year, kinds }) =>
    words.notContracted(
      calendars.get(insurer, year)?.file.insurerName ?? insurer,
      year,
      kinds.map((kind) => kindLabel(kind, language)).join(language === 'nl' ? ' en ' : ' and '),
    ),
  );
  return { notes, nothingNext: notes.length > 0 && itemCount === 0 ? words.nothingContracted : undefined };
}
