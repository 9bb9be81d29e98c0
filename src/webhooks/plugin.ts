import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import type { Config } from '../config.js';
import type { WebhookDeliveryStore } from '../store/webhook-deliveries.js';
import type { WebhookEndpointStore } from '../store/webhook-endpoints.js';
import { announceCalendars } from './calendar-published.js';
import { WebhookDispatcher, type DispatcherOptions } from './dispatcher.js';
import { DUE_SOON_CRON, scheduleDueSoon } from './due-soon.js';
import { outboxWriter } from './outbox.js';

export interface Webhooks {
  endpoints: WebhookEndpointStore;
  deliveries: WebhookDeliveryStore;
  dispatcher: WebhookDispatcher;
  allowInsecureTargets: boolean;
}

declare module 'fastify' {
  interface FastifyInstance {
    webhooks: Webhooks;
  }
}

export interface WebhookPluginOptions {
  config: Config;
  /** Run the delivery loop in this process (server.ts does; tests that deliver do). */
  deliver?: boolean;
  /** Tests: faster retries, a shorter give-up, a shorter timeout. */
  dispatcher?: Omit<DispatcherOptions, 'allowInsecure'>;
}

/** Webhook endpoints, the outbox written with every recorded or undone event, and the loop that delivers it. */
async function webhooks(fastify: FastifyInstance, opts: WebhookPluginOptions): Promise<void> {
  const allowInsecureTargets = opts.config.webhookAllowInsecureTargets;
  const { webhookEndpoints: endpoints, webhookDeliveries: deliveries } = fastify.store;
  const dispatcher = new WebhookDispatcher(endpoints, deliveries, fastify.log, {
    ...opts.dispatcher,
    allowInsecure: allowInsecureTargets,
  });
  fastify.store.events.observe(
    outboxWriter(
      { endpoints, deliveries, providers: fastify.store.providers, calendars: fastify.calendars, today: fastify.today },
      () => dispatcher.wake(),
    ),
  );
  fastify.decorate('webhooks', { endpoints, deliveries, dispatcher, allowInsecureTargets });
  const announcements = fastify.store.calendarAnnouncements;
  const announced = announceCalendars({
    db: fastify.db,
    calendars: fastify.calendars,
    announcements,
    endpoints,
    deliveries,
  });
  if (announced > 0) fastify.log.info({ calendars: announced }, 'webhooks: new calendar versions announced');
  const states = fastify.db.prepare(`SELECT CASE WHEN delivered_at IS NOT NULL THEN 'delivered'
    WHEN given_up_at IS NOT NULL THEN 'given_up' ELSE 'pending' END AS state, count(*) AS n
    FROM webhook_deliveries GROUP BY state`);
  fastify.metrics.gauge('webhook_outbox', 'Webhook messages in the outbox by state.', () => {
    const counts = new Map((states.all() as { state: string; n: number }[]).map((row) => [row.state, row.n]));
    return ['pending', 'delivered', 'given_up'].map((state) => ({ labels: { state }, value: counts.get(state) ?? 0 }));
  });
  const { providers, events, ownDates } = fastify.store;
  const dueSoonParts = {
    db: fastify.db,
    calendars: fastify.calendars,
    providers,
    events,
    ownDates,
    endpoints,
    deliveries,
  };
  let dueSoon: { destroy: () => unknown } | null = null;
  if (opts.deliver)
    fastify.addHook('onReady', async () => {
      dispatcher.start();
      dueSoon = scheduleDueSoon(dueSoonParts, {
        cron: DUE_SOON_CRON,
        today: fastify.today,
        written: () => dispatcher.wake(),
        log: fastify.log,
      });
    });
  fastify.addHook('onClose', async () => {
    await dueSoon?.destroy();
    await dispatcher.stop();
  });
}

export default fp(webhooks, { name: 'webhooks', dependencies: ['store', 'calendars', 'metrics'] });
