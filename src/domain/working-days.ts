import { dutchHolidays } from './dutch-holidays.js';
import { addDays, weekday } from './plain-date.js';
import type { DateFlag, IsoDate } from './types.js';

/** A day added by decree (e.g. a bridge day), on top of date-holidays' Dutch holidays. */
export interface DecreeDay {
  date: IsoDate;
  name: string;
}

/** Dutch working days: Monday to Friday, not a public holiday, not a decree day. */
export class WorkingDays {
  private readonly holidaysByYear = new Map<number, Map<IsoDate, string>>();
  private readonly flagCache = new Map<IsoDate, DateFlag[]>();

  constructor(private readonly decreeDays: readonly DecreeDay[] = []) {}

  holidayName(iso: IsoDate): string | undefined {
    return this.holidaysOf(Number(iso.slice(0, 4))).get(iso);
  }

  isWorkingDay(iso: IsoDate): boolean {
    return weekday(iso) <= 5 && this.holidayName(iso) === undefined;
  }

  lastWorkingDayBefore(iso: IsoDate): IsoDate {
    let day = addDays(iso, -1);
    while (!this.isWorkingDay(day)) day = addDays(day, -1);
    return day;
  }

  /** `n` working days after `iso` (the day itself not counted). */
  addWorkingDays(iso: IsoDate, n: number): IsoDate {
    let day = iso;
    for (let counted = 0; counted < n;) {
      day = addDays(day, 1);
      if (this.isWorkingDay(day)) counted++;
    }
    return day;
  }

  /** Weekend and holiday flags of a due date, each pointing at the last working day before it. */
  flagsFor(iso: IsoDate): DateFlag[] {
    const cached = this.flagCache.get(iso);
    if (cached) return cached;
    const flags: DateFlag[] = [];
    const day = weekday(iso);
    const holiday = this.holidayName(iso);
    if (day >= 6 || holiday !== undefined) {
      const lastWorkingDay = this.lastWorkingDayBefore(iso);
      if (day >= 6) flags.push({ code: 'weekend', day: day === 6 ? 'zaterdag' : 'zondag', lastWorkingDay });
      if (holiday !== undefined) flags.push({ code: 'holiday', name: holiday, lastWorkingDay });
    }
    this.flagCache.set(iso, flags);
    return flags;
  }

  private holidaysOf(year: number): Map<IsoDate, string> {
    let days = this.holidaysByYear.get(year);
    if (days) return days;
    days = new Map(dutchHolidays(year));
    for (const decree of this.decreeDays) {
      if (decree.date.startsWith(`${year}-`)) days.set(decree.date, decree.name);
    }
    this.holidaysByYear.set(year, days);
    return days;
  }
}
