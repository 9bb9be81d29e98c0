import { ApiKeyStore } from './api-keys.js';
import { CalendarAnnouncementStore } from './calendar-announcements.js';
import type { Db } from './database.js';
import { EventStore } from './events.js';
import { FeedStateStore } from './feed-states.js';
import { IdempotencyStore } from './idempotency.js';
import { NewContactLedger } from './new-contacts.js';
import { OutboxStore } from './outbox.js';
import { OwnDateStore } from './own-dates.js';
import { ProviderStore } from './providers.js';
import { ReminderStore } from './reminders.js';
import { WebEmailChanges } from './web-email.js';
import { WebStore } from './web.js';
import { WebhookDeliveryStore } from './webhook-deliveries.js';
import { WebhookEndpointStore } from './webhook-endpoints.js';

/** Every repository over one database: the service, the reminder runner, the pages and the commands share these. */
export interface Stores {
  apiKeys: ApiKeyStore;
  providers: ProviderStore;
  events: EventStore;
  idempotency: IdempotencyStore;
  ownDates: OwnDateStore;
  feedStates: FeedStateStore;
  outbox: OutboxStore;
  reminders: ReminderStore;
  web: WebStore;
  webEmail: WebEmailChanges;
  webhookEndpoints: WebhookEndpointStore;
  webhookDeliveries: WebhookDeliveryStore;
  calendarAnnouncements: CalendarAnnouncementStore;
}

type Makers = { [K in keyof Stores]: (stores: Stores) => Stores[K] };

/**
 * The composition root of the stores: the one place a store is made (eslint.config.js holds it so), each once per
 * database, so a service holds one ProviderStore and one cache. Each is made on first use: a command that reads a
 * database from before a migration touches only the stores whose tables it has.
 */
/** `newContactsPerKeyPerDay`: the daily cap on new contact addresses per key (0 or absent: none). */
export function createStores(db: Db, options: { newContactsPerKeyPerDay?: number } = {}): Stores {
  const makers: Makers = {
    apiKeys: () => new ApiKeyStore(db),
    providers: () =>
      new ProviderStore(db, { newContacts: new NewContactLedger(db, options.newContactsPerKeyPerDay ?? 0) }),
    events: () => new EventStore(db),
    idempotency: () => new IdempotencyStore(db),
    ownDates: () => new OwnDateStore(db),
    feedStates: () => new FeedStateStore(db),
    outbox: () => new OutboxStore(db),
    reminders: () => new ReminderStore(db),
    web: (stores) => new WebStore(db, stores.providers, stores.apiKeys),
    webEmail: () => new WebEmailChanges(db),
    webhookEndpoints: () => new WebhookEndpointStore(db),
    webhookDeliveries: () => new WebhookDeliveryStore(db),
    calendarAnnouncements: () => new CalendarAnnouncementStore(db),
  };
  const stores = {} as Stores;
  const made = new Map<keyof Stores, unknown>();
  for (const name of Object.keys(makers) as (keyof Stores)[]) {
    Object.defineProperty(stores, name, {
      enumerable: true,
      get: () => {
        if (!made.has(name)) made.set(name, makers[name](stores));
        return made.get(name);
      },
    });
  }
  return stores;
}
