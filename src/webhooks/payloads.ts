import type { TimelineItem } from '../domain/types.js';
import type { EventChange, EventRecord } from '../store/events.js';

/** The event types an endpoint can subscribe to; `webhook.ping` is sent on request only, to every endpoint. */
export const WEBHOOK_EVENT_TYPES = [
  'event.recorded',
  'event.undone',
  'timeline.changed',
  'calendar.published',
  'item.due-soon',
] as const;
export type WebhookEventType = (typeof WEBHOOK_EVENT_TYPES)[number] | 'webhook.ping';

/** One timeline item whose date or status differs before and after a change; null where it is not on that side. */
export interface TimelineItemChange {
  id: string;
  dueBefore: string | null;
  dueAfter: string | null;
  statusBefore: string | null;
  statusAfter: string | null;
}

/** The Standard Webhooks envelope: the type, when it happened, and its data. */
export function envelope(type: WebhookEventType, timestamp: string, data: object): string {
  return JSON.stringify({ type, timestamp, data });
}

export function eventData(change: EventChange): object {
  const { providerId: _providerId, ...event } = change.event satisfies EventRecord;
  return { providerId: change.providerId, via: change.via, event };
}

/** The items of `after` that are new, gone, or have another due date or status than in `before`, in timeline order. */
export function timelineChanges(before: readonly TimelineItem[], after: readonly TimelineItem[]): TimelineItemChange[] {
  const earlier = new Map(before.map((item) => [item.id, item]));
  const later = new Map(after.map((item) => [item.id, item]));
  const changes: TimelineItemChange[] = [];
  const differs = (a: TimelineItem | undefined, b: TimelineItem | undefined) =>
    a?.due !== b?.due || a?.status !== b?.status || (a === undefined) !== (b === undefined);
  for (const id of new Set([...later.keys(), ...earlier.keys()])) {
    const was = earlier.get(id);
    const is = later.get(id);
    if (differs(was, is))
      changes.push({
        id,
        dueBefore: was?.due ?? null,
        dueAfter: is?.due ?? null,
        statusBefore: was?.status ?? null,
        statusAfter: is?.status ?? null,
      });
  }
  return changes;
}
