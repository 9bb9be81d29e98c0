import { queryAsDeclared } from './plugins/app/query-parameters.js';
import { wellFormedJson } from './plugins/app/well-formed-text.js';
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer, STATUS_CODES } from 'node:http';
import type { Socket } from 'node:net';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import Fastify, { type FastifyInstance, type FastifyRequest, type FastifyServerOptions } from 'fastify';
import fp from 'fastify-plugin';
import { loadCalendarSet } from './calendar/load.js';
import { todayInAmsterdam } from './clock.js';
import type { Config } from './config.js';
import type { CalendarSet } from './domain/calendar-set.js';
import type { IsoDate } from './domain/types.js';
import feedsPlugin from './feeds/plugin.js';
import { loggerOptions } from './logging.js';
import answerCachePlugin from './plugins/app/answer-cache.js';
import arrayLimitsPlugin from './plugins/app/array-limits.js';
import authPlugin from './plugins/app/auth.js';
import conditionalReadsPlugin from './plugins/app/conditional-reads.js';
import calendarsPlugin from './plugins/app/calendars.js';
import metricsPlugin from './plugins/app/metrics.js';
import problemsPlugin, { sendProblem } from './plugins/app/problems.js';
import { problemBody, type ProblemType } from './problems.js';
import { PROBLEM_CONTENT_TYPE } from './schemas/common.js';
import storePlugin from './plugins/app/store.js';
import corsPlugin from './plugins/external/cors.js';
import helmetPlugin from './plugins/external/helmet.js';
import overloadPlugin, { alwaysAnswered, shedApiRequest } from './plugins/external/overload.js';
import { requestQueue } from './plugins/app/request-queue.js';
import rateLimitPlugin from './plugins/external/rate-limit.js';
import { schemaCompilers } from './plugins/app/schema-compilers.js';
import { warmUp } from './plugins/app/warm-up.js';
import sqlitePlugin from './plugins/external/sqlite.js';
import swaggerPlugin from './plugins/external/swagger.js';
import apiKeyRoutes from './routes/api-keys/index.js';
import calendarRoutes from './routes/calendars/index.js';
import insurerRoutes from './routes/insurers/index.js';
import eventRoutes from './routes/events/index.js';
import ownDateRoutes from './routes/own-dates/index.js';
import feedRoutes from './routes/feeds/index.js';
import healthRoutes from './routes/health/index.js';
import metricsRoutes from './routes/metrics/index.js';
import providerRoutes from './routes/providers/index.js';
import adminRoutes from './routes/admin/index.js';
import remindersPlugin, { type ReminderPluginOptions } from './reminders/plugin.js';
import dueItemRoutes from './routes/timeline/due-items.js';
import timelineRoutes from './routes/timeline/index.js';
import { SHARED_SCHEMAS } from './schemas/index.js';
import { ERROR_PAGES, isPagePath, sendBadAddressPage } from './web/not-found.js';
import feedPage from './web/feeds/index.js';
import webPages from './web/plugin.js';
import unsubscribePages from './web/unsubscribe/index.js';
import webhooksPlugin, { type WebhookPluginOptions } from './webhooks/plugin.js';
import webhookRoutes from './routes/webhooks/index.js';

export interface AppOptions {
  config: Config;
  /** Default: every calendar in calendars/, validated (a bad file stops the start). */
  calendars?: CalendarSet;
  /** Default: today in Europe/Amsterdam, or config.today when TODAY is set. */
  today?: () => IsoDate;
  /** Reminder e-mails: `schedule` starts the daily run and the start-up catch-up (server.ts); tests may swap transport and retries. */
  reminders?: Omit<ReminderPluginOptions, 'config'>;
  /** Webhooks: `deliver` runs the delivery loop (server.ts); tests may make retries faster. */
  webhooks?: Omit<WebhookPluginOptions, 'config'>;
  /** Answer each kind of request a few times before the first real one, in a rolled-back transaction (server.ts). */
  warmUp?: boolean;
}

/** Request bodies larger than this are refused with 413: a provider with 50 contracts is a few KB. */
export const BODY_LIMIT_BYTES = 100 * 1024;

