import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { SECURITY, problemResponses } from '../../schemas/common.js';
import { OutboxListSchema, OutboxQuerySchema, RunRemindersSchema, RunResultSchema } from '../../schemas/reminders.js';
import { OutboxStore } from '../../store/outbox.js';

const tags = ['admin'];

/** Operating the reminders: run a day by hand, look into the outbox. Admin keys only. */
const admin: FastifyPluginAsyncTypebox = async (fastify) => {
  fastify.addHook('onRequest', fastify.authenticate);
  fastify.addHook('onRequest', fastify.requireAdmin);
  const outbox = new OutboxStore(fastify.db);

  fastify.post('/reminders/run', {
    schema: {
      operationId: 'runReminders',
      tags,
      summary: 'Run the reminders of a day',
      description: 'Plans every contact\'s digest for the day (at most one per contact per day) and sends what the outbox holds, waiting out retries. Running a day again sends nothing already sent and queues the day\'s failed mails once more.',
      security: SECURITY,
      body: RunRemindersSchema,
      response: { 200: { ...RunResultSchema, description: 'What the run did.' }, ...problemResponses(400, 401, 403, 413, 415, 429, 500) },
    },
  }, async (request) => {
    const day = request.body?.date ?? fastify.today();
    request.log.info({ day }, 'reminders: run started by hand');
    return fastify.reminders.runDay(day);
  });

  fastify.get('/outbox', {
    schema: {
      operationId: 'listOutbox',
      tags,
      summary: 'List the mail outbox',
      description: 'Every stored digest with its delivery state; `?status=failed` lists what needs attention (the last SMTP answer is in `lastError`).',
      security: SECURITY,
      querystring: OutboxQuerySchema,
      response: { 200: { ...OutboxListSchema, description: 'One page of the outbox.' }, ...problemResponses(400, 401, 403, 429, 500) },
    },
  }, async (request) => {
    // The schema's defaults are filled in by validation; spelled out again for the type only.
    const query = { ...request.query, limit: request.query.limit ?? 50, offset: request.query.offset ?? 0 };
    const { items, total } = outbox.list(query);
    return { items, total, limit: query.limit, offset: query.offset };
  });
};

export default admin;
