import type {} from '@fastify/cookie';
import type {} from '@fastify/csrf-protection';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { WebStore } from '../store/web.js';
import type { WebEmailChanges } from '../store/web-email.js';
import type { WebMail } from './mail.js';
import { languageOf } from './language.js';
import { renderPage, switchUrlOf, type PageFrame } from './render.js';
import type { Language } from '../domain/language.js';
import { wordsFor, type Words } from './words.js';

export { languageOf } from './language.js';

/** What every page module gets from the web plugin. */
export interface WebContext {
  store: WebStore;
  emailChanges: WebEmailChanges;
  publicBaseUrl: string;
  /** The From of every mail (the reminders' too): a queued digest made again for a new address keeps it. */
  mailFrom: string;
  sendMail: (mail: WebMail) => Promise<void>;
  /** At most this many mails per address per day for existing accounts and new-link requests. */
  mailsPerAddressPerDay: number;
  /** Per-client limit on the forms that send mail (sign-up, new link); 0: off. */
  formsPerHour: number;
  /** Per-client limit on the year overview PDFs (RATE_LIMIT_PER_MINUTE, as the API's); 0: off. */
  pdfsPerMinute: number;
}

export interface PageOptions {
  status?: number;
  language?: Language;
  errors?: PageFrame['errors'];
  /** POST forms on the page: a CSRF token is made for them. */
  form?: boolean;
}

/** Renders a page in the request's language, with the layout, the language switch and (for forms) a CSRF token. */
export function sendPage(
  request: FastifyRequest,
  reply: FastifyReply,
  template: string,
  title: (t: Words) => string,
  data: Record<string, unknown> = {},
  options: PageOptions = {},
) {
  const language = options.language ?? languageOf(request, reply);
  const frame: PageFrame = {
    language,
    title: title(wordsFor(language)),
    // After a POST the same address cannot be fetched again: the switch leads to the home page in the other language.
    switchUrl:
      request.method === 'GET' ? switchUrlOf(request.url, language) : `/?lang=${language === 'nl' ? 'en' : 'nl'}`,
    errors: options.errors,
    csrf: options.form ? reply.generateCsrf() : undefined,
  };
  return reply
    .code(options.status ?? 200)
    .type('text/html; charset=utf-8')
    .header('cache-control', 'private, no-store')
    .header('referrer-policy', 'no-referrer')
    .send(renderPage(template, frame, data));
}

/** A page with a heading, paragraphs and at most one button or a few links. */
export function sendMessage(
  request: FastifyRequest,
  reply: FastifyReply,
  content: (t: Words) => {
    heading: string;
    paragraphs: string[];
    form?: { action: string; button: string; danger?: boolean; hidden?: { name: string; value: string }[] };
    links?: { href: string; text: string }[];
  },
  options: PageOptions = {},
) {
  const language = options.language ?? languageOf(request, reply);
  const body = content(wordsFor(language));
  return sendPage(request, reply, 'shared/message', () => body.heading, body, {
    ...options,
    language,
    form: body.form !== undefined && options.form !== false,
  });
}
