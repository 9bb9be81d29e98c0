import { createHash } from 'node:crypto';
import type { CompiledCalendar } from '../domain/calendar.js';
import type { CalendarSet } from '../domain/calendar-set.js';
import { timelineWithOwnDates } from '../domain/own-items.js';
import { computeTimeline } from '../domain/timeline.js';
import type { Contract, ContractStatus, IsoDate, ProviderKind, TimelineItem } from '../domain/types.js';
import type { Db } from '../store/database.js';
import type { EventStore } from '../store/events.js';
import type { OwnDateStore } from '../store/own-dates.js';
import type { ProviderRecord, ProviderStore } from '../store/providers.js';
import { keyedHash } from '../store/secrets.js';
import { FeedCache, type RenderedFeed } from './cache.js';
import {
  calendarFeedKey,
  calendarUid,
  feedEventsOf,
  fingerprintOf,
  providerFeedKey,
  providerUid,
  situationUid,
  type FeedEvent,
  type FeedHeader,
} from './feed-events.js';
import { FragmentCache } from './fragment-cache.js';
import { renderFeed, type PublishedEvent } from './render.js';
import { stateKey, type FeedOwner, type FeedStateStore } from '../store/feed-states.js';
import { providerFeedUrl, providerPageUrl } from './urls.js';

/** Generic feeds carry the reminders a new provider would get by default. */
export const PUBLIC_REMINDER_DAYS = [14, 7, 1];

const KIND_LABELS: Record<ProviderKind, string> = {
  verloskunde: 'verloskunde',
  echoscopie: 'echoscopie',
  kraamzorg: 'kraamzorg',
  geboortecentrum: 'geboortecentrum',
  'integrale-geboortezorg': 'integrale geboortezorg',
  samenwerkingsverband: 'samenwerkingsverband',
  vsv: 'VSV',
};
const STATUS_LABELS: Record<ContractStatus, string> = {
  existing: 'bestaande zorgaanbieder',
  new: 'nieuwe zorgaanbieder',
};

/** Feed tokens are URL-safe base64; anything else cannot be one and is not looked up. */
const TOKEN_SHAPE = /^[A-Za-z0-9_-]{1,256}$/;

export interface FeedServiceOptions {
  db: Db;
  providers: ProviderStore;
  events: EventStore;
  ownDates: OwnDateStore;
  feedStates: FeedStateStore;
  /** A getter, so a calendar set that is replaced (reloaded) is seen at the next request. */
  calendars: () => CalendarSet;
  today: () => IsoDate;
  publicBaseUrl: string;
}

/**
 * Renders feeds and keeps each one cached with the version it was rendered from: the provider's feed
 * counter (moved by every write to its timeline), today (statuses), and the calendar set.
 */
export class FeedService {
  readonly cache = new FeedCache();
  /** Rendered VEVENTs by content: a feed that changed renders only its changed events. */
  readonly fragments = new FragmentCache();
  private readonly state: FeedStateStore;
  private readonly calendarSetIds = new WeakMap<CalendarSet, number>();

  constructor(private readonly options: FeedServiceOptions) {
    this.state = options.feedStates;
  }

  /** The provider behind a secret feed token with its feed counter, or undefined for a token no provider has. */
  ownerOf(token: string): FeedOwner | undefined {
    if (!TOKEN_SHAPE.test(token)) return undefined;
    // The keyed hash is compared, not the token: its timing tells nothing about a token without the server key.
    return this.state.ownerByTokenHash(keyedHash(this.options.db, token));
  }

  /** The provider behind a feed token with its timeline now, for the timeline page (web/feeds/page.ts renders it). */
  providerTimeline(
    token: string,
  ): { provider: ProviderRecord; items: TimelineItem[]; today: IsoDate; feedUrl: string } | undefined {
    // No cache to check first, so one lookup: the whole provider, by the keyed hash of the token.
    const provider = TOKEN_SHAPE.test(token) ? this.options.providers.getByFeedToken(token) : undefined;
    if (!provider) return undefined;
    const today = this.options.today();
    return {
      provider,
      items: timelineWithOwnDates(
        provider,
        this.options.calendars(),
        this.options.events.recordedEvents(provider.id),
        this.options.ownDates.ownDates(provider.id),
        today,
      ),
      today,
      feedUrl: providerFeedUrl(this.options.publicBaseUrl, token),
    };
  }

