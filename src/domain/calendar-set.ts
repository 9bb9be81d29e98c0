import { calendarKey, compileCalendar, type CompiledCalendar } from './calendar.js';
import type { CalendarFile } from './types.js';
import { WorkingDays, type DecreeDay } from './working-days.js';

/** Every loaded calendar, compiled once, with the Dutch working-day calendar they share. */
export class CalendarSet {
  readonly workingDays: WorkingDays;
  private readonly byKey = new Map<string, CompiledCalendar>();

  constructor(files: readonly CalendarFile[], decreeDays: readonly DecreeDay[] = []) {
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

  insurers(): string[] {
    return [...new Set(this.all().map((calendar) => calendar.file.insurer))];
  }
}
