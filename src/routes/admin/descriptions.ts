// The longer OpenAPI descriptions of these routes, one per operation, so the route definitions stay readable.

export const RUN_REMINDERS_DESCRIPTION =
  "Starts the run as a job and answers at once (202) with its address: planning every contact's digest for the day (at most one per contact per day), then sending what the outbox holds. Retries during an SMTP outage continue in the background; follow the job with `GET` on `Location`. Running a day again sends nothing already sent and queues the day's failed mails once more.";
