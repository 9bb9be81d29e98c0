import { setTimeout as sleep } from 'node:timers/promises';
import { Webhook } from 'standardwebhooks';
import type { FastifyBaseLogger } from 'fastify';
import type { WebhookDelivery, WebhookDeliveryStore } from '../store/webhook-deliveries.js';
import type { WebhookEndpointStore } from '../store/webhook-endpoints.js';
import { send, SEND_TIMEOUT_MS } from './send.js';

export interface DispatcherOptions {
  allowInsecure: boolean;
  /** Messages in flight at once, over all endpoints; each endpoint has at most one. */
  concurrency?: number;
  /** The first retry's delay; each next one is three times longer (with jitter), up to RETRY_CAP_MS. */
  retryBaseMs?: number;
  /** A message still undelivered this long after it was written is given up and its endpoint disabled. */
  giveUpAfterMs?: number;
  /** How often the outbox is looked at when nothing woke the loop. */
  pollMs?: number;
  timeoutMs?: number;
}

const RETRY_CAP_MS = 12 * 60 * 60 * 1000;
/** About three days of retries, as the Standard Webhooks guidance and common senders do. */
export const GIVE_UP_AFTER_MS = 3 * 24 * 60 * 60 * 1000;

/** The delay before try `attempts + 1`: exponential, capped, with ±20% jitter so failed endpoints do not retry in step. */
export function retryDelayMs(attempts: number, baseMs: number, random = Math.random): number {
  const delay = Math.min(baseMs * 3 ** Math.max(0, attempts - 1), RETRY_CAP_MS);
  return Math.round(delay * (0.8 + 0.4 * random()));
}

/**
 * Delivers the webhook outbox: due messages oldest first, one at a time per endpoint and a few at once overall,
 * so a slow or dead endpoint holds back only its own messages. A message is delivered only after a 2xx; until
 * then it stays in the outbox, so a crash or restart sends it again with the same webhook-id.
 */
export class WebhookDispatcher {
  private readonly busy = new Set<string>();
  private readonly inFlight = new Set<Promise<void>>();
  private timer: NodeJS.Timeout | undefined;
  private stopped = true;
  /** Aborts the attempts in flight on stop: unrecorded, they are sent again after the restart, same webhook-id. */
  private stopping = new AbortController();
  private readonly concurrency: number;
  private readonly retryBaseMs: number;
  private readonly giveUpAfterMs: number;
  private readonly pollMs: number;

  constructor(
    private readonly endpoints: WebhookEndpointStore,
    private readonly deliveries: WebhookDeliveryStore,
    private readonly log: FastifyBaseLogger,
    private readonly options: DispatcherOptions,
  ) {
    this.concurrency = options.concurrency ?? 4;
    this.retryBaseMs = options.retryBaseMs ?? 5_000;
    this.giveUpAfterMs = options.giveUpAfterMs ?? GIVE_UP_AFTER_MS;
    this.pollMs = options.pollMs ?? 1_000;
  }

  start(): void {
    this.stopped = false;
    this.stopping = new AbortController();
    this.wake();
  }

  /** Stops starting attempts and cuts off those in flight; their messages stay undelivered in the outbox. */
  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    this.stopping.abort();
    await Promise.all(this.inFlight);
  }

  /** Looks at the outbox now (a change was just written, or an attempt ended). */
  wake(): void {
    if (this.stopped) return;
    clearTimeout(this.timer);
    try {
      this.startDue();
    } catch (error) {
      this.log.error({ err: error }, 'webhook outbox could not be read; trying again');
    }
    if (!this.stopped) this.timer = setTimeout(() => this.wake(), this.pollMs).unref();
  }

  private startDue(): void {
    const free = this.concurrency - this.busy.size;
    if (free <= 0) return;
    for (const delivery of this.deliveries.due(new Date(), [...this.busy], free)) {
      this.busy.add(delivery.endpointId);
      const attempt = this.attempt(delivery)
        .catch(async (error: unknown) => {
          this.log.error({ err: error, webhookId: delivery.id }, 'webhook attempt could not be recorded');
          // Unrecorded (a full disk), the message is still due: the endpoint waits before it is sent again.
          await sleep(this.retryBaseMs, undefined, { signal: this.stopping.signal }).catch(() => undefined);
        })
        .finally(() => {
          this.busy.delete(delivery.endpointId);
          this.inFlight.delete(attempt);
          this.wake();
        });
      this.inFlight.add(attempt);
    }
  }

  private async attempt(delivery: WebhookDelivery): Promise<void> {
    const endpoint = this.endpoints.byId(delivery.endpointId);
    if (!endpoint || endpoint.disabledAt !== null) return;
    const at = new Date();
    const headers = signedHeaders(this.endpoints.signingSecrets(endpoint.id, at), delivery, at);
    const result = await send(endpoint.url, headers, delivery.payload, {
      allowInsecure: this.options.allowInsecure,
      timeoutMs: this.options.timeoutMs ?? SEND_TIMEOUT_MS,
      signal: this.stopping.signal,
    });
    if (this.stopped) return;
    const delivered = result.status !== null && result.status >= 200 && result.status < 300;
    const attempt = delivery.attempts + 1;
    const retryAt = new Date(Date.now() + retryDelayMs(attempt, this.retryBaseMs));
    const givingUp = !delivered && retryAt.getTime() - Date.parse(delivery.createdAt) > this.giveUpAfterMs;
    const error =
      result.error ??
      (delivered
        ? null
        : result.status !== null && result.status < 400 && result.status >= 300
          ? 'redirects are not followed'
          : null);
    this.deliveries.recordAttempt(
      delivery,
      {
        attempt,
        at: at.toISOString(),
        status: result.status,
        error,
        body: result.body,
        durationMs: result.durationMs,
        delivered,
        nextAttemptAt: delivered || givingUp ? null : retryAt.toISOString(),
      },
      () =>
        this.endpoints.disable(
          endpoint.id,
          `message ${delivery.id} (${delivery.type}) was not accepted in ${attempt} attempts over ${Math.round(this.giveUpAfterMs / 3_600_000)} hours: deliveries stopped; PATCH enabled: true resumes them`,
        ),
    );
    this.log[delivered ? 'debug' : 'info'](
      { webhookId: delivery.id, endpointId: endpoint.id, attempt, status: result.status, error, givingUp },
      delivered ? 'webhook delivered' : 'webhook attempt not accepted',
    );
  }
}

/** Standard Webhooks headers, signed with every valid secret (space-separated, as the spec allows during a rotation). */
export function signedHeaders(secrets: readonly string[], delivery: WebhookDelivery, at: Date): Record<string, string> {
  const signatures = secrets.map((secret) => new Webhook(secret).sign(delivery.id, at, delivery.payload));
  return {
    'webhook-id': delivery.id,
    'webhook-timestamp': String(Math.floor(at.getTime() / 1000)),
    'webhook-signature': signatures.join(' '),
    'user-agent': 'geboortezorg-deadlines-webhooks',
  };
}
