import { randomBytes } from 'node:crypto';
import { nowIso, type Db } from './database.js';

/** One message to one endpoint: the outbox row. `id` is its webhook-id, the same on every attempt. */
export interface WebhookDelivery {
  id: string;
  endpointId: string;
  type: string;
  payload: string;
  createdAt: string;
  attempts: number;
  nextAttemptAt: string;
  deliveredAt: string | null;
  givenUpAt: string | null;
}

export interface WebhookAttempt {
  attempt: number;
  at: string;
  status: number | null;
  error: string | null;
  body: string | null;
  durationMs: number;
}

interface DeliveryRow {
  id: string;
  endpoint_id: string;
  type: string;
  payload: string;
  created_at: string;
  attempts: number;
  next_attempt_at: string;
  delivered_at: string | null;
  given_up_at: string | null;
}

interface AttemptRow {
  delivery_id: string;
  attempt: number;
  at: string;
  status: number | null;
  error: string | null;
  body: string | null;
  duration_ms: number;
}

function toDelivery(row: DeliveryRow): WebhookDelivery {
  return {
    id: row.id,
    endpointId: row.endpoint_id,
    type: row.type,
    payload: row.payload,
    createdAt: row.created_at,
    attempts: row.attempts,
    nextAttemptAt: row.next_attempt_at,
    deliveredAt: row.delivered_at,
    givenUpAt: row.given_up_at,
  };
}

/** What became of one attempt, and when to try again (null: delivered, or given up). */
export type AttemptOutcome = WebhookAttempt & { delivered: boolean; nextAttemptAt: string | null };

export class WebhookDeliveryStore {
  private readonly statements;

  constructor(private readonly db: Db) {
    this.statements = {
      insert: db.prepare(`INSERT INTO webhook_deliveries (id, endpoint_id, type, payload, created_at, next_attempt_at)
        VALUES (@id, @endpointId, @type, @payload, @now, @now)`),
      // The oldest due message of each endpoint not busy: a backlog of one endpoint never hides another's.
      due: db.prepare<[string, string, number], DeliveryRow>(`SELECT * FROM (
          SELECT d.*, row_number() OVER (PARTITION BY d.endpoint_id ORDER BY d.next_attempt_at, d.created_at, d.id) AS n
          FROM webhook_deliveries d JOIN webhook_endpoints e ON e.id = d.endpoint_id
            JOIN api_keys k ON k.id = e.owner_key_id AND k.revoked_at IS NULL
          WHERE d.delivered_at IS NULL AND d.given_up_at IS NULL AND e.disabled_at IS NULL AND d.next_attempt_at <= ?
            AND d.endpoint_id NOT IN (SELECT value FROM json_each(?)))
        WHERE n = 1 ORDER BY next_attempt_at, created_at, id LIMIT ?`),
      nextDue: db.prepare<[], { at: string | null }>(`SELECT min(d.next_attempt_at) AS at FROM webhook_deliveries d
        JOIN webhook_endpoints e ON e.id = d.endpoint_id
        WHERE d.delivered_at IS NULL AND d.given_up_at IS NULL AND e.disabled_at IS NULL`),
      attempt: db.prepare(`INSERT INTO webhook_attempts (delivery_id, attempt, at, status, error, body, duration_ms)
        VALUES (@deliveryId, @attempt, @at, @status, @error, @body, @durationMs)`),
      update: db.prepare(`UPDATE webhook_deliveries SET attempts = @attempt,
        delivered_at = @deliveredAt, given_up_at = @givenUpAt, next_attempt_at = coalesce(@nextAttemptAt, next_attempt_at)
        WHERE id = @id`),
      ofEndpoint: db.prepare<
        { endpointId: string; limit: number; afterCreated: string | null; afterId: string | null },
        DeliveryRow
      >(`SELECT * FROM webhook_deliveries WHERE endpoint_id = @endpointId
        AND (@afterCreated IS NULL OR (created_at, id) < (@afterCreated, @afterId))
        ORDER BY created_at DESC, id DESC LIMIT @limit`),
      attemptsOf: db.prepare<[string], AttemptRow>(`SELECT * FROM webhook_attempts
        WHERE delivery_id IN (SELECT value FROM json_each(?)) ORDER BY delivery_id, attempt`),
      get: db.prepare<[string], DeliveryRow>('SELECT * FROM webhook_deliveries WHERE id = ?'),
      resume: db.prepare<[string, string]>(`UPDATE webhook_deliveries SET given_up_at = NULL, next_attempt_at = ?
        WHERE endpoint_id = ? AND delivered_at IS NULL`),
    };
  }

