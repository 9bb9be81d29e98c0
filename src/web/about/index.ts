import type { FastifyInstance } from 'fastify';
import { languageOf, sendPage } from '../context.js';
import { accessibilityStatement, privacyStatement, type Operator } from './words.js';

/** /privacy and /toegankelijkheid: who runs the service and what it keeps, from the operator's settings. */
export default async function aboutPages(fastify: FastifyInstance, opts: { operator: Operator }): Promise<void> {
  fastify.get('/privacy', async (request, reply) => {
    const statement = privacyStatement(opts.operator, languageOf(request, reply));
    return sendPage(request, reply, 'about/statement', () => statement.title, { statement });
  });
  fastify.get('/toegankelijkheid', async (request, reply) => {
    const statement = accessibilityStatement(opts.operator, languageOf(request, reply));
    return sendPage(request, reply, 'about/statement', () => statement.title, { statement });
  });
}
