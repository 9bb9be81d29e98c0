import type { FastifyInstance, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { HttpProblem } from '../../problems.js';
import type { ApiKey, ApiKeyStore } from '../../store/api-keys.js';
import type { Tenant } from '../../store/providers.js';

declare module 'fastify' {
  interface FastifyInstance {
    /** onRequest hook: a live API key in `Authorization: Bearer <key>`, or 401. */
    authenticate: (request: FastifyRequest, reply: FastifyReply) => Promise<void>;
    /** onRequest hook after `authenticate`: an admin key, or 403. */
    requireAdmin: (request: FastifyRequest, reply: FastifyReply) => Promise<void>;
  }
  interface FastifyRequest {
    apiKey: ApiKey | null;
    /** The database generation the key was read at (src/store/generation.ts); null before authentication. */
    generation: string | null;
    /** This request's key lookup (`presentedKey`): null until made, false when it found no live key. */
    keyLookup: NonNullable<KeyLookup> | false | null;
  }
}

export const BEARER = /^Bearer +([\x21-\x7e]{1,512}) *$/i;

export function tenantOf(request: FastifyRequest): Tenant {
  const apiKey = request.apiKey as ApiKey;
  return { keyId: apiKey.id, admin: apiKey.admin };
}

function countHeader(rawHeaders: string[], name: string): number {
  let count = 0;
  for (let i = 0; i < rawHeaders.length; i += 2) if (rawHeaders[i]!.toLowerCase() === name) count++;
  return count;
}

type KeyLookup = ReturnType<ApiKeyStore['authenticateAt']>;

/**
 * The live key the request's Bearer token names, with the database generation read before it; undefined without
 * one. Looked up once per request: the rate limiter (plugins/external/rate-limit.ts) asks before authentication does.
 */
export function presentedKey(keys: ApiKeyStore, request: FastifyRequest): KeyLookup {
  if (request.keyLookup !== null) return request.keyLookup || undefined;
  const header = request.headers.authorization;
  const token = header === undefined ? undefined : BEARER.exec(header)?.[1];
  const found = token === undefined ? undefined : keys.authenticateAt(token);
  request.keyLookup = found ?? false;
  return found;
}

/**
 * Every request checks its key against the database's generation (src/store/api-keys.ts): a key revoked by any
 * process stops working at once, and the generation lets the request's later reads skip what has not changed.
 */
async function auth(fastify: FastifyInstance): Promise<void> {
  fastify.decorateRequest('apiKey', null);
  fastify.decorateRequest('generation', null);
  fastify.decorateRequest('keyLookup', null);

  fastify.decorate('authenticate', async (request: FastifyRequest) => {
    const header = request.headers.authorization;
    // A refused request's body is never read: the connection closes after the answer instead of taking it in.
    const close: Record<string, string> = hasBody(request) ? { connection: 'close' } : {};
    // Node keeps only the first of repeated Authorization headers; which key was meant is ambiguous, so refuse.
    if (header !== undefined && countHeader(request.raw.rawHeaders, 'authorization') > 1) {
      throw new HttpProblem(
        'ambiguous-authorization',
        'send one Authorization header, not several',
        [{ field: 'authorization', in: 'headers', message: 'must be sent once' }],
        close,
      );
    }
    if (header === undefined) {
      throw new HttpProblem(
        'unauthorized',
        'send an API key: Authorization: Bearer <key>',
        [{ field: 'authorization', in: 'headers', message: 'is required' }],
        { 'www-authenticate': 'Bearer realm="api"', ...close },
      );
    }
    const found = presentedKey(fastify.store.apiKeys, request);
    if (!found) {
      const match = BEARER.test(header);
      throw new HttpProblem(
        'unauthorized',
        match ? 'the API key is unknown or revoked' : 'the Authorization header must be "Bearer <key>"',
        [
          {
            field: 'authorization',
            in: 'headers',
            message: match ? 'unknown or revoked key' : 'must be "Bearer <key>"',
          },
        ],
        { 'www-authenticate': 'Bearer realm="api", error="invalid_token"', ...close },
      );
    }
    request.apiKey = found.apiKey;
    request.generation = found.generation;
  });

  fastify.decorate('requireAdmin', async (request: FastifyRequest) => {
    if (!request.apiKey?.admin) throw new HttpProblem('forbidden', 'this needs an admin API key');
  });
}

/** Whether the client announced a body (a length above 0, or chunks): Node would read all of it after the answer. */
function hasBody(request: FastifyRequest): boolean {
  const length = request.headers['content-length'];
  return request.headers['transfer-encoding'] !== undefined || (length !== undefined && length !== '0');
}

export default fp(auth, { name: 'auth', dependencies: ['store'] });
