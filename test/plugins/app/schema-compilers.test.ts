import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Type } from '@sinclair/typebox';
import Fastify, { type FastifyServerOptions } from 'fastify';
import { afterEach, describe, expect, it } from 'vitest';
import { schemaCompilers, writingSchemaCompilers } from '../../../src/plugins/app/schema-compilers.js';

const Shared = Type.Object(
  { id: Type.String(), kind: Type.Union([Type.Literal('a'), Type.Literal('b')]) },
  { $id: 'Shared' },
);
const Answer = Type.Object({
  thing: Type.Ref(Shared),
  // anyOf in a response: fast-json-stringify checks it with Ajv, which the build inlines.
  value: Type.Union([Type.Integer(), Type.Object({ text: Type.String() })]),
});
const Body = Type.Object({
  count: Type.Integer({ minimum: 1 }),
  flag: Type.Optional(Type.Boolean({ default: false })),
});
const Representation = Type.Ref(Shared);

type Compilers = NonNullable<NonNullable<FastifyServerOptions['schemaController']>['compilersFactory']>;

async function appWith(compilers: Compilers) {
  const app = Fastify({ schemaController: { compilersFactory: compilers } });
  app.addSchema(Shared);
  app.post(
    '/things/:id',
    {
      schema: {
        params: Type.Object({ id: Type.Integer() }),
        body: Body,
        response: { 200: Answer },
      },
    },
    async (request) => {
      const { id } = request.params as { id: number };
      const { count, flag } = request.body as { count: number; flag: boolean };
      return {
        thing: { id: String(id), kind: flag ? 'b' : 'a', dropped: 'x' },
        value: count > 1 ? count : { text: 't' },
      };
    },
  );
  app.get('/representation', async (_request, reply) =>
    reply.serializeInput({ id: 'r', kind: 'a', extra: 1 }, Representation),
  );
  await app.ready();
  return app;
}

async function answers(compilers: Compilers) {
  const app = await appWith(compilers);
  try {
    const asked = [
      { method: 'POST' as const, url: '/things/7', payload: { count: 2, flag: true } },
      { method: 'POST' as const, url: '/things/7', payload: { count: 1 } },
      { method: 'POST' as const, url: '/things/seven', payload: { count: 1 } },
      { method: 'POST' as const, url: '/things/7', payload: { count: '2' } },
      { method: 'POST' as const, url: '/things/7', payload: { count: 0 } },
      { method: 'GET' as const, url: '/representation' },
    ];
    const replies = [];
    for (const request of asked) {
      const reply = await app.inject(request);
      replies.push({ status: reply.statusCode, body: reply.body });
    }
    return replies;
  } finally {
    await app.close();
  }
}

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function compiledInto(): {
  dir: string;
  written: () => number;
  compilers: Compilers;
  alsoSerialize: (s: unknown[]) => void;
} {
  const dir = mkdtempSync(join(tmpdir(), 'gzd-schemas-'));
  dirs.push(dir);
  return { dir, ...writingSchemaCompilers(dir) };
}

describe('schema compilers (compiled by the build, loaded on first use)', () => {
  it('answers with the build’s modules exactly as with schemas compiled at runtime, and writes one module per schema', async () => {
    const runtime = await answers(schemaCompilers(join(tmpdir(), 'gzd-no-such-dir')));
    const build = compiledInto();
    const app = await appWith(build.compilers);
    build.alsoSerialize([Representation]);
    await app.close();
    const modules = readdirSync(build.dir);
    expect(modules.length).toBeGreaterThanOrEqual(4); // params, body, the 200 answer, the representation
    expect(build.written()).toBeGreaterThanOrEqual(modules.length);
    expect(modules.every((name) => /^[0-9a-f]{32}\.cjs$/.test(name))).toBe(true);
    const fromModules = await answers(schemaCompilers(build.dir));
    expect(fromModules).toEqual(runtime);
    // The answers themselves: the body's default, the coerced path parameter, a 400 for a string count (no coercion
    // of JSON bodies), the property no schema names dropped.
    expect(runtime[0]).toEqual({ status: 200, body: '{"thing":{"id":"7","kind":"b"},"value":2}' });
    expect(runtime[1]).toEqual({ status: 200, body: '{"thing":{"id":"7","kind":"a"},"value":{"text":"t"}}' });
    expect(runtime.slice(2, 5).map((reply) => reply.status)).toEqual([400, 400, 400]);
    expect(runtime[5]).toEqual({ status: 200, body: '{"id":"r","kind":"a"}' });
  });

  it('uses a module the build wrote (not a compile) and compiles a schema the build did not see', async () => {
    const build = compiledInto();
    const app = await appWith(build.compilers);
    build.alsoSerialize([Representation]);
    await app.close();
    // Mark every serializer module: an answer that carries the mark came from the module, not from a compile.
    for (const name of readdirSync(build.dir)) {
      const file = join(build.dir, name);
      const code = readFileSync(file, 'utf8');
      if (code.includes('fast-json-stringify/lib/serializer'))
        writeFileSync(file, `${code}\nconst built = module.exports;\nmodule.exports = (data) => built(data) + ' ';\n`);
    }
    const marked = await answers(schemaCompilers(build.dir));
    expect(marked[0]!.body.endsWith(' ')).toBe(true);
    expect(marked[5]!.body).toBe('{"id":"r","kind":"a"} ');
    // A schema changed since the build has another name: compiled at runtime, never a stale module.
    const other = Fastify({ schemaController: { compilersFactory: schemaCompilers(build.dir) } });
    other.addSchema(Shared);
    other.get('/x', { schema: { response: { 200: Type.Object({ other: Type.String() }) } } }, async () => ({
      other: 'o',
    }));
    expect((await other.inject('/x')).body).toBe('{"other":"o"}');
    await other.close();
  });
});
