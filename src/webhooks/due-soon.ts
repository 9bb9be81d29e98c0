import { schedule, type ScheduledTask } from 'node-cron';
import { ZONE } from '../clock.js';
import type { CalendarSet } from '../domain/calendar-set.js';
import { daysBetween } from '../domain/plain-date.js';
import { timelineWithOwnDates } from '../domain/own-items.js';
import type { IsoDate } from '../domain/types.js';
import { nowIso, type Db } from '../store/database.js';
import type { EventStore } from '../store/events.js';
import type { OwnDateStore } from '../store/own-dates.js';
import type { ProviderStore } from '../store/providers.js';
import type { WebhookDeliveryStore } from '../store/webhook-deliveries.js';
import type { WebhookEndpointStore } from '../store/webhook-endpoints.js';
import { envelope } from './payloads.js';

/** Every morning at seven, Amsterdam time: before her working day, after the night's reminder run. */
export const DUE_SOON_CRON = '0 7 * * *';

export interface DueSoonParts {
  db: Db;
  calendars: CalendarSet;
  providers: ProviderStore;
  events: EventStore;
  ownDates: OwnDateStore;
  endpoints: WebhookEndpointStore;
  deliveries: WebhookDeliveryStore;
}

/** Providers per transaction; between batches the event loop serves requests, so a large tenant never stalls the API. */
const BATCH = 100;

/**
 * One `item.due-soon` message per (provider, item, due date) that is `due-soon` on `today`, to each subscribed
 * endpoint of the provider's tenant; the record of it (webhook_due_soon_sent) is written in the same transaction as
 * the message, per batch of providers. Returns how many items were announced.
 */
export async function announceDueSoon(parts: DueSoonParts, today: IsoDate): Promise<number> {
  const providersOf = parts.db
    .prepare<[string], string>('SELECT id FROM providers WHERE owner_key_id = ? ORDER BY id')
    .pluck();
  const record = parts.db.prepare<[string, string, string, string]>(
    'INSERT INTO webhook_due_soon_sent (provider_id, item_id, due, sent_at) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING',
  );
  const announce = (providerId: string, endpointIds: string[], timestamp: string): number => {
    const provider = parts.providers.get(providerId, { keyId: '', admin: true });
    if (!provider) return 0;
    const items = timelineWithOwnDates(
      provider,
      parts.calendars,
      parts.events.recordedEvents(provider.id),
      parts.ownDates.ownDates(provider.id),
      today,
    );
    let announced = 0;
    for (const item of items) {
      if (item.expected || item.status !== 'due-soon' || item.done !== null || item.due === null) continue;
      if (record.run(provider.id, item.id, item.due, nowIso()).changes === 0) continue;
      announced++;
      const { id, title, due, window, actor, type, status, insurer } = item;
      parts.deliveries.enqueue(endpointIds, 'item.due-soon', () =>
        envelope('item.due-soon', timestamp, {
          providerId: provider.id,
          item: { id, title, due, window, actor, type, status, insurer },
          daysLeft: daysBetween(today, due),
        }),
      );
    }
    return announced;
  };
  const batch = parts.db.transaction((ids: string[], endpointIds: string[], timestamp: string) =>
    ids.reduce((sum, id) => sum + announce(id, endpointIds, timestamp), 0),
  );

  const byTenant = new Map<string, string[]>();
  for (const endpoint of parts.endpoints.subscribersOfType('item.due-soon'))
    byTenant.set(endpoint.ownerKeyId, [...(byTenant.get(endpoint.ownerKeyId) ?? []), endpoint.id]);
  let announced = 0;
  const timestamp = new Date().toISOString();
  for (const [ownerKeyId, endpointIds] of byTenant) {
    const ids = providersOf.all(ownerKeyId) as unknown as string[];
    for (let start = 0; start < ids.length; start += BATCH) {
      announced += batch(ids.slice(start, start + BATCH), endpointIds, timestamp);
      await new Promise((resolve) => setImmediate(resolve));
    }
  }
  return announced;
}

/** The daily run (node-cron, Europe/Amsterdam) and the start-up catch-up; what was sent is in the table, not here. */
export function scheduleDueSoon(
  parts: DueSoonParts,
  options: { cron: string; today: () => IsoDate; written: () => void; log: { error: (o: object, m: string) => void } },
): ScheduledTask {
  const run = async () => {
    try {
      if ((await announceDueSoon(parts, options.today())) > 0) options.written();
    } catch (error) {
      options.log.error({ err: error }, 'webhooks: item.due-soon run failed; the next tick or start-up runs it again');
    }
  };
  // Not awaited: start-up answers /health while the catch-up runs in batches; failures are logged inside.
  void run();
  return schedule(options.cron, run, { timezone: ZONE, name: 'webhooks-due-soon', noOverlap: true });
}
