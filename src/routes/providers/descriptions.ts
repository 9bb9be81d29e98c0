// The longer OpenAPI descriptions of these routes, one per operation, so the route definitions stay readable.

export const CREATE_PROVIDER_DESCRIPTION =
  'Registers a provider with its contracts and contacts. Each contract names a calendar (`insurer` and `year`, see `GET /api/v1/calendars`); its `attributes` must be ones that calendar declares. Answers with the provider, including its `id` and iCal `feedUrl`. An API key may add at most `NEW_CONTACTS_PER_KEY_PER_DAY` (default 200) new contact addresses in any 24 hours (each gets a first mail); past that the write is refused whole with 429 and `Retry-After`, and nothing is changed.';

export const UPDATE_PROVIDER_DESCRIPTION =
  'Changes the given fields; each replaces the stored value whole (`contracts` and `contacts` as lists). The result is validated like a new provider. Accepts `application/json` and `application/merge-patch+json` (RFC 7396) with one meaning: every member of a provider is required, so `null` removes none and is a 400. With `If-Match`, only while the provider is as you read it (else 412). An API key may add at most `NEW_CONTACTS_PER_KEY_PER_DAY` (default 200) new contact addresses in any 24 hours (each gets a first mail); past that the write is refused whole with 429 and `Retry-After`, and nothing is changed.';

export const ROTATE_FEED_TOKEN_DESCRIPTION =
  'Gives the provider a new secret feed token, for when the feed address has leaked. Answers with the provider and its new `feedUrl`; the old address answers 404 from now on, so subscriptions must be made again with the new one.';

export const BATCH_PROVIDERS_DESCRIPTION =
  'Registers or updates up to 500 providers in one call, for a register kept in practice software. Each row is a provider as `POST /api/v1/providers` takes it; a row whose AGB code this key already registered updates that provider (every field as the row gives it, as a new provider would be), any other creates one. Each row is its own transaction and is answered on its own, in order: `created` or `updated` with the provider, or `problem` with the problem `POST /api/v1/providers` would answer (and nothing changed for that row). More than 500 rows is a 400 on the count alone, before any row is read. Not idempotent by key: sending a batch again updates the same providers to the same values.';
