import { calendarKey, compileCalendar, type CompiledCalendar } from './calendar.js';
import type { RegisteredInsurer } from './insurers.js';
import { NO_LEGAL_RULES, type LegalRules } from './statutory.js';
import { shiftCalendarFile } from './expected.js';
import type { CalendarFile } from './types.js';
import { WorkingDays, type DecreeDay } from './working-days.js';

/** Every loaded calendar, compiled once, with the Dutch working-day calendar they share. */
export class CalendarSet {
  readonly workingDays: WorkingDays;
  private readonly byKey = new Map<string, CompiledCalendar>();
  /** Expected years (an encoded year moved on), compiled once each when first asked for. */
  private readonly expectedByKey = new Map<string, CompiledCalendar>();
  /** Encoded years as they were expected from the year before, compiled once each when first asked for. */
  private readonly wasExpectedByKey = new Map<string, CompiledCalendar | null>();

  constructor(
    files: readonly CalendarFile[],
    decreeDays: readonly DecreeDay[] = [],
    /** The NZa rules applied to every insurer and year, and the insurers' names by id (the registry). */
    readonly legal: LegalRules = NO_LEGAL_RULES,
    readonly registry: readonly RegisteredInsurer[] = [],
  ) {
    this.workingDays = new WorkingDays(decreeDays);
    for (const file of files) {
      const compiled = compileCalendar(file, this.workingDays);
      if (this.byKey.has(compiled.key)) throw new Error(`two calendars for ${compiled.key}`);
      this.byKey.set(compiled.key, compiled);
    }
  }

  get(insurer: string, year: number): CompiledCalendar | undefined {
    return this.byKey.get(calendarKey(insurer, year));
  }

  all(): CompiledCalendar[] {
    return [...this.byKey.values()].sort((a, b) => a.key.localeCompare(b.key));
  }

  /** The insurer's name: its calendar's, the registry's, or its id. */
  insurerName(insurer: string): string {
    return (
      this.registered(insurer)?.name ?? this.all().find((c) => c.file.insurer === insurer)?.file.insurerName ?? insurer
    );
  }

  /** The registry's entry, when a contract may name the insurer without an encoded calendar. */
  registered(insurer: string): RegisteredInsurer | undefined {
    return this.registry.find((entry) => entry.id === insurer);
  }

  /** The insurer's latest encoded calendar, the one its next year is expected from. */
  latest(insurer: string): CompiledCalendar | undefined {
    let latest: CompiledCalendar | undefined;
    for (const calendar of this.byKey.values())
      if (calendar.file.insurer === insurer && (!latest || calendar.file.year > latest.file.year)) latest = calendar;
    return latest;
  }

  /** Contract year `year` of the insurer as expected from its latest encoded year (never for an encoded year). */
  expected(insurer: string, year: number): CompiledCalendar | undefined {
    const latest = this.latest(insurer);
    if (!latest || year <= latest.file.year || this.get(insurer, year)) return undefined;
    const key = calendarKey(insurer, year);
    let compiled = this.expectedByKey.get(key);
    if (!compiled) {
      compiled = compileCalendar(shiftCalendarFile(latest.file, year - latest.file.year), this.workingDays);
      this.expectedByKey.set(key, compiled);
    }
    return compiled;
  }

  /**
   * Encoded year `year` of the insurer as it was expected before it was encoded: the insurer's year before moved on
   * (what providers saw until the document came). Undefined where that year is not encoded.
   */
  wasExpected(insurer: string, year: number): CompiledCalendar | undefined {
    const key = calendarKey(insurer, year);
    let compiled = this.wasExpectedByKey.get(key);
    if (compiled === undefined) {
      const before = this.get(insurer, year - 1);
      compiled =
        before && this.get(insurer, year) ? compileCalendar(shiftCalendarFile(before.file, 1), this.workingDays) : null;
      this.wasExpectedByKey.set(key, compiled);
    }
    return compiled ?? undefined;
  }

  insurers(): string[] {
    return [...new Set(this.all().map((calendar) => calendar.file.insurer))];
  }

  /** Every insurer a contract or an own date may name: the registry's, then any encoded one it lacks. */
  knownInsurers(): string[] {
    return [...new Set([...this.registry.map((entry) => entry.id), ...this.insurers()])];
  }
}
