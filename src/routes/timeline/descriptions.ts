// The longer OpenAPI descriptions of these routes, one per operation, so the route definitions stay readable.

export const GET_PROVIDER_TIMELINE_DESCRIPTION =
  'Every date that applies to the provider across its contracts, sorted by due date, with statuses as of `asOf`. Relative dates count from recorded events, otherwise from the predicted date of the step before (`projected`). Filter by due date (`from`, `to`, inclusive) and `actor`.';
