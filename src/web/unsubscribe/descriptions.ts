// The longer OpenAPI descriptions of these routes, one per operation, so the route definitions stay readable.

export const UNSUBSCRIBE_DESCRIPTION =
  'Stops every further reminder to this address from this tenant, also those already queued, and after the contact is deleted and added again. The body must carry `List-Unsubscribe=One-Click` (RFC 8058; form or multipart). No API key: the token in the link is the proof. Idempotent.';
