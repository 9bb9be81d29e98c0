import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import helmet from 'helmet';

/**
 * Security headers on every answer (helmet); /docs sets its own Content-Security-Policy for Swagger UI's assets.
 * Served over plain http (npm start on a laptop), upgrade-insecure-requests would break /docs: leave it out there.
 * The middleware is built once: @fastify/helmet builds it again for every request (a tenth of a cached read's CPU).
 */
async function securityHeaders(fastify: FastifyInstance, opts: { https: boolean }): Promise<void> {
  const setHeaders = helmet({ contentSecurityPolicy: { directives: { upgradeInsecureRequests: opts.https ? [] : null } } });
  fastify.addHook('onRequest', (request, reply, done) => {
    setHeaders(request.raw, reply.raw, (error?: unknown) => done(error as Error | undefined));
  });
}

export default fp(securityHeaders, { name: 'security-headers' });
