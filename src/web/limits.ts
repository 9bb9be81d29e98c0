import type { FastifyInstance, onRequestAsyncHookHandler } from 'fastify';
import type { WebContext } from './context.js';

/** Per client address: the forms that send mail (sign-up, new link) answer 429 after `formsPerHour` in an hour. */
export function formLimit(fastify: FastifyInstance, context: WebContext): onRequestAsyncHookHandler {
  if (context.formsPerHour === 0) return async () => {};
  return fastify.rateLimit({
    max: context.formsPerHour,
    timeWindow: '1 hour',
    keyGenerator: (request) => `web-forms:${request.ip}`,
    errorResponseBuilder: (_request, context) =>
      Object.assign(new Error('too many requests'), { statusCode: 429, retryAfter: context.after }),
  });
}
