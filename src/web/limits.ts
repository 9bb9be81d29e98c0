import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { WebContext } from './context.js';

export type FormLimit = (request: FastifyRequest, reply: FastifyReply) => Promise<void>;

/**
 * Per client address: the forms that send mail (sign-up, new link, address change) answer 429 after `formsPerHour`
 * in an hour. A handler calls it once the submission is well-formed (past the CSRF check and its field checks), so
 * forged or broken posts cost nobody behind the same address (a reverse proxy, a practice's NAT) their budget; the
 * 429 it throws is answered with the "wait" page.
 */
export function formLimit(fastify: FastifyInstance, context: WebContext): FormLimit {
  if (context.formsPerHour === 0) return async () => {};
  const limit = fastify.rateLimit({
    max: context.formsPerHour,
    timeWindow: '1 hour',
    keyGenerator: (request) => `web-forms:${request.ip}`,
    errorResponseBuilder: (_request, context) =>
      Object.assign(new Error('too many requests'), { statusCode: 429, retryAfter: context.after }),
  });
  return async (request, reply) => {
    await limit.call(fastify, request, reply);
  };
}
