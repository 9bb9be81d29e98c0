// The longer OpenAPI descriptions of these routes, one per operation, so the route definitions stay readable.

export const GET_CALENDAR_TIMELINE_DESCRIPTION =
  'The timeline a provider of this kind and status would have with this calendar, with nothing recorded: for people not yet registered. Give attributes the calendar declares as `attribute=name:value`. A kind the calendar does not list: 404 naming the kinds it lists.';