/** Request work started per event-loop turn before the rest waits a turn: Node accepts one connection per turn. */
const TURN_BUDGET_MS = 3;

const { version } = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as {
  version: string;
};

/** The whole service as one plugin: tests register it on their own instance, server.ts on a listening one. */
export async function serviceApp(fastify: FastifyInstance, opts: AppOptions): Promise<void> {
  const { config } = opts;
  for (const schema of SHARED_SCHEMAS) fastify.addSchema(schema);
  // JSON and RFC 7396 merge patches (PATCH clients that follow it send that type), well-formed Unicode only.
  wellFormedJson(fastify);

  fastify.addHook('onRequest', async (request, reply) => {
    reply.header('x-request-id', request.id);
  });
  // People reading a mistyped page address get a page in the site's look; programs keep their problem+json.
  await fastify.register(problemsPlugin, { pages: ERROR_PAGES });
  await fastify.register(overloadPlugin, { maxDelayMs: config.overloadMaxDelayMs });
  await fastify.register(arrayLimitsPlugin);
  await fastify.register(helmetPlugin, { https: config.publicBaseUrl.startsWith('https:') });
  await fastify.register(corsPlugin, { origins: config.corsOrigins });
  await fastify.register(swaggerPlugin, { publicBaseUrl: config.publicBaseUrl, version });
  await fastify.register(sqlitePlugin, { path: config.databasePath, secretKey: config.secretKey });
  await fastify.register(calendarsPlugin, {
    calendars: opts.calendars ?? loadCalendarSet(),
    today: opts.today ?? (() => todayInAmsterdam(config.today)),
  });
  await fastify.register(metricsPlugin);
  await fastify.register(storePlugin, {
    adminApiKey: config.adminApiKey,
    newContactsPerKeyPerDay: config.newContactsPerKeyPerDay,
  });
  await fastify.register(authPlugin);
  await fastify.register(answerCachePlugin);
  await fastify.register(feedsPlugin, { publicBaseUrl: config.publicBaseUrl });
  await fastify.register(remindersPlugin, { config, ...opts.reminders });
  await fastify.register(webhooksPlugin, { config, ...opts.webhooks });

  await fastify.register(healthRoutes);
  await fastify.register(unsubscribePages, { prefix: '/unsubscribe' });
  await fastify.register(metricsRoutes, { token: config.metricsToken });
  await fastify.register(feedRoutes, { prefix: '/feeds', publicBaseUrl: config.publicBaseUrl });
  await fastify.register(feedPage, { prefix: '/feeds' });
  await fastify.register(webPages, { config });
  await fastify.register(
    async (api) => {
      // First: its ETag and 304 are settled before the rate limit charges a conditional read (a 304 is free).
      await api.register(conditionalReadsPlugin);
      await api.register(rateLimitPlugin, { perMinute: config.rateLimitPerMinute });
      api.addHook('onRequest', shedApiRequest); // after the rate limit: a shed request counts against its key
      api.addHook('preValidation', queryAsDeclared);
      await api.register(apiKeyRoutes, { prefix: '/api-keys' });
      await api.register(providerRoutes, { prefix: '/providers', publicBaseUrl: config.publicBaseUrl });
      await api.register(timelineRoutes, { prefix: '/providers' });
      await api.register(dueItemRoutes, { prefix: '/timeline' });
      await api.register(eventRoutes, { prefix: '/providers' });
      await api.register(ownDateRoutes, { prefix: '/providers' });
      await api.register(calendarRoutes, { prefix: '/calendars' });
      await api.register(insurerRoutes, { prefix: '/insurers' });
      await api.register(adminRoutes, { prefix: '/admin' });
      await api.register(webhookRoutes, { prefix: '/webhooks' });
    },
    { prefix: '/api/v1' },
  );
}

