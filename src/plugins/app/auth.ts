import type { FastifyInstance, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { HttpProblem } from '../../problems.js';
import type { ApiKey } from '../../store/api-keys.js';
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

/** Keys are looked up on every request (by hash), so a revoked key stops working at once; the lookup also reads the database generation. */
async function auth(fastify: FastifyInstance): Promise<void> {
  fastify.decorateRequest('apiKey', null);
  fastify.decorateRequest('generation', null);

  fastify.decorate('authenticate', async (request: FastifyRequest) => {
    const header = request.headers.authorization;
    // Node keeps only the first of repeated Authorization headers; which key was meant is ambiguous, so refuse.
    if (header !== undefined && countHeader(request.raw.rawHeaders, 'authorization') > 1) {
      throw new HttpProblem(400, 'send one Authorization header, not several', [{ field: 'authorization', in: 'headers', message: 'must be sent once' }]);
    }
    if (header === undefined) {
      throw new HttpProblem(401, 'send an API key: Authorization: Bearer <key>', [{ field: 'authorization', in: 'headers', message: 'is required' }], {
        'www-authenticate': 'Bearer realm="api"',
      });
    }
    const match = BEARER.exec(header);
    const found = match ? fastify.store.apiKeys.authenticateAt(match[1]) : undefined;
    if (!found) {
      throw new HttpProblem(401, match ? 'the API key is unknown or revoked' : 'the Authorization header must be "Bearer <key>"', [{ field: 'authorization', in: 'headers', message: match ? 'unknown or revoked key' : 'must be "Bearer <key>"' }], {
        'www-authenticate': 'Bearer realm="api", error="invalid_token"',
      });
    }
    request.apiKey = found.apiKey;
    request.generation = found.generation;
  });

  fastify.decorate('requireAdmin', async (request: FastifyRequest) => {
    if (!request.apiKey?.admin) throw new HttpProblem(403, 'this needs an admin API key');
  });
}

export default fp(auth, { name: 'auth', dependencies: ['store'] });
