import ical, { ICalAlarmType, ICalCalendarMethod, ICalEventStatus, ICalEventTransparency } from 'ical-generator';
import { DateTime } from 'luxon';
import type { FeedEvent, FeedHeader } from './feed-events.js';
import { FEED_ZONE, vtimezone } from './vtimezone.js';

/** Calendar apps may refetch after this long; most poll on their own schedule (hours to a day) anyway. */
export const REFRESH_SECONDS = 6 * 3_600;

/** An event with the stored state that makes its SEQUENCE, DTSTAMP and LAST-MODIFIED honest. */
export interface PublishedEvent extends FeedEvent {
  sequence: number;
  /** When this event's content last changed (ISO 8601 UTC). */
  changedAt: string;
}

/** RFC 5545 TEXT escaping, for the calendar-level names ical-generator writes as given. */
export function escapeText(text: string): string {
  return text.replace(/[\\;,]/g, (match) => `\\${match}`).replace(/\r\n|\r|\n/g, '\\n');
}

function plainDate(iso: string): DateTime {
  return DateTime.fromISO(iso, { zone: 'utc' });
}

/**
 * The whole VCALENDAR: CRLF line ends, 75-octet folding and escaping by ical-generator; UID, SEQUENCE,
 * DTSTAMP and LAST-MODIFIED set here from stored state, so the same state renders the same bytes.
 */
export function renderFeed(header: FeedHeader, events: readonly PublishedEvent[]): string {
  const calendar = ical({
    prodId: { company: 'geboortezorg-deadlines', product: 'contractdeadlines', language: 'NL' },
    name: escapeText(header.name),
    description: escapeText(header.description),
    method: ICalCalendarMethod.PUBLISH,
    scale: 'GREGORIAN',
    ttl: REFRESH_SECONDS,
    // No calendar-wide zone (DTSTAMP stays UTC); the generator adds VTIMEZONE for the events that name one.
    timezone: { name: null, generator: vtimezone },
  });
  calendar.x('X-WR-TIMEZONE', FEED_ZONE);
  for (const event of events) {
    const changedAt = DateTime.fromISO(event.changedAt, { zone: 'utc' }).startOf('second');
    const vevent = calendar.createEvent({
      id: event.uid,
      sequence: event.sequence,
      stamp: changedAt,
      lastModified: changedAt,
      summary: event.summary,
      description: event.description,
      status: ICalEventStatus[event.status],
      transparency: ICalEventTransparency.TRANSPARENT,
      url: event.url,
      ...(event.allDay
        ? { allDay: true, start: plainDate(event.allDay.start), end: plainDate(event.allDay.end) }
        : { start: DateTime.fromISO(`${event.at!.date}T${event.at!.time}`, { zone: FEED_ZONE }), timezone: FEED_ZONE }),
    });
    for (const alarm of event.alarms) {
      // ical-generator counts a number trigger as seconds before the start.
      // Its constructor drops `relatesTo`; without it a positive offset would be written as RELATED=END.
      vevent.createAlarm({ type: ICalAlarmType.display, trigger: -alarm.offsetSeconds, description: alarm.description }).relatesTo('START');
    }
  }
  // ical-generator leaves the last line without its CRLF; RFC 5545 ends every content line with one.
  const text = `${calendar.toString()}\r\n`;
  // RFC 5545 wants at least one component: a feed with nothing in it (yet) carries its time zone.
  return events.length > 0 ? text : text.replace(/END:VCALENDAR\r\n$/, `${vtimezone(FEED_ZONE)!.replace(/\r?\n?$/, '')}\r\nEND:VCALENDAR\r\n`);
}
