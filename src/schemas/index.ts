import { ApiKeySchema } from './api-keys.js';
import { CalendarSummarySchema, PlanningLineSchema } from './calendars.js';
import { FieldErrorSchema, ProblemSchema } from './common.js';
import { EventSchema } from './events.js';
import { CorrectionSchema, OwnItemSchema } from './own-dates.js';
import { ProviderSchema } from './providers.js';
import { TimelineItemSchema } from './timeline.js';
import { WebhookSchema } from './webhooks.js';

/** Schemas with an $id: registered once with addSchema, referenced with $ref, named components in OpenAPI. */
export const SHARED_SCHEMAS = [
  FieldErrorSchema,
  ProblemSchema,
  ProviderSchema,
  TimelineItemSchema,
  EventSchema,
  OwnItemSchema,
  CorrectionSchema,
  ApiKeySchema,
  CalendarSummarySchema,
  PlanningLineSchema,
  WebhookSchema,
];