  /** The feed behind a secret token, or undefined for a token no provider has. */
  providerFeed(token: string): RenderedFeed | undefined {
    const owner = this.ownerOf(token);
    if (!owner) return undefined;
    const today = this.options.today();
    const calendars = this.options.calendars();
    const feed = providerFeedKey(owner.id);
    const version = `${owner.feedVersion}|${today}|${this.calendarSetId(calendars)}`;
    const cached = this.cache.get(feed, version);
    if (cached) return cached;
    const provider = this.options.providers.getByFeedToken(token) as ProviderRecord;
    const items = timelineWithOwnDates(
      provider,
      calendars,
      this.options.events.recordedEvents(provider.id),
      this.options.ownDates.ownDates(provider.id),
      today,
    );
    const timelineUrl = providerPageUrl(this.options.publicBaseUrl, token);
    const events = feedEventsOf(items, {
      stateFeed: () => feed,
      uid: (item, part) => providerUid(provider.id, item.id, part),
      withStatus: true,
      insurerName: (item) => insurerName(calendars, item),
      timelineUrl: () => timelineUrl,
      reminderDays: provider.reminderDays,
    });
    const rendered = this.publish(feed, provider.id, providerHeader(provider, calendars), events);
    this.cache.set(feed, version, rendered);
    return rendered;
  }

  /** The generic feed of one or more calendars for a kind and status: what a provider with nothing recorded would see. */
  calendarFeed(selected: readonly CompiledCalendar[], kind: ProviderKind, status: ContractStatus): RenderedFeed {
    const today = this.options.today();
    const calendars = this.options.calendars();
    const unique = [...new Map(selected.map((calendar) => [calendar.key, calendar])).values()].sort((a, b) =>
      a.key.localeCompare(b.key),
    );
    const keys = unique.map((calendar) => calendar.key);
    const feed = calendarFeedKey(keys.join('+'), kind, status);
    const version = `${today}|${this.calendarSetId(calendars)}`;
    const cached = this.cache.get(feed, version);
    if (cached) return cached;
    const contracts = unique.map(({ file }) => ({ insurer: file.insurer, year: file.year, status }));
    const items = computeTimeline({ kinds: [kind], contracts }, calendars, [], today);
    const events = feedEventsOf(items, {
      stateFeed: (item) => calendarFeedKey(item.calendar, kind, status),
      uid: (item, part) => calendarUid(item.id, kind, status, part),
      withStatus: false,
      insurerName: (item) => insurerName(calendars, item),
      timelineUrl: (item) =>
        `${this.options.publicBaseUrl}/api/v1/calendars/${item.calendar}/timeline?kind=${kind}&status=${status}`,
      reminderDays: PUBLIC_REMINDER_DAYS,
    });
    const names = keys.map((key) => calendarName(calendars, key)).join(', ');
    const header = {
      name: `Contractdeadlines ${names}: ${KIND_LABELS[kind]}, ${STATUS_LABELS[status]}`,
      description: `Contracteerdeadlines geboortezorg van ${names} voor ${KIND_LABELS[kind]} (${STATUS_LABELS[status]}), zonder vastgelegde gebeurtenissen.`,
    };
    const rendered = this.publish(feed, null, header, events);
    this.cache.set(feed, version, rendered);
    return rendered;
  }

