import { Type } from '@sinclair/typebox';
import { EventSchema } from './events.js';
import { CorrectionSchema, OwnItemSchema } from './own-dates.js';
import { WebhookSchema } from './webhooks.js';

/**
 * The schemas a resource's representation is serialised by outside its route's own answer (its ETag for If-Match and
 * for a 201, src/plugins/app/preconditions.ts). One object each: Fastify keeps a serializer per schema object (a new
 * Type.Ref per request compiled one per request), and the build compiles these ahead as it does the routes' own.
 */
export const REPRESENTATIONS = {
  event: Type.Ref(EventSchema),
  ownItem: Type.Ref(OwnItemSchema),
  correction: Type.Ref(CorrectionSchema),
  webhook: Type.Ref(WebhookSchema),
};
