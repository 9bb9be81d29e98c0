import { Validator } from '@seriousme/openapi-schema-validator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, removeTempDir, tempDir, type TestApp } from '../helper.js';
import { operationsOf } from './operations.js';

let dir: string;
let app: TestApp;
let document: any;

beforeAll(async () => {
  dir = tempDir();
  app = await buildTestApp(`${dir}/openapi.db`);
  document = (await app.inject({ url: '/openapi.json' })).json();
});
afterAll(async () => {
  await app.close();
  removeTempDir(dir);
});

const operations = () => operationsOf(document);

describe('GET /openapi.json', () => {
  it('is a valid OpenAPI 3.1 document', async () => {
    const result = await new Validator().validate(document);
    expect(result.errors ?? []).toEqual([]);
    expect(result.valid).toBe(true);
    expect(document.openapi).toBe('3.1.0');
  });

  it('documents every route of the API', () => {
    expect(
      operations()
        .map((o) => o.name)
        .sort(),
    ).toEqual([
      'DELETE /api/v1/api-keys/{id}',
      'DELETE /api/v1/providers/{id}',
      'DELETE /api/v1/providers/{id}/corrections/{correctionId}',
      'DELETE /api/v1/providers/{id}/events/{eventId}',
      'DELETE /api/v1/providers/{id}/own-items/{ownItemId}',
      'DELETE /api/v1/webhooks/{id}',
      'GET /api/v1/admin/outbox',
      'GET /api/v1/admin/reminders/runs/{day}',
      'GET /api/v1/api-keys',
      'GET /api/v1/calendars',
      'GET /api/v1/calendars/{insurer}/{year}',
      'GET /api/v1/calendars/{insurer}/{year}/timeline',
      'GET /api/v1/insurers',
      'GET /api/v1/providers',
      'GET /api/v1/providers/{id}',
      'GET /api/v1/providers/{id}/corrections',
      'GET /api/v1/providers/{id}/corrections/{correctionId}',
      'GET /api/v1/providers/{id}/corrections/{correctionId}/history',
      'GET /api/v1/providers/{id}/events',
      'GET /api/v1/providers/{id}/events/{eventId}',
      'GET /api/v1/providers/{id}/own-items',
      'GET /api/v1/providers/{id}/own-items/{ownItemId}',
      'GET /api/v1/providers/{id}/own-items/{ownItemId}/history',
      'GET /api/v1/providers/{id}/timeline',
      'GET /api/v1/timeline',
      'GET /api/v1/webhooks',
      'GET /api/v1/webhooks/{id}',
      'GET /api/v1/webhooks/{id}/deliveries',
      'GET /feeds/calendars.ics',
      'GET /feeds/calendars/{insurer}/{year}.ics',
      'GET /feeds/situatie.ics',
      'GET /feeds/{token}.html',
      'GET /feeds/{token}.ics',
      'GET /health',
      'GET /metrics',
      'GET /ready',
      'GET /unsubscribe/{token}',
      'PATCH /api/v1/providers/{id}',
      'PATCH /api/v1/providers/{id}/own-items/{ownItemId}',
      'PATCH /api/v1/webhooks/{id}',
      'POST /api/v1/admin/reminders/run',
      'POST /api/v1/api-keys',
      'POST /api/v1/providers',
      'POST /api/v1/providers/batch',
      'POST /api/v1/providers/{id}/corrections',
      'POST /api/v1/providers/{id}/events',
      'POST /api/v1/providers/{id}/feed-token',
      'POST /api/v1/providers/{id}/own-items',
      'POST /api/v1/webhooks',
      'POST /api/v1/webhooks/{id}/ping',
      'POST /api/v1/webhooks/{id}/rotate-secret',
      'POST /unsubscribe/{token}',
      'POST /unsubscribe/{token}/resubscribe',
    ]);
  });

  it('declares every tag an operation uses, with a description', () => {
    const declared = new Map(
      (document.tags as { name: string; description: string }[]).map((tag) => [tag.name, tag.description]),
    );
    for (const { name, operation } of operations()) {
      for (const tag of operation.tags as string[]) expect(declared.get(tag), `${name}: tag ${tag}`).toBeTruthy();
    }
  });

  it('gives every operation a tag, a summary, its responses with descriptions, and problems as application/problem+json', () => {
    for (const { name, operation } of operations()) {
      expect(operation.tags?.length, name).toBeGreaterThan(0);
      expect(operation.summary, name).toBeTruthy();
      for (const [status, response] of Object.entries(operation.responses as Record<string, any>)) {
        expect(response.description, `${name} ${status}`).toBeTruthy();
        // A page a person opens (a feed's timeline page, an unsubscribe link) answers a bad link with a page; the rest with problems.
        const page = name === 'GET /feeds/{token}.html' || name === 'GET /unsubscribe/{token}';
        if ((status === '400' || status === '404') && page)
          expect(Object.keys(response.content), `${name} ${status}`).toEqual(['text/html']);
        else if (Number(status) >= 400)
          expect(Object.keys(response.content), `${name} ${status}`).toEqual(['application/problem+json']);
      }
      // The planning tables and the insurer registry are public, as the documents they read are.
      if (name.includes('/api/v1/') && !name.includes('/calendars') && !name.includes('/insurers')) {
        expect(operation.security, name).toEqual([{ bearerAuth: [] }]);
        expect(Object.keys(operation.responses), name).toContain('401');
      }
    }
  });

  it('declares If-None-Match, the ETag and the 304 on every read of the API', () => {
    const reads = operations().filter((o) => o.method === 'get' && o.path.startsWith('/api/'));
    expect(reads.length).toBeGreaterThan(15);
    for (const { name, operation } of reads) {
      const headers = (operation.parameters ?? []).filter((p: { in: string }) => p.in === 'header');
      expect(
        headers.map((p: { name: string }) => p.name),
        name,
      ).toContain('if-none-match');
      expect(Object.keys(operation.responses['200'].headers ?? {}), name).toContain('etag');
      expect(operation.responses['304'].headers, name).toHaveProperty('etag');
    }
  });

  it('declares the Link header and next on every list paged by cursor', () => {
    const paged = operations().filter((o) =>
      (o.operation.parameters ?? []).some((p: { name: string; in: string }) => p.in === 'query' && p.name === 'cursor'),
    );
    expect(paged.map((o) => o.name).sort()).toEqual([
      'GET /api/v1/admin/outbox',
      'GET /api/v1/api-keys',
      'GET /api/v1/providers',
      'GET /api/v1/providers/{id}/corrections',
      'GET /api/v1/providers/{id}/events',
      'GET /api/v1/providers/{id}/own-items',
      'GET /api/v1/timeline',
      'GET /api/v1/webhooks',
      'GET /api/v1/webhooks/{id}/deliveries',
    ]);
    for (const { name, operation } of paged) {
      expect(Object.keys(operation.responses['200'].headers ?? {}), name).toContain('link');
      expect(JSON.stringify(operation.responses['200'].content), name).toContain('"next"');
    }
  });

  it('documents every path parameter and the request bodies with examples', () => {
    for (const { name, path, operation } of operations()) {
      const inPath = [...path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]);
      const documented = (operation.parameters ?? [])
        .filter((p: { in: string }) => p.in === 'path')
        .map((p: { name: string }) => p.name);
      expect(documented.sort(), name).toEqual(inPath.sort());
      for (const parameter of operation.parameters ?? [])
        expect(parameter.schema, `${name} ${parameter.name}`).toBeDefined();
      if (operation.requestBody) {
        const body = operation.requestBody.content['application/json'];
        expect(body.schema, name).toBeDefined();
        expect(JSON.stringify(body), name).toMatch(/"examples?"/);
      }
    }
  });

  it('names the shared shapes as components', () => {
    expect(Object.keys(document.components.schemas)).toEqual(
      expect.arrayContaining([
        'Problem',
        'FieldError',
        'Provider',
        'TimelineItem',
        'Event',
        'ApiKey',
        'CalendarSummary',
        'PlanningLine',
      ]),
    );
    expect(document.components.securitySchemes.bearerAuth).toMatchObject({ type: 'http', scheme: 'bearer' });
  });

  it("documents each item's derivation, its cap, its request and the statuses that say what happened", () => {
    const item = document.components.schemas.TimelineItem;
    expect(item.properties.derivation.properties).toMatchObject({ nl: { type: 'string' }, en: { type: 'string' } });
    expect(item.properties.derivation.description).toMatch(/28 oktober 2026/);
    expect(Object.keys(item.properties)).toEqual(expect.arrayContaining(['capped', 'bindsWhen', 'waitsFor']));
    expect(JSON.stringify(item.properties.status)).toMatch(/passed.*waiting/);
    expect(JSON.stringify(item.properties.type)).toContain('advice');
  });

  it('describes each webhook event type in the webhooks section, with its payload and the signature headers', () => {
    expect(Object.keys(document.webhooks).sort()).toEqual([
      'calendar.published',
      'event.recorded',
      'event.undone',
      'item.due-soon',
      'timeline.changed',
      'webhook.ping',
    ]);
    const recorded = document.webhooks['event.recorded'].post;
    const payload = recorded.requestBody.content['application/json'].schema;
    expect(payload.properties.type.const).toBe('event.recorded');
    expect(Object.keys(payload.properties.data.properties)).toEqual(['providerId', 'via', 'event']);
    expect(payload.properties.data.properties.via.enum).toEqual(['api', 'web']);
    expect(recorded.parameters.map((p: { name: string }) => p.name)).toEqual([
      'webhook-id',
      'webhook-timestamp',
      'webhook-signature',
    ]);
    const changed = document.webhooks['timeline.changed'].post.requestBody.content['application/json'].schema;
    expect(Object.keys(changed.properties.data.properties)).toEqual(['providerId', 'cause', 'itemIds', 'items']);
    expect(document.components.schemas.Webhook).toBeDefined();
  });
});

describe('GET /docs', () => {
  it('serves Swagger UI with a Content-Security-Policy that lets it run', async () => {
    const page = await app.inject({ url: '/docs/' });
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-type']).toMatch(/text\/html/);
    expect(page.body).toContain('swagger-ui');
    expect(page.headers['content-security-policy']).toContain("script-src 'self'");
    const scripts = [...page.body.matchAll(/<script src="\.\/([^"]+)"/g)].map((m) => m[1]);
    expect(scripts.length).toBeGreaterThan(0);
    for (const script of scripts) expect((await app.inject({ url: `/docs/${script}` })).statusCode, script).toBe(200);
    expect((await app.inject({ url: '/docs/json' })).json().openapi).toBe('3.1.0');
  });

  it('sends security headers on API answers too', async () => {
    const response = await app.inject({ url: '/api/v1/calendars' });
    expect(response.headers['x-content-type-options']).toBe('nosniff');
    expect(response.headers['content-security-policy']).toContain("default-src 'self'");
    expect(response.headers['content-security-policy']).not.toContain('upgrade-insecure-requests');
  });
});