  /**
   * The feed of one situation (kinds, and per insurer existing or new, with attributes) with nothing recorded:
   * the web front door's subscribe links, no account needed. `key` is the situation's canonical query string.
   */
  situationFeed(
    provider: { kinds: ProviderKind[]; contracts: Contract[] },
    key: string,
    timelineUrl: string,
  ): RenderedFeed {
    const today = this.options.today();
    const calendars = this.options.calendars();
    const feed = `situation/${createHash('sha256').update(key).digest('hex').slice(0, 32)}`;
    const version = `${today}|${this.calendarSetId(calendars)}`;
    const cached = this.cache.get(feed, version);
    if (cached) return cached;
    // What her situation page shows: the years ahead her contracts carry to, and the expected year.
    const items = computeTimeline(provider, calendars, [], today, { expected: true });
    const events = feedEventsOf(items, {
      stateFeed: () => feed,
      uid: (item, part) => situationUid(item.id, feed.slice('situation/'.length), part),
      // Like the other public feeds: nothing is recorded for a situation, so no status ("te laat") either.
      withStatus: false,
      insurerName: (item) => insurerName(calendars, item),
      timelineUrl: () => timelineUrl,
      reminderDays: PUBLIC_REMINDER_DAYS,
    });
    const names = [...new Set(provider.contracts.map((c) => calendarName(calendars, `${c.insurer}/${c.year}`)))].join(
      ', ',
    );
    const kinds = provider.kinds.map((kind) => KIND_LABELS[kind]).join(', ');
    const header = {
      name: `Contractdeadlines ${names}: ${kinds}`,
      description: `Contracteerdeadlines geboortezorg van ${names} voor ${kinds}, zonder vastgelegde gebeurtenissen.`,
    };
    const rendered = this.publish(feed, null, header, events);
    this.cache.set(feed, version, rendered);
    return rendered;
  }

  /** Stores what changed, then renders with the stored SEQUENCE and change times. */
  private publish(feed: string, providerId: string | null, header: FeedHeader, events: FeedEvent[]): RenderedFeed {
    const now = new Date().toISOString();
    // SEQUENCE moves with what is significant (dates, title, confirmed or not); the feed's Last-Modified with any change.
    const fingerprints = events.map((event) => ({ ...event.state, fingerprint: fingerprintOf(event.schedule) }));
    const contents = events.map((event) => fingerprintOf(event));
    const { states, changedAt } = this.options.db.transaction(() => ({
      states: this.state.syncItems(fingerprints, providerId, now),
      changedAt: this.state.syncFeed(
        feed,
        providerId,
        fingerprintOf({ header, events: events.map((event, i) => ({ uid: event.uid, fingerprint: contents[i] })) }),
        now,
      ),
    }))();
    const published: PublishedEvent[] = events.map((event, i) => ({
      ...event,
      ...states.get(stateKey(event.state.feed, event.state.item))!,
      fingerprint: contents[i],
    }));
    const body = Buffer.from(renderFeed(header, published, this.fragments), 'utf8');
    const modified = new Date(changedAt);
    return {
      body,
      etag: `"${createHash('sha256').update(body).digest('base64url').slice(0, 32)}"`,
      lastModified: modified.toUTCString(),
      lastModifiedSeconds: Math.floor(modified.getTime() / 1000),
    };
  }

  /** Distinguishes calendar sets within this process: a reloaded set misses every cached feed. */
  private calendarSetId(calendars: CalendarSet): number {
    let id = this.calendarSetIds.get(calendars);
    if (id === undefined) this.calendarSetIds.set(calendars, (id = nextCalendarSetId++));
    return id;
  }
}

let nextCalendarSetId = 1;

function insurerName(calendars: CalendarSet, item: TimelineItem): string {
  // Her own item names the insurer it concerns (any calendar of it gives the name), or none.
  if (item.type === 'own' && item.insurer === '') return 'Eigen datum';
  return calendars.insurerName(item.insurer);
}

function calendarName(calendars: CalendarSet, key: string): string {
  const [insurer, year] = key.split('/');
  return `${calendars.get(insurer, Number(year))?.file.insurerName ?? calendars.insurerName(insurer)} ${year}`;
}

function providerHeader(provider: ProviderRecord, calendars: CalendarSet): FeedHeader {
  const contracts = provider.contracts.map((contract) =>
    calendarName(calendars, `${contract.insurer}/${contract.year}`),
  );
  return {
    name: `Contractdeadlines ${provider.name}`,
    description: `Contracteerdeadlines geboortezorg van ${provider.name} (AGB ${provider.agb})${contracts.length > 0 ? ` bij ${contracts.join(', ')}` : ''}.`,
  };
}
