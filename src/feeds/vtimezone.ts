/** The one time zone the calendars use: every time of day in them is Dutch time. */
export const FEED_ZONE = 'Europe/Amsterdam';

/**
 * VTIMEZONE for Europe/Amsterdam with the EU summer-time rules (since 1996): last Sunday of March
 * 02:00 → CEST, last Sunday of October 03:00 → CET. Written out so no time-zone package is needed.
 */
const AMSTERDAM = [
  'BEGIN:VTIMEZONE',
  `TZID:${FEED_ZONE}`,
  `X-LIC-LOCATION:${FEED_ZONE}`,
  'BEGIN:DAYLIGHT',
  'TZOFFSETFROM:+0100',
  'TZOFFSETTO:+0200',
  'TZNAME:CEST',
  'DTSTART:19700329T020000',
  'RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU',
  'END:DAYLIGHT',
  'BEGIN:STANDARD',
  'TZOFFSETFROM:+0200',
  'TZOFFSETTO:+0100',
  'TZNAME:CET',
  'DTSTART:19701025T030000',
  'RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU',
  'END:STANDARD',
  'END:VTIMEZONE',
].join('\r\n');

/** ical-generator's time-zone generator: a VTIMEZONE for each TZID the events use. */
export function vtimezone(zone: string): string | null {
  return zone === FEED_ZONE ? AMSTERDAM : null;
}
