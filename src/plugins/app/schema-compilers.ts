import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { AjvCompiler, StandaloneValidator, type ValidatorFactory } from '@fastify/ajv-compiler';
import { SerializerSelector, StandaloneSerializer } from '@fastify/fast-json-stringify-compiler';
import type { FastifyServerOptions } from 'fastify';

/**
 * The request validators (Ajv) and response serializers (fast-json-stringify) of every route, compiled when
 * `npm run build` runs (scripts/compile-schemas.mjs, with the standalone modes of @fastify/ajv-compiler and
 * @fastify/fast-json-stringify-compiler, made for this) into dist/compiled-schemas/, one CommonJS module per schema,
 * named by the SHA-256 of what it was compiled from. The service loads a route's module when a request first needs it:
 * a require of generated code instead of a compile (which made a first request 5–20× slower than the next). A schema
 * with no module (run from source, or changed since the build) is compiled on first use, as before.
 */

// No check of each schema against the meta-schema when compiling: building that check cost the first request after a
// start ~0.2 s; test/app-schemas.test.ts makes it on every route's schemas instead.
const AJV_OPTIONS = { allErrors: true, removeAdditional: false, useDefaults: true, validateSchema: false } as const;

/** dist/compiled-schemas/ beside dist/plugins/: absent when running from source. */
export const COMPILED_SCHEMAS_DIR = fileURLToPath(new URL('../../compiled-schemas/', import.meta.url));

type SchemaCompilers = NonNullable<NonNullable<FastifyServerOptions['schemaController']>['compilersFactory']>;
type SerializerFactory = NonNullable<SchemaCompilers['buildSerializer']>;
type AjvValidator = ((data: unknown, dataContext?: object) => unknown) & { schemaEnv?: unknown; errors?: unknown };
type Serialize = (data: unknown) => string;
/** What Fastify hands a compiler per route schema (validators name the httpPart, serializers the httpStatus). */
interface RouteSchema {
  schema: unknown;
  method?: string;
  url?: string;
  httpPart?: string;
  httpStatus?: string;
  contentType?: string;
}
type AjvOptions = { customOptions?: object; plugins?: unknown[] } & Record<string, unknown>;
type BuildValidator = (schemas: unknown, options: object) => (route: RouteSchema) => AjvValidator;
type BuildSerializer = (schemas: unknown, options: object) => (route: RouteSchema) => Serialize;

/**
 * JSON bodies carry their own types, so a body is validated without coercion: `"admin": "true"` is a client's
 * mistake to name (400), not a guess. Query strings, path parameters and headers are text and still coerce.
 */
function ajvOptionsFor(httpPart: string | undefined, options: AjvOptions): AjvOptions {
  const coerceTypes = httpPart === 'body' ? false : 'array';
  return { ...options, customOptions: { ...AJV_OPTIONS, ...options.customOptions, coerceTypes } };
}

/**
 * The name of a schema's compiled module: everything its code depends on (the options, the shared schemas, the schema,
 * a validator's part). Not a serializer's status: the same schema serialises alike on any status, or through
 * `reply.serializeInput` (which has none).
 */
function moduleKey(kind: 'validator' | 'serializer', context: string, route: RouteSchema): string {
  const part = kind === 'validator' ? route.httpPart : '';
  return createHash('sha256')
    .update(`${kind}\n${part}\n${context}\n${JSON.stringify(route.schema)}`)
    .digest('hex')
    .slice(0, 32);
}

const contextOf = (externalSchemas: unknown, options: object) => JSON.stringify([externalSchemas, options]);

/** Resolves what generated code requires (ajv, fast-json-stringify) from here, wherever its module was written. */
const requireHere = createRequire(import.meta.url);

/** The compiled module of `key`, or undefined when the build made none for it. */
function precompiled<T>(dir: string, key: string): T | undefined {
  const file = join(dir, `${key}.cjs`);
  if (!existsSync(file)) return undefined;
  const module = { exports: {} as unknown };
  // eslint-disable-next-line @typescript-eslint/no-implied-eval -- the build's own generated code, as the standalone modes intend
  new Function('module', 'exports', 'require', readFileSync(file, 'utf8'))(module, module.exports, requireHere);
  return module.exports as T;
}

/**
 * The service's compilers: a route's validator or serializer is its compiled module when the build made one, else
 * compiled, either way on the first request that needs it (nothing is compiled or loaded at start-up).
 */
