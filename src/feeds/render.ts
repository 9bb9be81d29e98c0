import ical, {
  foldLines,
  ICalAlarmType,
  ICalCalendar,
  ICalEvent,
  ICalCalendarMethod,
  ICalEventStatus,
  ICalEventTransparency,
} from 'ical-generator';
import { DateTime } from 'luxon';
import { fingerprintOf, type FeedEvent, type FeedHeader } from './feed-events.js';
import { FragmentCache } from './fragment-cache.js';
import { FEED_ZONE, vtimezone } from './vtimezone.js';

/** Calendar apps may refetch after this long; most poll on their own schedule (hours to a day) anyway. */
export const REFRESH_SECONDS = 6 * 3_600;

/** An event with the stored state that makes its SEQUENCE, DTSTAMP and LAST-MODIFIED honest. */
export interface PublishedEvent extends FeedEvent {
  sequence: number;
  /** When this event's content last changed (ISO 8601 UTC). */
  changedAt: string;
  /** `fingerprintOf` the FeedEvent, when the caller has it already: with SEQUENCE and the change time, the key of its rendered text. */
  fingerprint?: string;
}

/** RFC 5545 TEXT escaping, for the calendar-level names ical-generator writes as given. */
export function escapeText(text: string): string {
  return text.replace(/[\\;,]/g, (match) => `\\${match}`).replace(/\r\n|\r|\n/g, '\\n');
}

function plainDate(iso: string): DateTime {
  return DateTime.fromISO(iso, { zone: 'utc' });
}

/** The VCALENDAR with its header and no events yet, as ical-generator builds it. */
export function feedCalendar(header: FeedHeader): ICalCalendar {
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
  return calendar;
}

/** Adds one event to a calendar: UID, SEQUENCE, DTSTAMP and LAST-MODIFIED from stored state. */
export function addFeedEvent(calendar: ICalCalendar, event: PublishedEvent): ICalEvent {
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
    vevent
      .createAlarm({ type: ICalAlarmType.display, trigger: -alarm.offsetSeconds, description: alarm.description })
      .relatesTo('START');
  }
  return vevent;
}

/**
 * ical-generator's 75-octet folding, called only for the lines that need it: its foldLines encodes each
 * character on its own (about 1 µs per character), and a line of at most 74 octets comes back unchanged.
 */
export function fold(text: string): string {
  return text
    .split('\r\n')
    .map((line) => (Buffer.byteLength(line, 'utf8') <= 74 ? line : foldLines(line)))
    .join('\r\n');
}

/** ical-generator writes these after the events: the custom X- property, then the end (without a last CRLF). */
const TAIL = `X-WR-TIMEZONE:${FEED_ZONE}\r\nEND:VCALENDAR`;
/** It writes the events' VTIMEZONE just before the refresh interval. */
const BEFORE_TIMEZONES = 'REFRESH-INTERVAL;';

/** The calendar lines around the events: ical-generator's own output for the header, cut where it puts time zones and events. */
function shellOf(header: FeedHeader): { head: string; beforeEvents: string } {
  const text = feedCalendar(header).toString();
  const zonesAt = text.indexOf(`\r\n${BEFORE_TIMEZONES}`) + 2;
  if (zonesAt < 2 || !text.endsWith(TAIL))
    throw new Error('ical-generator lays out a calendar differently than this renderer expects');
  return { head: text.slice(0, zonesAt), beforeEvents: text.slice(zonesAt, -TAIL.length) };
}

const AMSTERDAM = `${fold(vtimezone(FEED_ZONE)!.replace(/\r\n/g, '\n').replace(/\n/g, '\r\n').trim())}\r\n`;

/**
 * The whole VCALENDAR: CRLF line ends, 75-octet folding and escaping by ical-generator; UID, SEQUENCE,
 * DTSTAMP and LAST-MODIFIED set here from stored state, so the same state renders the same bytes.
 * Each VEVENT is rendered and folded on its own (folding is per line, so the bytes are those of the whole
 * calendar rendered at once) and kept in `fragments` under a hash of everything it shows: after a change,
 * only the events that changed are rendered again.
 */
export function renderFeed(
  header: FeedHeader,
  events: readonly PublishedEvent[],
  fragments = new FragmentCache(0),
): string {
  const shellKey = fingerprintOf(header);
  let head = fragments.get(`head ${shellKey}`);
  let beforeEvents = fragments.get(`before-events ${shellKey}`);
  if (head === undefined || beforeEvents === undefined) {
    ({ head, beforeEvents } = shellOf(header));
    fragments.set(`head ${shellKey}`, head);
    fragments.set(`before-events ${shellKey}`, beforeEvents);
  }
  let scratch: ICalCalendar | undefined;
  const vevents = events.map((event) => {
    const { fingerprint, ...content } = event;
    const key = `event ${fingerprint ?? fingerprintOf(content)} ${event.sequence} ${event.changedAt}`;
    let text = fragments.get(key);
    if (text === undefined) {
      // The event needs a calendar (DTSTAMP follows the calendar's zone); folding is per line, so it folds alone.
      text = fold(addFeedEvent((scratch ??= feedCalendar(header)), event).toString());
      fragments.set(key, text);
    }
    return text;
  });
  // RFC 5545 wants at least one component: a feed with nothing in it (yet) carries its time zone.
  if (events.length === 0)
    return `${head}${beforeEvents}${TAIL.replace('END:VCALENDAR', `${AMSTERDAM}END:VCALENDAR`)}\r\n`;
  // Like ical-generator: VTIMEZONE only for a zone an event names (a time of day); every content line ends with CRLF.
  return `${head}${events.some((event) => event.at !== null) ? AMSTERDAM : ''}${beforeEvents}${vevents.join('')}${TAIL}\r\n`;
}
