import type { TSchema } from '@sinclair/typebox';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { HttpProblem } from '../../problems.js';
import { etagOf, ifMatchHolds } from './etags.js';

/** A resource as its GET answers it: the bytes and their ETag (what a client holds and sends back as If-Match). */
export interface Representation {
  body: string;
  etag: string;
}

/**
 * The resource serialised by the schema its GET answers with, so the ETag is the one that GET gave (the onSend
 * hook of conditional-reads.ts hashes the same bytes).
 */
export function representationOf(reply: FastifyReply, schema: TSchema, value: object): Representation {
  const body = reply.serializeInput(value as Record<string, unknown>, schema);
  return { body, etag: etagOf(body) };
}

/** The 412 of a change whose If-Match no longer holds: nothing changes, and the current ETag is in the answer. */
export function preconditionFailed(what: string, etag: string): HttpProblem {
  return new HttpProblem(
    412,
    `the ${what} changed since it was read (its ETag is now ${etag}); read it again, then decide`,
    [{ field: 'if-match', in: 'headers', message: `no longer matches the ${what}` }],
    { etag },
  );
}

/**
 * RFC 9110 If-Match on a change: without the header the change goes ahead; with it, only while the resource is
 * still as the client read it. Called in the same synchronous turn as the write, so nothing comes between.
 */
export function assertIfMatch(request: FastifyRequest, what: string, current: () => Representation): void {
  const ifMatch = request.headers['if-match'];
  if (typeof ifMatch !== 'string') return;
  const { etag } = current();
  if (!ifMatchHolds(ifMatch, etag)) throw preconditionFailed(what, etag);
}

/** The answer to a change: the resource as its GET now gives it, with the ETag for the client's next If-Match. */
export function sendRepresentation(reply: FastifyReply, representation: Representation): FastifyReply {
  return reply
    .header('etag', representation.etag)
    .header('content-type', 'application/json; charset=utf-8')
    .send(representation.body);
}