/** Fastify settings the service relies on: body limit, validation that lists every invalid field. */
export function fastifyOptions(config: Config): FastifyServerOptions {
  return {
    logger: loggerOptions(config.logLevel),
    bodyLimit: BODY_LIMIT_BYTES,
    // Unique across restarts, so a requestId quoted by a client finds its request in the log.
    genReqId: () => randomUUID(),
    return503OnClosing: true,
    // Behind a reverse proxy (TRUST_PROXY) request.ip is the client's, so per-address limits are per client.
    // A hop count is given as a function: Fastify 5.12's own number form trusts no hop at all (it fails closed).
    trustProxy:
      typeof config.trustProxy === 'number'
        ? (
            (hops: number) => (_address: string, hop: number) =>
              hop < hops
          )(config.trustProxy)
        : config.trustProxy,
    // A client that dribbles its request ties up a connection: headers and body must be in within the timeout,
    // checked every second (Node checks every 30 s by default), and a connection idle for 2 minutes is closed.
    requestTimeout: config.requestTimeoutMs,
    connectionTimeout: 120_000,
    // Requests start through the request queue: short event-loop turns at saturation, so new connections are
    // accepted promptly, and a request that waited past OVERLOAD_MAX_DELAY_MS is shed (plugins/app/request-queue.ts).
    serverFactory: (handler) =>
      createServer(
        {
          connectionsCheckingInterval: 1_000,
          headersTimeout: Math.min(10_000, config.requestTimeoutMs),
          requestTimeout: config.requestTimeoutMs,
        },
        requestQueue(handler, {
          turnBudgetMs: TURN_BUDGET_MS,
          maxWaitMs: config.overloadMaxDelayMs,
          bypass: alwaysAnswered,
        }),
      ),
    routerOptions: { ignoreTrailingSlash: true },
    // Errors before routing (a malformed URL) bypass the error handler: answer them as problems too.
    frameworkErrors: (error, request, reply) => {
      const status =
        error.statusCode !== undefined && error.statusCode >= 400 && error.statusCode < 500 ? error.statusCode : 400;
      // Fastify ignores what this returns: the reply is sent, not handed back.
      if (isPagePath(request.url)) sendBadAddressPage(request, reply, status);
      else
        sendProblem(request, reply, status, error.message, undefined, status === 400 ? 'malformed-request' : undefined);
    },
    schemaController: {
      // Compiled by the build, loaded on first use (src/plugins/app/schema-compilers.ts).
      compilersFactory: schemaCompilers(),
    },
    // The HTTP parser's own errors (431: headers too large, 408) as problems too, not Fastify's bare JSON.
    clientErrorHandler: (error: Error & { code?: string }, socket: Socket) => {
      if (error.code === 'ECONNRESET' || socket.destroyed) return;
      const status = error.code === 'HPE_HEADER_OVERFLOW' ? 431 : error.code === 'ERR_HTTP_REQUEST_TIMEOUT' ? 408 : 400;
      const detail =
        status === 431
          ? 'the request headers (or the URL) are larger than 16 KB'
          : status === 408
            ? 'the request took too long to arrive'
            : 'the request could not be read as HTTP';
      if (socket.writable) {
        const type: ProblemType =
          status === 431 ? 'headers-too-large' : status === 408 ? 'request-timeout' : 'malformed-request';
        const body = JSON.stringify(problemBody(type, status, detail, '/'));
        socket.write(
          `HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\nContent-Type: ${PROBLEM_CONTENT_TYPE}\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
        );
      }
      socket.destroy(error);
    },
  };
}

export async function buildApp(opts: AppOptions, overrides: FastifyServerOptions = {}) {
  const app = Fastify({ ...fastifyOptions(opts.config), ...overrides }).withTypeProvider<TypeBoxTypeProvider>();
  // Added before the service's own onReady hooks (reminder schedule, webhook deliveries): it runs before they start.
  if (opts.warmUp)
    app.addHook('onReady', async () => {
      try {
        const report = await warmUp(app);
        app.log.info(report, 'warmed up: each kind of request answered before the first real one (rolled back)');
      } catch (error) {
        // A service that cannot warm up still serves: its first answers are only slower.
        app.log.warn({ err: error }, 'warm-up failed; serving without it');
      }
    });
  await app.register(fp(serviceApp, { name: 'service' }), opts);
  await app.ready();
  return app;
}