  /**
   * Writes one message per endpoint: call it inside the transaction of the change it tells about, so both commit
   * or neither. The payload is stored as the exact bytes sent (and signed) on every attempt.
   */
  enqueue(endpointIds: readonly string[], type: string, payload: (deliveryId: string) => string): string[] {
    const now = nowIso();
    return endpointIds.map((endpointId) => {
      const id = `msg_${randomBytes(16).toString('base64url')}`;
      this.statements.insert.run({ id, endpointId, type, payload: payload(id), now });
      return id;
    });
  }

  /** For each endpoint not disabled nor `busy`, its oldest undelivered message whose next try is due. */
  due(now: Date, busy: readonly string[], limit: number): WebhookDelivery[] {
    return this.statements.due.all(now.toISOString(), JSON.stringify(busy), limit).map(toDelivery);
  }

  /** When the next undelivered message is due, or undefined when there is none. */
  nextDueAt(): Date | undefined {
    const at = this.statements.nextDue.get()?.at;
    return at ? new Date(at) : undefined;
  }

  /** Logs an attempt and moves the message on (delivered, a next try, or given up), in one transaction. */
  recordAttempt(delivery: WebhookDelivery, outcome: AttemptOutcome, onGiveUp?: () => void): void {
    this.db.transaction(() => {
      this.statements.attempt.run({ deliveryId: delivery.id, ...outcome });
      const givenUp = !outcome.delivered && outcome.nextAttemptAt === null;
      this.statements.update.run({
        id: delivery.id,
        attempt: outcome.attempt,
        deliveredAt: outcome.delivered ? outcome.at : null,
        givenUpAt: givenUp ? outcome.at : null,
        nextAttemptAt: outcome.nextAttemptAt,
      });
      if (givenUp) onGiveUp?.();
    })();
  }

  /** An endpoint enabled again: every undelivered message, given up ones too, is due now. */
  resume(endpointId: string): void {
    this.statements.resume.run(nowIso(), endpointId);
  }

  get(id: string): WebhookDelivery | undefined {
    const row = this.statements.get.get(id);
    return row && toDelivery(row);
  }

  /** The endpoint's latest messages, newest first (older than `after`, for the next page), each with its attempts. */
  log(
    endpointId: string,
    limit: number,
    after?: { createdAt: string; id: string },
  ): (WebhookDelivery & { attemptLog: WebhookAttempt[] })[] {
    const deliveries = this.statements.ofEndpoint
      .all({ endpointId, limit, afterCreated: after?.createdAt ?? null, afterId: after?.id ?? null })
      .map(toDelivery);
    const attempts = new Map<string, WebhookAttempt[]>();
    for (const row of this.statements.attemptsOf.all(JSON.stringify(deliveries.map((d) => d.id)))) {
      const list = attempts.get(row.delivery_id) ?? [];
      list.push({
        attempt: row.attempt,
        at: row.at,
        status: row.status,
        error: row.error,
        body: row.body,
        durationMs: row.duration_ms,
      });
      attempts.set(row.delivery_id, list);
    }
    return deliveries.map((delivery) => ({ ...delivery, attemptLog: attempts.get(delivery.id) ?? [] }));
  }
}
