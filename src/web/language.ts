import type { FastifyReply, FastifyRequest } from 'fastify';
import { DEFAULT_LANGUAGE, isLanguage, type Language } from '../domain/language.js';

/** Where a reader's choice of language is remembered between pages. */
const LANGUAGE_COOKIE = 'taal';
const LANGUAGE_IN_COOKIE = /(?:^|;\s*)taal=(nl|en)(?:;|$)/;

export interface LanguageOptions {
  /** Her saved language (a contact's), used when the reader chose none. */
  fallback?: Language;
  /** Whether the remembered choice counts; off for a page cached by its address alone. */
  cookie?: boolean;
}

/**
 * The one reading of a web request's language: `?lang=`, else the cookie the pages set, else her saved language,
 * else Dutch. The cookie is read from the header, so pages outside the cookie plugin's scope read it the same.
 */
export function requestLanguage(request: FastifyRequest, options: LanguageOptions = {}): Language {
  const asked = (request.query as Record<string, unknown> | undefined)?.lang;
  if (isLanguage(asked)) return asked;
  const remembered = options.cookie === false ? undefined : LANGUAGE_IN_COOKIE.exec(request.headers.cookie ?? '')?.[1];
  if (isLanguage(remembered)) return remembered;
  return options.fallback ?? DEFAULT_LANGUAGE;
}

/** A page's language (requestLanguage); a `?lang=` the reader chose is remembered in a cookie for her next pages. */
export function languageOf(request: FastifyRequest, reply: FastifyReply, fallback?: Language): Language {
  const asked = (request.query as Record<string, unknown> | undefined)?.lang;
  if (isLanguage(asked))
    reply.setCookie(LANGUAGE_COOKIE, asked, { path: '/', sameSite: 'lax', httpOnly: true, maxAge: 365 * 24 * 3600 });
  return requestLanguage(request, { fallback });
}
