import type { IncomingMessage, ServerResponse } from 'node:http';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import helmet from 'helmet';

/**
 * Security headers on every answer (helmet); /docs sets its own Content-Security-Policy for Swagger UI's assets.
 * Served over plain http (npm start on a laptop), upgrade-insecure-requests would break /docs: leave it out there.
 * Helmet's headers do not depend on the request here (no nonces, no functions in the directives), so they are taken
 * from its middleware once and set on the reply: setting them on the raw response for each request, as the
 * middleware does, was a tenth of a small cached answer's CPU (and made Node merge every other header one by one).
 */
async function securityHeaders(fastify: FastifyInstance, opts: { https: boolean }): Promise<void> {
  const headers = helmetHeaders(
    helmet({ contentSecurityPolicy: { directives: { upgradeInsecureRequests: opts.https ? [] : null } } }),
  );
  fastify.addHook('onRequest', (_request, reply, done) => {
    reply.headers(headers);
    done();
  });
}

/** What helmet's middleware sets (and removes) on a response, run once against a recorder. */
export function helmetHeaders(middleware: ReturnType<typeof helmet>): Record<string, string> {
  const headers: Record<string, string> = {};
  const recorder = {
    setHeader: (name: string, value: string | number | readonly string[]) => {
      headers[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : String(value);
    },
    removeHeader: (name: string) => {
      delete headers[name.toLowerCase()];
    },
  };
  let failure: unknown;
  let finished = false;
  middleware({} as IncomingMessage, recorder as unknown as ServerResponse, (error?: unknown) => {
    failure = error;
    finished = true;
  });
  // Helmet's middleware is synchronous; one that is not (or that failed) must not leave answers without headers.
  if (!finished || failure !== undefined)
    throw new Error(
      `helmet's headers could not be taken: ${String(failure ?? 'its middleware did not finish at once')}`,
    );
  return headers;
}

export default fp(securityHeaders, { name: 'security-headers' });
