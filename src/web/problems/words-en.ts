import type { ProblemType } from '../../problems.js';
import type { ProblemPage } from './page.js';

/** Each problem type's page in English: what it means, what to do. */
export const PROBLEM_PAGES_EN: Record<ProblemType, ProblemPage> = {
  'validation-failed': {
    title: 'Invalid input',
    means:
      'A field of the request is missing, of the wrong type or outside what it allows. `errors` names each field, where it is (body, query, path, headers) and why.',
    todo: 'Correct the fields `errors` names and send the request again. Nothing was changed.',
  },
  'unknown-query-parameter': {
    title: 'Unknown query parameter',
    means:
      'The request carries a query parameter the operation does not take. It is refused rather than ignored, so a filter that does not exist never looks as if it filtered.',
    todo: 'Remove or rename the parameter; the message lists the parameters the operation takes (also in the OpenAPI document).',
  },
  'unknown-step': {
    title: 'Not a step of this timeline',
    means:
      "The `item` named is not an item of this provider's timeline: a typo, an item of another year or insurer, or of a contract the provider does not have.",
    todo: "Read the provider's timeline (GET /api/v1/providers/{id}/timeline) and use an `id` from it.",
  },
  'event-date-out-of-range': {
    title: 'Date outside what the step allows',
    means:
      "The date of the event is after today (Europe/Amsterdam) or before the step could have happened: before the insurer's window opened, before its publication, or before the step it follows.",
    todo: 'Send the date the step really happened; the message gives the range allowed.',
  },
  'malformed-body': {
    title: 'The body cannot be read',
    means:
      'The body is not JSON, is empty while announced as JSON, is not valid UTF-8 text, holds a lone UTF-16 surrogate, or does not match its Content-Length.',
    todo: 'Send well-formed JSON in UTF-8 with `Content-Type: application/json`.',
  },
  'malformed-request': {
    title: 'The request cannot be read',
    means: 'The URL (for example its percent-encoding) or the HTTP message itself cannot be read.',
    todo: "Check how the client builds the URL and the request; encode path and query values with the language's URL functions.",
  },
  'ambiguous-authorization': {
    title: 'More than one Authorization header',
    means: 'The request carries several Authorization headers; which key was meant is ambiguous, so none is used.',
    todo: 'Send exactly one `Authorization: Bearer <key>` header.',
  },
  unauthorized: {
    title: 'No valid API key',
    means:
      'The request has no API key, a key that is unknown or revoked, or an Authorization header that is not `Bearer <key>`.',
    todo: 'Send `Authorization: Bearer <key>` with a live key. A lost key cannot be shown again: ask an admin for a new one.',
  },
  forbidden: {
    title: 'Not allowed for this key',
    means: 'The API key is valid but may not do this: the operation needs an admin key.',
    todo: 'Use an admin key, or ask an admin to do it.',
  },
  'not-found': {
    title: 'Not found',
    means: 'There is nothing at this address, or it belongs to another API key (each key sees only its own providers).',
    todo: 'Check the id and the key. Lists (GET /api/v1/providers) show what this key can see.',
  },
  'idempotency-key-target-gone': {
    title: 'What this Idempotency-Key created is gone',
    means:
      'A request with this Idempotency-Key was answered before, but what it created has since been deleted, so the first answer cannot be given again.',
    todo: 'To create it again, send the request with a new Idempotency-Key.',
  },
  'method-not-allowed': {
    title: 'Method not allowed',
    means: 'This address does not take this HTTP method.',
    todo: 'See the OpenAPI document (/openapi.json) for the methods of each path.',
  },
  'not-acceptable': {
    title: 'Not acceptable',
    means: 'The service cannot answer in a type the Accept header allows.',
    todo: 'Accept `application/json` (and `application/problem+json` for errors).',
  },
  'request-timeout': {
    title: 'The request took too long to arrive',
    means: 'The headers or the body did not arrive within the time the service waits; the connection is closed.',
    todo: 'Send the whole request at once and try again; check the network between client and service.',
  },
  'duplicate-agb': {
    title: 'A provider with this AGB code exists',
    means:
      'This API key already has a provider with this AGB code; usually a retried POST. `Location` and the message give its address.',
    todo: 'Use the existing provider (GET the Location), or change it with PATCH. Send an Idempotency-Key with creations so a retry answers the first result.',
  },
  'last-admin-key': {
    title: 'The last admin key cannot be revoked',
    means: 'Revoking this key would leave no active admin key, and nobody could create or revoke keys any more.',
    todo: 'Create another admin key first (POST /api/v1/api-keys with `admin: true`), then revoke this one with it.',
  },
  'webhook-disabled': {
    title: 'The webhook endpoint is disabled',
    means:
      'The endpoint was disabled (by you, or after deliveries failed for about three days), so a test ping is not sent.',
    todo: 'Resume it with PATCH /api/v1/webhooks/{id} and `"enabled": true`, then ping it again.',
  },
  conflict: {
    title: 'Conflict',
    means: 'The request conflicts with what is stored.',
    todo: 'Read the resource again and decide; the message says what conflicts.',
  },
  'precondition-failed': {
    title: 'Changed since it was read',
    means:
      'The `If-Match` of the request no longer matches: someone changed the resource since this client read it. Nothing was changed.',
    todo: 'Read it again (the answer carries the current ETag), merge the change, and send it with the new ETag.',
  },
  'payload-too-large': {
    title: 'Request body too large',
    means: 'The body is larger than the service takes (100 KB), or an array has more items than its maximum.',
    todo: 'Send less per request; a provider with many contracts fits easily.',
  },
  'uri-too-long': {
    title: 'URI too long',
    means: 'A path segment (an id, a token) is longer than any the service hands out.',
    todo: 'Check that the path holds an id the service gave, not something else.',
  },
  'unsupported-media-type': {
    title: 'Unsupported media type',
    means: 'The body is of a type this operation does not read.',
    todo: 'Send `Content-Type: application/json` (PATCH also reads `application/merge-patch+json`).',
  },
  'idempotency-key-reused': {
    title: 'Idempotency-Key used with another request',
    means: 'This Idempotency-Key came with a different request (method, path or body) in the last 24 hours.',
    todo: 'A new request needs a new key; a retry must send the same request as the first time.',
  },
  'rate-limited': {
    title: 'Too many requests',
    means:
      'This API key (or, without a key, this address) has used its requests for the minute. `RateLimit` headers show the budget; `Retry-After` says when there is room again.',
    todo: 'Wait the seconds in `Retry-After`, then go on; spread requests over the minute, and use conditional GETs.',
  },
  'headers-too-large': {
    title: 'Request headers too large',
    means: 'The request headers (or the URL) are larger than the service reads (16 KB).',
    todo: 'Send smaller headers: fewer or shorter cookies, a shorter URL.',
  },
  'internal-error': {
    title: 'Something went wrong on our side',
    means: 'An unexpected error. The answer says nothing about what failed inside; the service log does.',
    todo: 'Try again later. When it persists, quote the `requestId` of the answer when asking for support.',
  },
  overloaded: {
    title: 'Overloaded',
    means:
      'The service is too busy to take this request now; it answered at once rather than let it wait. Nothing was done.',
    todo: 'Wait the seconds in `Retry-After` (one), then try again; back off further when it repeats.',
  },
  'storage-unavailable': {
    title: 'The database is unavailable',
    means:
      'The database cannot save or read right now (disk full, read-only or busy). Nothing from this request was saved.',
    todo: 'Try again after the seconds in `Retry-After`; an operator is needed when it persists.',
  },
  'not-ready': {
    title: 'Not ready',
    means: 'The service is starting, stopping, or its database does not answer.',
    todo: 'Try again in a moment; /ready answers 200 once the service takes requests.',
  },
};
