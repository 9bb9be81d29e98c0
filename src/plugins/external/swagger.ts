import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { documentedAsConditionalRead, type RouteSchema } from '../../schemas/conditional.js';
import { WEBHOOK_PAYLOADS } from '../../schemas/webhooks.js';
import { documentedAnswers } from './openapi-answers.js';

const DESCRIPTION = `Contracting deadlines of Dutch health insurers for birth-care providers.

Register a provider with its contracts (insurer and contract year), read its timeline, and record
what happened (\`POST /providers/{id}/events\`): relative deadlines ("binnen 2 weken na …") recompute from it.

**Authentication**: \`Authorization: Bearer <key>\`. Each key is a tenant and sees only its own providers;
an admin key creates keys (\`POST /api-keys\`) and sees every provider. The calendars need no key.

**Errors** are \`application/problem+json\` (RFC 9457); invalid input lists each field in \`errors\`. \`type\`
names the cause (\`Problem.type\` lists them): \`/problems/<name>\`, resolved against this host, says what it means and
what to do. Every \`/api\` operation may answer 408, 429 (\`Retry-After\`, \`RateLimit-*\`) and 503 (\`Retry-After\`).

**Versioning**: within \`/api/v1\` changes are additive only; a deprecated operation is marked so here and answers
with \`Deprecation\` and \`Sunset\` headers for at least 6 months before it goes.

**Webhooks** (\`POST /webhooks\`): signed POSTs (Standard Webhooks) when an event is recorded or undone and when a
timeline changes; the payloads are in this document's \`webhooks\` section.`;

const SIGNATURE_HEADERS = [
  ['webhook-id', 'The message id: the same on every retry of a message; deduplicate on it.'],
  ['webhook-timestamp', 'When this attempt was signed, Unix seconds; reject one far from your clock.'],
  [
    'webhook-signature',
    '`v1,<base64 HMAC-SHA256 of id.timestamp.body>`, keyed with the base64-decoded secret after `whsec_`; two, space-separated, for 24 hours after a rotation.',
  ],
] as const;

/** The OpenAPI 3.1 `webhooks` section: what an endpoint receives, one POST per event type. */
function webhookOperations(): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(WEBHOOK_PAYLOADS).map(([type, schema]) => [
      type,
      {
        post: {
          operationId: `webhook_${type.replace('.', '_')}`,
          tags: ['webhooks'],
          summary: schema.description,
          parameters: SIGNATURE_HEADERS.map(([name, description]) => ({
            name,
            in: 'header',
            required: true,
            description,
            schema: { type: 'string' },
          })),
          requestBody: {
            required: true,
            content: { 'application/json': { schema: JSON.parse(JSON.stringify(schema)) } },
          },
          responses: {
            '2XX': { description: 'Accepted: the message is delivered. Answer within 5 seconds; queue the work.' },
            default: { description: 'Not accepted (also a redirect, or no answer in time): tried again later.' },
          },
        },
      },
    ]),
  );
}

/** The OpenAPI 3.1 document, generated from the route schemas, and Swagger UI at /docs. */
async function openApi(fastify: FastifyInstance, opts: { publicBaseUrl: string; version: string }): Promise<void> {
  await fastify.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Geboortezorg deadlines',
        version: opts.version,
        description: DESCRIPTION,
        contact: { name: 'Geboortezorg deadlines', url: opts.publicBaseUrl },
      },
      servers: [{ url: opts.publicBaseUrl }],
      tags: [
        { name: 'providers', description: 'Care providers, their contracts and contacts' },
        { name: 'timeline', description: 'Every date that applies to a provider' },
        { name: 'events', description: 'What happened: moves relative deadlines; an audit trail' },
        {
          name: 'own dates',
          description: 'Her own dated items and her corrections of computed dates, each with its history',
        },
        { name: 'calendars', description: "The insurers' planning tables (no key needed)" },
        {
          name: 'insurers',
          description:
            'The registry of insurer groups and, per contract year, whether a document is encoded (no key needed)',
        },
        { name: 'api-keys', description: 'Tenants (admin only)' },
        { name: 'feeds', description: 'iCal feeds to subscribe to in Google Calendar, Outlook or Apple Calendar' },
        { name: 'reminders', description: 'E-mail reminders: one-click unsubscribe' },
        { name: 'admin', description: 'Operations (admin key): run a reminder day, inspect the outbox' },
        { name: 'webhooks', description: 'Signed POSTs to your endpoints when dates change (Standard Webhooks)' },
        { name: 'service', description: 'Health, readiness and metrics' },
      ],
      // Path items built by hand above; the plugin types them by its own OpenAPI typings.
      webhooks: webhookOperations() as never,
      components: {
        securitySchemes: {
          bearerAuth: { type: 'http', scheme: 'bearer', description: 'An API key from `POST /api/v1/api-keys`.' },
        },
      },
    },
    // Answers the HTTP layer and the /api scope give on any route, and the conditional headers: documented once.
    // Every read of the API takes If-None-Match and answers with an ETag (plugins/app/conditional-reads.ts).
    transform: ({ schema, url, route }) => {
      const isApiRead = [route.method].flat().includes('GET') && url.startsWith('/api/');
      const read = isApiRead ? documentedAsConditionalRead((schema ?? {}) as RouteSchema) : schema;
      return { schema: documentedAnswers([route.method].flat(), url, read as never) as typeof schema, url };
    },
    // Shared schemas become components named by their $id, so clients generate one type per shape.
    refResolver: {
      buildLocalReference: (json, _baseUri, _fragment, i) => (typeof json.$id === 'string' ? json.$id : `def-${i}`),
    },
  });
  await fastify.register(swaggerUi, {
    routePrefix: '/docs',
    staticCSP: true,
    transformStaticCSP: (header) =>
      opts.publicBaseUrl.startsWith('https:') ? header : header.replace(/upgrade-insecure-requests;?\s*/, ''),
    uiConfig: { deepLinking: true, validatorUrl: null } as never,
  });

  fastify.get('/openapi.json', { schema: { hide: true } }, async () => fastify.swagger());
}

export default fp(openApi, { name: 'openapi' });
