import type { CalendarSet } from '../domain/calendar-set.js';
import { computeTimeline } from '../domain/timeline.js';
import type { IsoDate } from '../domain/types.js';
import type { EventChange } from '../store/events.js';
import type { ProviderStore } from '../store/providers.js';
import type { WebhookDeliveryStore } from '../store/webhook-deliveries.js';
import type { WebhookEndpointStore } from '../store/webhook-endpoints.js';
import { envelope, eventData, timelineChanges } from './payloads.js';

export interface OutboxParts {
  endpoints: WebhookEndpointStore;
  deliveries: WebhookDeliveryStore;
  providers: ProviderStore;
  calendars: CalendarSet;
  today: () => IsoDate;
}

/**
 * The observer of recorded and undone events (EventStore.observe): inside their transaction, one outbox row per
 * subscribed endpoint of the provider's owner for the event, and for `timeline.changed` when a date or status moved.
 */
export function outboxWriter(parts: OutboxParts, written: () => void): (change: EventChange) => void {
  return (change) => {
    const provider = parts.providers.get(change.providerId, { keyId: '', admin: true });
    if (!provider) return;
    const timestamp = change.kind === 'recorded' ? change.event.recordedAt : (change.event.undoneAt ?? '');
    const type = change.kind === 'recorded' ? 'event.recorded' : 'event.undone';
    let any = false;
    const eventEndpoints = parts.endpoints.subscribers(provider.ownerKeyId, type).map((endpoint) => endpoint.id);
    if (eventEndpoints.length > 0) {
      parts.deliveries.enqueue(eventEndpoints, type, () => envelope(type, timestamp, eventData(change)));
      any = true;
    }
    const timelineEndpoints = parts.endpoints
      .subscribers(provider.ownerKeyId, 'timeline.changed')
      .map((endpoint) => endpoint.id);
    if (timelineEndpoints.length > 0) {
      const today = parts.today();
      const items = timelineChanges(
        computeTimeline(provider, parts.calendars, change.before, today),
        computeTimeline(provider, parts.calendars, change.after, today),
      );
      if (items.length > 0) {
        parts.deliveries.enqueue(timelineEndpoints, 'timeline.changed', () =>
          envelope('timeline.changed', timestamp, {
            providerId: provider.id,
            cause: { type, eventId: change.event.id, via: change.via },
            itemIds: items.map((item) => item.id),
            items,
          }),
        );
        any = true;
      }
    }
    // After the transaction commits (this runs inside it, synchronously): the delivery loop looks at once.
    if (any) setImmediate(written);
  };
}
