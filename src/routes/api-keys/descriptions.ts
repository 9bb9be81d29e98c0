// The longer OpenAPI descriptions of these routes, one per operation, so the route definitions stay readable.

export const REVOKE_API_KEY_DESCRIPTION =
  'The key stops working at once. Its providers stay (an admin key still sees them); events keep naming it. Their feed and page addresses keep working unless `rotateFeeds=true`: choose that when whoever held the key should no longer read them (the practices then need their new addresses). The last active admin key cannot be revoked (409): create another admin key first.';
