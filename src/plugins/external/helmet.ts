import helmet from '@fastify/helmet';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';

/**
 * Security headers on every answer; /docs sets its own Content-Security-Policy for Swagger UI's assets.
 * Served over plain http (npm start on a laptop), upgrade-insecure-requests would break /docs: leave it out there.
 */
async function securityHeaders(fastify: FastifyInstance, opts: { https: boolean }): Promise<void> {
  await fastify.register(helmet, {
    global: true,
    contentSecurityPolicy: { directives: { upgradeInsecureRequests: opts.https ? [] : null } },
  });
}

export default fp(securityHeaders, { name: 'security-headers' });