export function schemaCompilers(dir = COMPILED_SCHEMAS_DIR): SchemaCompilers {
  const ajv = AjvCompiler() as unknown as BuildValidator;
  const serializers = SerializerSelector() as unknown as BuildSerializer;
  const buildValidator = (externalSchemas: unknown, options: AjvOptions) => {
    // Each Ajv instance (it compiles the meta-schema and adds the shared schemas) is made on first use too.
    const compilers = new Map<string | undefined, ReturnType<BuildValidator>>();
    return (route: RouteSchema) =>
      validatorOnFirstUse(() => {
        const partOptions = ajvOptionsFor(route.httpPart, options);
        const stored = precompiled<AjvValidator>(
          dir,
          moduleKey('validator', contextOf(externalSchemas, partOptions), route),
        );
        if (stored !== undefined) return stored;
        let compile = compilers.get(route.httpPart);
        if (compile === undefined) compilers.set(route.httpPart, (compile = ajv(externalSchemas, partOptions)));
        return compile(route);
      });
  };
  const buildSerializer = (externalSchemas: unknown, options: object) => {
    let compile: ReturnType<BuildSerializer> | undefined;
    let context: string | undefined;
    return (route: RouteSchema) => {
      let serialize: Serialize | undefined;
      const loaded = (): Serialize =>
        precompiled<Serialize>(
          dir,
          moduleKey('serializer', (context ??= contextOf(externalSchemas, options)), route),
        ) ?? (compile ??= serializers(externalSchemas, options))(route);
      return (data: unknown) => (serialize ??= loaded())(data);
    };
  };
  return {
    buildValidator: buildValidator as unknown as ValidatorFactory,
    buildSerializer: buildSerializer as unknown as SerializerFactory,
  };
}

/**
 * The build's compilers: every route's schemas compiled as the app is built, each one's standalone code written to
 * `dir` under the name `schemaCompilers` looks it up by. Returns the compilers and how many modules they wrote.
 */
export function writingSchemaCompilers(dir: string): {
  compilers: SchemaCompilers;
  /** Compiles serializers of schemas no route answers with (REPRESENTATIONS), in every context the routes had. */
  alsoSerialize: (schemas: readonly unknown[]) => void;
  written: () => number;
} {
  mkdirSync(dir, { recursive: true });
  let written = 0;
  const serializerContexts: ((route: RouteSchema) => unknown)[] = [];
  const store = (key: string, code: string) => {
    writeFileSync(
      join(dir, `${key}.cjs`),
      `// Generated by npm run build (scripts/compile-schemas.mjs): do not edit.\n${code}\n`,
    );
    written++;
  };
  const buildValidator = (externalSchemas: unknown, options: AjvOptions) => {
    const compilers = new Map<string | undefined, ReturnType<BuildValidator>>();
    return (route: RouteSchema) => {
      const partOptions = ajvOptionsFor(route.httpPart, options);
      let compile = compilers.get(route.httpPart);
      if (compile === undefined) {
        const context = contextOf(externalSchemas, partOptions);
        const standalone = StandaloneValidator({
          readMode: false,
          storeFunction: (stored, code) => store(moduleKey('validator', context, stored as RouteSchema), code),
        }) as unknown as BuildValidator;
        compilers.set(route.httpPart, (compile = standalone(externalSchemas, { ...partOptions })));
      }
      return compile(route);
    };
  };
  const buildSerializer = (externalSchemas: unknown, options: object) => {
    const context = contextOf(externalSchemas, options);
    const standalone = StandaloneSerializer({
      readMode: false,
      storeFunction: (stored, code) => store(moduleKey('serializer', context, stored as RouteSchema), code),
    }) as unknown as BuildSerializer;
    // The standalone compiler sets its `mode` on the options it is given: a copy, so the key's options stay as read.
    // Inlined validators: a schema with anyOf or if/then is checked by Ajv code written here, not compiled at runtime.
    const compile = standalone(externalSchemas, { ...options, inlineValidators: true });
    serializerContexts.push(compile);
    return (route: RouteSchema) => {
      compile(route);
      // The app being built for the build answers nothing: the written module is what a request would use.
      return (data: unknown) =>
        (precompiled<Serialize>(dir, moduleKey('serializer', context, route)) as Serialize)(data);
    };
  };
  return {
    compilers: {
      buildValidator: buildValidator as unknown as ValidatorFactory,
      buildSerializer: buildSerializer as unknown as SerializerFactory,
    },
    alsoSerialize: (schemas) => {
      for (const compile of serializerContexts) for (const schema of schemas) compile({ schema });
    },
    written: () => written,
  };
}

/**
 * A route's request validator made when a request first needs it, not at start-up (as the serializers): compiling every
 * route's schemas took a fifth of the start. Fastify reads `schemaEnv` and `errors` as on Ajv's own.
 */
function validatorOnFirstUse(make: () => AjvValidator): AjvValidator {
  let validator: AjvValidator | undefined;
  const made = () => (validator ??= make());
  const validate = (data: unknown, dataContext?: object) => made()(data, dataContext);
  return Object.defineProperties(validate, {
    schemaEnv: { get: () => made().schemaEnv },
    errors: { get: () => made().errors },
  });
}
