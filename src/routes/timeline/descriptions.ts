// The longer OpenAPI descriptions of these routes, one per operation, so the route definitions stay readable.

export const GET_PROVIDER_TIMELINE_DESCRIPTION =
  'Every date that applies to the provider across its contracts, sorted by due date, with statuses as of `asOf`. Relative dates count from recorded events, otherwise from the predicted date of the step before (`projected`). Filter by due date (`from`, `to`, inclusive) and `actor`.';

export const DUE_ITEMS_DESCRIPTION =
  'The dated items of every provider of this API key (every provider for an admin key) due between `from` and `to` (inclusive; default today and 30 days on), with statuses as of `asOf`: one call for "what is due in the next 30 days" instead of one per provider. Filter by `actor` and `status` (repeat it for more than one). Paged by cursor: `next` (and `Link: rel="next"`) gives the following page; a cursor belongs to its `from` and `to`.';
