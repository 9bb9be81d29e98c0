import { setImmediate } from 'node:timers/promises';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyError, FastifyRequest } from 'fastify';
import { tooLongArray } from '../../plugins/app/array-limits.js';
import { tenantOf } from '../../plugins/app/auth.js';
import { fieldError, problemAnswer } from '../../plugins/app/problems.js';
import { HttpProblem, invalidInputDetail } from '../../problems.js';
import { SECURITY, problemResponses } from '../../schemas/common.js';
import { ProviderBatchResultSchema, ProviderBatchSchema } from '../../schemas/provider-batch.js';
import { CreateProviderSchema, type CreateProviderBody } from '../../schemas/providers.js';
import { NewContactCapError } from '../../store/new-contacts.js';
import { DuplicateAgbError, type ProviderRecord } from '../../store/providers.js';
import { validateProviderInput } from '../../validation/provider-input.js';
import { BATCH_PROVIDERS_DESCRIPTION } from './descriptions.js';
import type { ProviderResource } from './resource.js';

type Validation = NonNullable<FastifyError['validation']>;

/** Rows saved per event-loop turn before the batch lets other requests in. */
const ROWS_PER_TURN = 20;

/** Room for 500 full providers (a provider with many contracts and contacts is a few KB). */
const BATCH_BODY_LIMIT_BYTES = 4 * 1024 * 1024;

/** `POST /providers/batch`: many providers created or updated (by AGB code within the key), each row on its own. */
const providerBatch: FastifyPluginAsyncTypebox<{
  publicBaseUrl: string;
  resource: (record: ProviderRecord) => ProviderResource;
}> = async (fastify, opts) => {
  fastify.post(
    '/batch',
    {
      bodyLimit: BATCH_BODY_LIMIT_BYTES,
      schema: {
        operationId: 'batchProviders',
        tags: ['providers'],
        summary: 'Register or update many providers',
        description: BATCH_PROVIDERS_DESCRIPTION,
        security: SECURITY,
        body: ProviderBatchSchema,
        response: {
          200: { ...ProviderBatchResultSchema, description: 'Each row answered: created, updated or its problem.' },
          ...problemResponses(400, 401, 413, 415, 429, 500),
        },
      },
    },
    async (request) => {
      const tenant = tenantOf(request);
      const validate = request.compileValidationSchema(CreateProviderSchema, 'body');
      const counts = { created: 0, updated: 0, problems: 0 };
      const answerRow = (row: unknown, index: number) => {
        try {
          const body = checkedRow(row, validate);
          const input = validateProviderInput(body, fastify.calendars);
          // Each row is its own transaction (create and update are): a bad row leaves the others as they are.
          const existing = fastify.store.providers.ownedWithAgb(tenant.keyId, input.agb);
          const saved = existing
            ? fastify.store.providers.update(existing, input)
            : fastify.store.providers.create(tenant.keyId, input);
          counts[existing ? 'updated' : 'created']++;
          return {
            index,
            result: existing ? ('updated' as const) : ('created' as const),
            provider: opts.resource(saved),
          };
        } catch (error) {
          counts.problems++;
          return { index, result: 'problem' as const, problem: rowProblem(request, error) };
        }
      };
      const items = [];
      for (const [index, row] of request.body.providers.entries()) {
        // Each row commits with its own fsync (synchronous = FULL): other requests get a turn between rows.
        if (index > 0 && index % ROWS_PER_TURN === 0) await setImmediate();
        items.push(answerRow(row, index));
      }
      return { items, ...counts };
    },
  );

  /** The row as the single route would take it, or the 400 that route would answer (arrays on length first). */
  function checkedRow(row: unknown, validate: ReturnType<FastifyRequest['compileValidationSchema']>) {
    const tooLong = tooLongArray(CreateProviderSchema, row);
    if (tooLong)
      throw new HttpProblem(400, `${tooLong.field}: must NOT have more than ${tooLong.maxItems} items`, [
        { field: tooLong.field, in: 'body', message: `must NOT have more than ${tooLong.maxItems} items` },
      ]);
    if (validate(row)) return row as CreateProviderBody;
    const errors = ((validate.errors ?? []) as Validation).map((e) => fieldError(e, 'body'));
    throw new HttpProblem(400, invalidInputDetail(errors), errors);
  }

  /** A row's problem body as the single route answers it; anything but a problem of the row stops the batch. */
  function rowProblem(request: FastifyRequest, error: unknown) {
    if (error instanceof DuplicateAgbError)
      return problemAnswer(request, 409, error.message, undefined, 'duplicate-agb');
    // The key's daily cap on new contact addresses holds per row as on the single route: the row is refused whole.
    if (error instanceof NewContactCapError)
      return problemAnswer(
        request,
        429,
        `this API key has added ${error.cap} new contact addresses in the last 24 hours (NEW_CONTACTS_PER_KEY_PER_DAY); this row was not written`,
        [{ field: 'contacts', in: 'body', message: `at most ${error.cap} new addresses per API key in 24 hours` }],
      );
    if (!(error instanceof HttpProblem) || error.statusCode >= 500) throw error;
    return problemAnswer(request, error.statusCode, error.detail, error.errors, error.type);
  }
};

export default providerBatch;
