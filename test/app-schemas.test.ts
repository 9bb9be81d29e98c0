import type { ValidatorFactory } from '@fastify/ajv-compiler';
import { Ajv } from 'ajv';
import addFormats from 'ajv-formats';
import { afterAll, describe, expect, it } from 'vitest';
import { buildApp } from '../src/app.js';
import { fixtureCalendars, removeTempDir, tempDir, testConfig } from './helper.js';

const dir = tempDir();
afterAll(() => removeTempDir(dir));

// The service's Ajv skips checking schemas against the meta-schema (validateSchema: false, src/app.ts): building that
// check cost the first request after a start ~0.2 s. It is made here instead, on every route's schema of every part.
describe('route schemas', () => {
  it('are valid JSON Schema (draft-07, the meta-schema Ajv checks against), every part of every route', async () => {
    const seen: { route: string; schema: unknown }[] = [];
    const app = await buildApp(
      { config: testConfig(`${dir}/schemas.db`), calendars: fixtureCalendars },
      {
        schemaController: {
          compilersFactory: {
            // Collects each schema and accepts everything: this app only starts, it answers nothing.
            buildValidator: (() => (route: { method?: string; url?: string; httpPart?: string; schema: unknown }) => {
              seen.push({ route: `${route.method} ${route.url} ${route.httpPart}`, schema: route.schema });
              return () => true;
            }) as unknown as ValidatorFactory,
          },
        },
      },
    );
    await app.close();
    const ajv = new Ajv({ strict: false });
    addFormats.default(ajv);
    expect(seen.length).toBeGreaterThan(50);
    const invalid = seen.filter(({ schema }) => !ajv.validateSchema(schema as object));
    expect(invalid.map(({ route }) => route)).toEqual([]);
    // The check itself can fail: a schema with a wrong type is refused.
    expect(ajv.validateSchema({ type: 'object', properties: { a: { type: 'strng' } } })).toBe(false);
  });
});
