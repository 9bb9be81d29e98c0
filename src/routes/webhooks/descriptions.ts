// The longer OpenAPI descriptions of these routes, one per operation, so the route definitions stay readable.

export const CREATE_WEBHOOK_DESCRIPTION =
  "Registers an endpoint that receives this key's events (of the providers this key registered) as signed POSTs, following the Standard Webhooks specification: headers `webhook-id` (the same on every retry of a message: deduplicate on it), `webhook-timestamp` (Unix seconds) and `webhook-signature` (`v1,<base64 HMAC-SHA256 of id.timestamp.body>`, keyed with the base64-decoded part of the secret after `whsec_`). The answer holds the secret once. A message counts as delivered only on a 2xx within 5 seconds; redirects are not followed. Otherwise it is retried with exponential backoff and jitter for about three days; then the endpoint is disabled, with the reason on it and in its delivery log. The payloads are in this document's `webhooks` section.";

export const ROTATE_WEBHOOK_SECRET_DESCRIPTION =
  'Gives the endpoint a new signing secret, shown once in the answer. For 24 hours deliveries carry two signatures in `webhook-signature` (space-separated), one with the new secret and one with the previous one, so a receiver can switch over without rejecting a message.';

export const UPDATE_WEBHOOK_DESCRIPTION =
  'Changes the URL or the event types, or pauses (`enabled: false`) or resumes (`enabled: true`) deliveries. Resuming an endpoint that was disabled after its retries ran out tries its undelivered messages again. Accepts `application/json` and `application/merge-patch+json` (RFC 7396) alike: `"events": null` removes the filter (every event type); `url` and `enabled` cannot be removed. With `If-Match`, only while the endpoint is as you read it (else 412).';

export const WEBHOOK_DELIVERIES_DESCRIPTION =
  'The latest messages to this endpoint, newest first: whether delivered, every attempt with its status code (or why there was none) and at most 500 bytes of the answer, and when the next try is.';
