import { loadCalendarFiles, loadCalendarSet } from '../../src/calendar/load.js';
import { CalendarSet } from '../../src/domain/calendar-set.js';
import { shiftCalendarFile } from '../../src/domain/expected.js';
import type { CalendarFile } from '../../src/domain/types.js';

const { files, decreeDays } = loadCalendarFiles();
const cz2027 = files.find((file) => file.insurer === 'cz-groep' && file.year === 2027)!;

/**
 * CZ 2028 as if published: the 2027 planning a year on, signing two days earlier, two lines of its own added (one
 * after the round closes on 2 November 2027).
 */
export function published2028(): CalendarFile {
  const file = shiftCalendarFile(cz2027, 1);
  const signing = file.milestones.find((line) => line.id === 'ondertekenen')!;
  return {
    ...file,
    version: 1,
    milestones: [
      ...file.milestones.map((line) =>
        line.id === 'ondertekenen' ? { ...line, rule: { onOrBefore: '2027-10-30' } } : line,
      ),
      {
        ...signing,
        id: 'webinar-inkoopbeleid',
        title: { nl: 'Webinar inkoopbeleid 2028 bijwonen', en: 'Attend the 2028 purchasing policy webinar' },
        signing: false,
        concludes: false,
        rule: { onOrBefore: '2027-05-20' },
      },
      {
        ...signing,
        id: 'evaluatie-inkoopronde',
        title: { nl: 'Evaluatie inkoopronde 2028 invullen', en: 'Fill in the 2028 round evaluation' },
        signing: false,
        concludes: false,
        rule: { onOrBefore: '2027-12-15' },
      },
    ],
  };
}

/** The real calendars (with the law and the registry) and CZ 2028 as published2028() has it. */
export function calendarsWithCz2028(): CalendarSet {
  const real = loadCalendarSet();
  return new CalendarSet([...files, published2028()], decreeDays, real.legal, real.registry);
}
