import { calendarKey, compileCalendar, type CompiledCalendar } from './calendar.js';
import type { RegisteredInsurer } from './insurers.js';
import { NO_LEGAL_RULES, type LegalRules } from './statutory.js';
import type { CalendarFile } from './types.js';
import { WorkingDays, type DecreeDay } from './working-days.js';

/** Every loaded calendar, compiled once, with the Dutch working-day calendar they share. */
export class CalendarSet {
  readonly workingDays: WorkingDays;
  private readonly byKey = new Map<string, CompiledCalendar>();

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

  insurers(): string[] {
    return [...new Set(this.all().map((calendar) => calendar.file.insurer))];
  }
}
