// The longer OpenAPI description of the feed page, so the route definition stays readable.

export const GET_PROVIDER_TIMELINE_PAGE_DESCRIPTION =
  'The same timeline as the feed, as a page people can read in a browser (the links in feed events and reminder e-mails lead here). Behind the same secret as the feed: rotating the feed token changes this address too.';
