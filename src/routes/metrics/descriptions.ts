// The longer OpenAPI descriptions of these routes, one per operation, so the route definitions stay readable.

export const GET_METRICS_DESCRIPTION =
  'Prometheus text format: requests per route and status, feed cache hits and misses, outbox sizes per status, the last reminder run, providers, memory. Holds no personal data. With METRICS_TOKEN set, only `Authorization: Bearer <METRICS_TOKEN>` is answered (what Prometheus sends with `authorization.credentials`); without it, restrict it to your monitoring network at the proxy.';
