// The longer OpenAPI descriptions of these routes, one per operation, so the route definitions stay readable.

/** Said of every feed: how people subscribe, and what calendar apps do with it. */
const SUBSCRIBE =
  'Subscribe to it by address in Google Calendar, Outlook or Apple Calendar; they refetch it every few hours to a day and most ignore its alarms (VALARM).';

export const GET_ALL_CALENDARS_FEED_DESCRIPTION = `The generic timelines of several insurers' calendars for one kind and status in one feed (every calendar when \`calendar\` is left out), with nothing recorded. ${SUBSCRIBE}`;

export const GET_CALENDAR_FEED_DESCRIPTION = `The generic timeline of one insurer's calendar for one kind and status, with nothing recorded: for providers not registered. ${SUBSCRIBE}`;

export const GET_SITUATION_FEED_DESCRIPTION = `The dates of one situation, with nothing recorded: kinds of care (\`kind\`, repeated) and per insurer and contract year existing or new (\`c:<insurer>:<year>=existing|new|none\`: any insurer of \`GET /api/v1/insurers\`; one without an encoded calendar for that year gets the law's dates), with a calendar's attributes (\`a:<insurer>:<year>:<attribute>=<value>\`). The web front door's subscribe links point here; the address is the situation, so no account is needed. ${SUBSCRIBE}`;

export const GET_PROVIDER_FEED_DESCRIPTION = `Every dated item of the provider's timeline, kept up to date with recorded events and provider changes; alarms from the provider's \`reminderDays\`. The address is the provider's \`feedUrl\`; anyone who has it can read the feed, so \`POST /api/v1/providers/{id}/feed-token\` replaces it (the old address answers 404 at once). ${SUBSCRIBE}`;
