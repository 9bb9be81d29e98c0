import type { CalendarSet } from '../domain/calendar-set.js';
import type { Db } from '../store/database.js';
import type { CalendarAnnouncementStore } from '../store/calendar-announcements.js';
import type { WebhookDeliveryStore } from '../store/webhook-deliveries.js';
import type { WebhookEndpointStore } from '../store/webhook-endpoints.js';
import { envelope } from './payloads.js';

/**
 * At start-up: each calendar that is new or has a higher version than last announced becomes a
 * `calendar.published` message to every subscribed endpoint, naming that endpoint's tenant's providers with a
 * contract for it; in one transaction with the record of what was announced. On the first start with the table
 * every calendar is recorded without a message (they were not published just now). Returns how many were announced.
 */
export function announceCalendars(parts: {
  db: Db;
  calendars: CalendarSet;
  announcements: CalendarAnnouncementStore;
  endpoints: WebhookEndpointStore;
  deliveries: WebhookDeliveryStore;
}): number {
  return parts.db.transaction(() => {
    const known = parts.announcements.known();
    const first = known.size === 0;
    let announced = 0;
    for (const calendar of parts.calendars.all()) {
      const { insurer, year } = calendar.file;
      const version = calendar.file.version ?? 1;
      const previous = known.get(calendar.key);
      if (previous !== undefined && previous >= version) continue;
      parts.announcements.save(calendar.key, version);
      if (first) continue;
      announced++;
      const timestamp = new Date().toISOString();
      for (const endpoint of parts.endpoints.subscribersOfType('calendar.published')) {
        const providerIds = parts.announcements.affectedProviders(endpoint.ownerKeyId, insurer, year);
        parts.deliveries.enqueue([endpoint.id], 'calendar.published', () =>
          envelope('calendar.published', timestamp, {
            calendar: calendar.key,
            insurer,
            year,
            version,
            previousVersion: previous ?? null,
            title: calendar.file.document.title,
            providerIds,
          }),
        );
      }
    }
    return announced;
  })();
}
