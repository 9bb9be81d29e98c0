import { spawnSync } from 'node:child_process';
import ICAL from 'ical.js';

/** One VEVENT as a parser read it: dates as `YYYY-MM-DD` (all-day) or local `YYYY-MM-DDTHH:MM:SS` with its zone. */
export interface ParsedEvent {
  uid: string;
  summary: string;
  description: string;
  allDay: boolean;
  start: string;
  end: string | null;
  zone: string | null;
  sequence: number;
  status: string;
  stamp: string;
  lastModified: string;
  /** TRIGGER durations, in seconds relative to the start. */
  alarms: number[];
}

export interface ParsedFeed {
  name: string;
  timezones: string[];
  events: ParsedEvent[];
}

/** Mozilla's ical.js (what Thunderbird uses). */
export function parseWithIcalJs(text: string): ParsedFeed {
  const calendar = new ICAL.Component(ICAL.parse(text));
  const events = calendar.getAllSubcomponents('vevent').map((vevent): ParsedEvent => {
    const start = vevent.getFirstProperty('dtstart')!;
    const startTime = start.getFirstValue() as ICAL.Time;
    const endTime = vevent.getFirstPropertyValue('dtend') as ICAL.Time | null;
    const text = (name: string) => String(vevent.getFirstPropertyValue(name) ?? '');
    const time = (value: ICAL.Time) => (value.isDate ? value.toString() : value.toString().replace(/Z$/, ''));
    return {
      uid: text('uid'),
      summary: text('summary'),
      description: text('description'),
      allDay: startTime.isDate,
      start: time(startTime),
      end: endTime ? time(endTime) : null,
      zone: (start.getParameter('tzid') as string | undefined) ?? null,
      sequence: Number(vevent.getFirstPropertyValue('sequence')),
      status: text('status'),
      stamp: (vevent.getFirstPropertyValue('dtstamp') as ICAL.Time).toString(),
      lastModified: (vevent.getFirstPropertyValue('last-modified') as ICAL.Time).toString(),
      alarms: vevent
        .getAllSubcomponents('valarm')
        .map((alarm) => (alarm.getFirstPropertyValue('trigger') as ICAL.Duration).toSeconds()),
    };
  });
  return {
    // ical.js keeps properties it has no type for (X-WR-CALNAME) as written: read it as TEXT here.
    name: unescapeText(String(calendar.getFirstPropertyValue('x-wr-calname') ?? '')),
    timezones: calendar.getAllSubcomponents('vtimezone').map((tz) => String(tz.getFirstPropertyValue('tzid'))),
    events,
  };
}

function unescapeText(text: string): string {
  return text.replace(/\\([\\;,nN])/g, (_match, char: string) => (char === 'n' || char === 'N' ? '\n' : char));
}

const PYTHON_SCRIPT = `
import json, sys, datetime
from icalendar import Calendar
def when(value):
    if isinstance(value, datetime.datetime):
        return value.strftime('%Y-%m-%dT%H:%M:%S'), False
    return value.isoformat(), True
def read(text):
  cal = Calendar.from_ical(text.encode('utf-8'))
  events = []
  for ev in cal.walk('VEVENT'):
      start, all_day = when(ev.get('DTSTART').dt)
      end = ev.get('DTEND')
      events.append({
          'uid': str(ev.get('UID')),
          'summary': str(ev.get('SUMMARY')),
          'description': str(ev.get('DESCRIPTION', '')),
          'allDay': all_day,
          'start': start,
          'end': when(end.dt)[0] if end is not None else None,
          'zone': ev.get('DTSTART').params.get('TZID'),
          'sequence': int(ev.get('SEQUENCE')),
          'status': str(ev.get('STATUS', '')),
          'stamp': ev.get('DTSTAMP').dt.strftime('%Y-%m-%dT%H:%M:%SZ'),
          'lastModified': ev.get('LAST-MODIFIED').dt.strftime('%Y-%m-%dT%H:%M:%SZ'),
          'alarms': [int(a.get('TRIGGER').dt.total_seconds()) for a in ev.walk('VALARM')],
      })
  return {
    'name': str(cal.get('X-WR-CALNAME', '')),
    'timezones': [str(tz.get('TZID')) for tz in cal.walk('VTIMEZONE')],
    'events': events,
  }
print(json.dumps([read(text) for text in json.load(sys.stdin)]))
`;

/** Debian's python3-icalendar is installed for the system python; a python from pyenv may lack it. */
let python: string | undefined;
function pythonWithIcalendar(): string {
  if (python) return python;
  for (const candidate of ['/usr/bin/python3', 'python3']) {
    if (spawnSync(candidate, ['-c', 'import icalendar'], { encoding: 'utf8' }).status === 0)
      return (python = candidate);
  }
  throw new Error('no python3 with the icalendar module: apt-get install python3-icalendar (.ci/run does)');
}

/** Debian's python3-icalendar, in a child process: a second, independent reading of the same bytes. */
export function parseWithPython(text: string): ParsedFeed {
  return parseAllWithPython([text])[0];
}

/** Many feeds in one python process (starting one costs about a tenth of a second). */
export function parseAllWithPython(texts: string[]): ParsedFeed[] {
  const result = spawnSync(pythonWithIcalendar(), ['-c', PYTHON_SCRIPT], {
    input: JSON.stringify(texts),
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
  });
  if (result.status !== 0) throw new Error(`python3-icalendar failed: ${result.stderr}`);
  return JSON.parse(result.stdout) as ParsedFeed[];
}

/** Undo RFC 5545 folding: a CRLF followed by one space or tab continues the line. */
export function unfold(text: string): string {
  return text.replace(/\r\n[ \t]/g, '');
}

/**
 * The feed as stored in fixtures: unfolded, with what differs per run masked
 * (DTSTAMP and LAST-MODIFIED are the time of the first render; provider ids and feed tokens are random).
 */
export function masked(text: string, providerId?: string): string {
  let result = unfold(text)
    .replace(/^(DTSTAMP|LAST-MODIFIED):\d{8}T\d{6}Z$/gm, '$1:<first render>')
    .replace(/\/feeds\/[A-Za-z0-9_-]{43}\.html/g, '/feeds/<token>.html');
  if (providerId) result = result.split(providerId).join('<provider>');
  return result;
}
