import { fileURLToPath } from 'node:url';
import cookie from '@fastify/cookie';
import csrf from '@fastify/csrf-protection';
import rateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';
import type { Config } from '../config.js';
import aboutPages from './about/index.js';
import { sendMessage, type WebContext } from './context.js';
import homePage from './home/index.js';
import linkPages from './link/index.js';
import { IllFormedFieldError, wellFormedForms } from './form-body.js';
import { sendWebMail } from './mail.js';
import ownPages from './own/index.js';
import problemPages from './problems/index.js';
import recordPages from './record/index.js';
import signupPages from './signup/index.js';
import situationPage from './situation/index.js';

export interface WebOptions {
  config: Config;
}

const HOUR_MS = 3600_000;

/**
 * The web front door: server-rendered pages with plain forms (no JavaScript needed), in their own scope so
 * form bodies, cookies and CSRF checks apply to the pages only and the API stays as it is.
 */
export default async function webPages(fastify: FastifyInstance, opts: WebOptions): Promise<void> {
  const { config } = opts;
  const https = config.publicBaseUrl.startsWith('https:');
  await fastify.register(cookie);
  wellFormedForms(fastify, 32 * 1024);
  await fastify.register(csrf, { cookieOpts: { path: '/', sameSite: 'lax', httpOnly: true, secure: https } });
  await fastify.register(rateLimit, { global: false });
  await fastify.register(fastifyStatic, {
    root: fileURLToPath(new URL('./static/', import.meta.url)),
    prefix: '/static/',
    decorateReply: false,
    maxAge: HOUR_MS,
    index: false,
  });
  // Pages are not part of the API: keep them out of the OpenAPI document.
  fastify.addHook('onRoute', (route) => {
    route.schema = { ...route.schema, hide: true };
  });

  const { web: store, webEmail: emailChanges } = fastify.store;
  const context: WebContext = {
    store,
    emailChanges,
    publicBaseUrl: config.publicBaseUrl,
    mailFrom: config.mailFrom,
    sendMail: (mail) => sendWebMail(fastify.mailTransport, config.mailFrom, mail, config.publicBaseUrl),
    mailsPerAddressPerDay: 3,
    formsPerHour: config.webFormsPerHour,
    pdfsPerMinute: config.rateLimitPerMinute,
  };

  // Unconfirmed sign-ups go after 7 days, used-up links, unconfirmed addresses and day-old mail counts with them: at start and every hour.
  const purge = () => {
    const purged = { ...store.purge(), addresses: emailChanges.purge() };
    if (purged.signups + purged.links + purged.addresses > 0)
      fastify.log.info(purged, 'web: expired sign-ups and links deleted');
  };
  fastify.addHook('onReady', async () => purge());
  const timer = setInterval(() => {
    try {
      purge();
    } catch (error) {
      fastify.log.warn({ err: (error as Error).message }, 'web: purge failed; next hour again');
    }
  }, HOUR_MS);
  timer.unref();
  fastify.addHook('onClose', async () => clearInterval(timer));

  // A person never sees a stack trace or JSON: every failure is a page that says what happened and what to do.
  fastify.setErrorHandler((error: Error & { statusCode?: number; code?: string }, request, reply) => {
    const status = error.statusCode && error.statusCode >= 400 && error.statusCode < 600 ? error.statusCode : 500;
    if (status >= 500) request.log.error({ err: error }, 'web: page failed');
    else request.log.info({ status, code: error.code }, 'web: request refused');
    if (status === 429) reply.header('retry-after', '3600');
    return sendMessage(
      request,
      reply,
      (t) => {
        if (status === 429)
          return { heading: t.tooManyTitle, paragraphs: [t.tooManyBody], links: [{ href: '/', text: t.home }] };
        if (error instanceof IllFormedFieldError)
          return {
            heading: t.illFormedTitle,
            paragraphs: [t.illFormedBody(t.fieldLabel(error.field))],
            links: [{ href: '/', text: t.home }],
          };
        if (error.code?.startsWith('FST_CSRF'))
          return { heading: t.csrfTitle, paragraphs: [t.csrfBody], links: [{ href: '/', text: t.home }] };
        if (status >= 500)
          return { heading: t.errorPageTitle, paragraphs: [t.errorPageBody], links: [{ href: '/', text: t.home }] };
        if (status === 404)
          return { heading: t.notFoundTitle, paragraphs: [t.notFoundBody], links: [{ href: '/', text: t.home }] };
        return { heading: t.badRequestTitle, paragraphs: [t.badRequestBody], links: [{ href: '/', text: t.home }] };
      },
      { status, form: false },
    );
  });

  await fastify.register(homePage);
  await fastify.register(aboutPages, { operator: config.operator });
  await fastify.register(problemPages);
  await fastify.register(situationPage, {
    publicBaseUrl: config.publicBaseUrl,
    pdfsPerMinute: config.rateLimitPerMinute,
  });
  await fastify.register(async (scope) => signupPages(scope, context));
  await fastify.register(async (scope) => ownPages(scope, context));
  await fastify.register(async (scope) => linkPages(scope, context));
  await fastify.register(async (scope) => recordPages(scope, context));
}
