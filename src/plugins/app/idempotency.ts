import { Type } from '@sinclair/typebox';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { HttpProblem } from '../../problems.js';
import { requestFingerprint } from '../../store/idempotency.js';
import { tenantOf } from './auth.js';

/** The request header a POST that creates may carry (IETF httpapi idempotency-key draft). */
export const IdempotencyKeyHeaders = Type.Object({
  'idempotency-key': Type.Optional(
    Type.String({
      minLength: 1,
      maxLength: 255,
      pattern: '^[\\x21-\\x7e]+$',
      description:
        'A key of your choosing (e.g. a UUID) that makes a retry safe: the same key and body within 24 hours answer what the first request created (`201`, its `Location`, header `Idempotent-Replayed: true`) and create nothing; the same key with another body answers `422`.',
    }),
  ),
});

export interface Creation<T> {
  location: string;
  value: T;
  /** True when this is a retry: the value is what the key's first request created, as it is now. */
  replayed: boolean;
}

/**
 * Runs `create` once per Idempotency-Key and API key: the key is stored in the creation's own transaction, so a retry
 * after a crash between the commit and the answer finds what was created instead of creating it again. Without the
 * header it just creates. `replay` reads what a location names now (undefined when it is gone).
 */
export function idempotentCreate<T>(
  fastify: FastifyInstance,
  request: FastifyRequest,
  create: () => { location: string; value: T },
  replay: (location: string) => T | undefined,
): Creation<T> {
  const key = (request.headers as Record<string, string | undefined>)['idempotency-key'];
  if (key === undefined) return { ...create(), replayed: false };
  const { keyId } = tenantOf(request);
  const fingerprint = requestFingerprint(request.method, request.url.split('?')[0]!, request.body);
  const prior = fastify.store.idempotency.find(keyId, key);
  if (prior) {
    if (prior.fingerprint !== fingerprint)
      throw new HttpProblem(
        'idempotency-key-reused',
        'this Idempotency-Key came with another request in the last 24 hours; a new request needs a new key',
        [{ field: 'idempotency-key', in: 'headers', message: 'was used with another request' }],
      );
    const value = replay(prior.location);
    if (value === undefined)
      throw new HttpProblem(
        'idempotency-key-target-gone',
        `what this Idempotency-Key created is gone: ${prior.location}`,
      );
    return { location: prior.location, value, replayed: true };
  }
  const created = fastify.db.transaction(() => {
    const result = create();
    fastify.store.idempotency.remember(keyId, key, fingerprint, result.location);
    return result;
  })();
  return { ...created, replayed: false };
}
