import { Type, type FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { HttpProblem, invalidInput, notFound } from '../../problems.js';
import {
  ApiKeyListQuerySchema,
  ApiKeyListSchema,
  ApiKeyParamsSchema,
  CreateApiKeySchema,
  CreatedApiKeySchema,
  RevokeApiKeyQuerySchema,
} from '../../schemas/api-keys.js';
import { rotateFeedsOfOwner } from '../../store/rotation.js';
import { SECURITY, problemResponses } from '../../schemas/common.js';
import { singleLineProblem } from '../../validation/text.js';
import { LINK_HEADER } from '../../schemas/paging.js';
import { decodeCursor, encodeCursor, linkToNext, pageOf } from '../paging.js';
import { REVOKE_API_KEY_DESCRIPTION } from './descriptions.js';

const tags = ['api-keys'];

const apiKeys: FastifyPluginAsyncTypebox = async (fastify) => {
  fastify.addHook('onRequest', fastify.authenticate);
  fastify.addHook('onRequest', fastify.requireAdmin);

  fastify.post(
    '',
    {
      schema: {
        operationId: 'createApiKey',
        tags,
        summary: 'Create an API key',
        description:
          'Creates a key: a tenant that sees and changes only the providers it registers (an `admin` key sees all and manages keys). The key is in the answer once; only its hash is stored.',
        security: SECURITY,
        body: CreateApiKeySchema,
        response: {
          201: { ...CreatedApiKeySchema, description: 'The new key.' },
          ...problemResponses(400, 401, 403, 413, 415, 429, 500),
        },
      },
    },
    async (request, reply) => {
      const problem = singleLineProblem(request.body.name);
      if (problem) throw invalidInput([{ field: 'name', in: 'body', message: problem }]);
      const { apiKey, key } = fastify.store.apiKeys.create(request.body.name.trim(), request.body.admin ?? false);
      request.log.info({ keyId: apiKey.id, admin: apiKey.admin }, 'API key created');
      const { revokedAt: _revokedAt, ...created } = apiKey;
      return reply.code(201).send({ ...created, key });
    },
  );

  fastify.get(
    '',
    {
      schema: {
        operationId: 'listApiKeys',
        tags,
        summary: 'List API keys',
        description: 'Every key, revoked ones too, oldest first, one page at a time; never the keys themselves.',
        security: SECURITY,
        querystring: ApiKeyListQuerySchema,
        response: {
          200: { ...ApiKeyListSchema, description: 'One page of keys.', headers: LINK_HEADER },
          ...problemResponses(400, 401, 403, 429, 500),
        },
      },
    },
    async (request, reply) => {
      const { limit = 100, cursor } = request.query;
      const after = decodeCursor(cursor, 'api-keys', 2);
      const { page, last } = pageOf(fastify.store.apiKeys.list(), (key) => [key.createdAt, key.id], limit, after);
      const next = last === null ? null : encodeCursor('api-keys', last);
      linkToNext(request, reply, next);
      return { items: page, next };
    },
  );

  fastify.delete(
    '/:id',
    {
      schema: {
        operationId: 'revokeApiKey',
        tags,
        summary: 'Revoke an API key',
        description: REVOKE_API_KEY_DESCRIPTION,
        security: SECURITY,
        params: ApiKeyParamsSchema,
        querystring: RevokeApiKeyQuerySchema,
        response: {
          204: Type.Null({ description: 'Revoked.' }),
          ...problemResponses(400, 401, 403, 404, 409, 429, 500),
        },
      },
    },
    async (request, reply) => {
      const rotated = fastify.db.transaction(() => {
        const outcome = fastify.store.apiKeys.revokeKeepingAnAdmin(request.params.id);
        if (outcome === 'not-found') throw notFound('live API key');
        if (outcome === 'last-admin')
          throw new HttpProblem(
            'last-admin-key',
            'this is the last active admin key: create another admin key first, then revoke this one with it',
          );
        return request.query.rotateFeeds ? rotateFeedsOfOwner(fastify.db, request.params.id) : 0;
      })();
      request.log.info({ keyId: request.params.id, rotatedFeeds: rotated }, 'API key revoked');
      return reply.code(204).send(null);
    },
  );
};

export default apiKeys;
