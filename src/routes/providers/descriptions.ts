// The longer OpenAPI descriptions of these routes, one per operation, so the route definitions stay readable.

export const CREATE_PROVIDER_DESCRIPTION =
  'Registers a provider with its contracts and contacts. Each contract names a calendar (`insurer` and `year`, see `GET /api/v1/calendars`); its `attributes` must be ones that calendar declares. Answers with the provider, including its `id` and iCal `feedUrl`.';

export const UPDATE_PROVIDER_DESCRIPTION =
  'Changes the given fields; each replaces the stored value whole (`contracts` and `contacts` as lists). The result is validated like a new provider. Accepts `application/json` and `application/merge-patch+json` (RFC 7396) with one meaning: every member of a provider is required, so `null` removes none and is a 400. With `If-Match`, only while the provider is as you read it (else 412).';

export const ROTATE_FEED_TOKEN_DESCRIPTION =
  'Gives the provider a new secret feed token, for when the feed address has leaked. Answers with the provider and its new `feedUrl`; the old address answers 404 from now on, so subscriptions must be made again with the new one.';
